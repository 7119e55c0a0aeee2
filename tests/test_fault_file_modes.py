"""File modes (issue 15, point 6): owner-only data folder, log, database and key file.

A key file others can read is made owner-only before it is used; one that belongs
to another user (or is a link) is refused with a sentence. The data folder is 0700
and the log 0600 (rotated logs too), as the database and backups are.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from storage.keys import KeyProblem, KeyStore, create_key_file, key_file_for
from tests.safety import SELLER_A, cli


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_log_database_and_key_are_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new" / "data" / "account-health.sqlite3"
    old = os.umask(0o022)
    try:
        done = cli(db, "import", str(SELLER_A / "orders-1.txt"))
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    assert _mode(db.parent) == 0o700
    for path in (db, key_file_for(db), db.parent / "account-health.log"):
        assert _mode(path) == 0o600, path


def test_the_default_data_folder_is_tightened_and_a_chosen_one_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import main

    default = tmp_path / "AccountHealthMonitor"
    chosen = tmp_path / "Shared"
    for folder in (default, chosen):
        folder.mkdir(mode=0o755)
        folder.chmod(0o755)
    monkeypatch.setattr(main, "platform_data_dir", lambda: default)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        main.configure_logging(default, False)
        main.configure_logging(chosen, False)
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                handler.close()
                root.removeHandler(handler)
    assert _mode(default) == 0o700
    assert _mode(chosen) == 0o755  # the seller's own folder: only our files are private
    assert _mode(chosen / "account-health.log") == 0o600


def test_rotated_and_older_logs_are_owner_only(tmp_path: Path) -> None:
    from storage.private_files import PrivateRotatingFileHandler

    log_file = tmp_path / "account-health.log"
    log_file.write_text("written by an older version\n")
    log_file.chmod(0o644)
    handler = PrivateRotatingFileHandler(log_file, maxBytes=200, backupCount=2, encoding="utf-8")
    try:
        for n in range(20):
            handler.emit(logging.makeLogRecord({"msg": f"line {n} " + "x" * 40}))
    finally:
        handler.close()
    logs = sorted(tmp_path.glob("account-health.log*"))
    assert len(logs) == 3
    assert {p.name: _mode(p) for p in logs} == {p.name: 0o600 for p in logs}


def test_a_world_readable_key_file_is_made_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "account-health.sqlite3"
    assert cli(db, "import", str(SELLER_A / "orders-1.txt")).returncode == 0
    key_file_for(db).chmod(0o644)
    done = cli(db, "import", str(SELLER_A / "orders-2.txt"))
    assert done.returncode == 0, done.stdout
    assert _mode(key_file_for(db)) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_key_file_of_another_user_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "account-health.sqlite3"
    assert cli(db, "import", str(SELLER_A / "orders-1.txt")).returncode == 0
    os.chown(key_file_for(db), 65534, 65534)  # nobody
    done = cli(db, "import", str(SELLER_A / "feedback.txt"))
    assert done.returncode == 1
    assert "belongs to another user or is a link, so it is not used" in done.stdout
    with pytest.raises(KeyProblem, match="another user"):
        KeyStore(db).key(existing_data=True)


def test_a_key_file_that_is_a_link_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "account-health.sqlite3"
    elsewhere = tmp_path / "elsewhere.key"
    create_key_file(elsewhere)
    key_file_for(db).symlink_to(elsewhere)
    with pytest.raises(KeyProblem, match="is a link"):
        KeyStore(db).key(existing_data=True)
