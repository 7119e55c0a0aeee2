"""Moving to a new computer: the key backup (issue 14, "Moving to a new computer / key backup").

`key export FILE` seals the key with a passphrase the seller chooses (scrypt, AES-GCM);
`key import FILE` makes it the key of a database in a fresh data folder. The test moves
a database, its backup and the exported key to a fresh folder and reads every buyer
detail back, from the database and from the restored backup.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.cipher import PLACEHOLDER
from storage.keys import key_file_for
from tests.safety import SAMPLES, SELLER_A, cli

PASSPHRASE = "a long passphrase only I know\n"
NOW = datetime(2026, 11, 20, 15, tzinfo=UTC)


def every_pii_field(db: Path) -> dict[tuple[str, str, str], str]:
    """Every encrypted value of every `_enc` column, decrypted with the database's key at its
    place (storage/pii_places.py lists every encrypted column and its row key)."""
    from storage.db import Store
    from storage.pii_places import ENCRYPTED

    found: dict[tuple[str, str, str], str] = {}
    with Store(db) as store, closing(sqlite3.connect(str(db))) as conn:
        cipher = store.cipher
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for e in ENCRYPTED:
            if e.table not in tables:
                continue
            rows = conn.execute(
                f'SELECT {e.key_sql}, "{e.column}" FROM "{e.table}" WHERE "{e.column}" IS NOT NULL'
            )
            for key, blob in rows:
                found[(e.table, e.column, str(key))] = cipher.decrypt_field(
                    blob, e.table, e.column, str(key)
                )
    return found


@pytest.fixture(scope="module")
def old_computer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seller's data folder: every sample file imported, a backup, the key in a file."""
    from storage.backup import back_up_now

    db = tmp_path_factory.mktemp("old") / "data" / "account-health.sqlite3"
    files = sorted(SELLER_A.glob("*.txt")) + sorted(SELLER_A.glob("*.csv"))
    files.append(SAMPLES / "email" / "inbox.mbox")
    done = cli(db, "import", *map(str, files))
    assert done.returncode == 0, done.stdout
    back_up_now(db, db.parent / "backups", NOW)
    return db


def test_moving_the_database_backup_and_key_reads_every_buyer_detail_back(
    old_computer: Path, tmp_path: Path
) -> None:
    from storage.backup import list_backups, restore

    original = every_pii_field(old_computer)
    assert len(original) > 300 and PLACEHOLDER not in original.values()
    key_backup = tmp_path / "usb-stick" / "account-health-key.json"
    key_backup.parent.mkdir()
    done = cli(old_computer, "key", "export", str(key_backup), "--passphrase-file", "-",
               stdin=PASSPHRASE)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "buyer details in them can only be read with this key" in done.stdout
    assert stat.S_IMODE(key_backup.stat().st_mode) == 0o600
    text = key_backup.read_text()
    assert json.loads(text)["kdf"]["name"] == "scrypt"
    assert key_file_for(old_computer).read_text().strip() not in text  # sealed, not copied

    new = tmp_path / "new-computer" / "data" / "account-health.sqlite3"
    new.parent.mkdir(parents=True)
    shutil.copyfile(old_computer, new)  # the database and its backups, not the key
    shutil.copytree(old_computer.parent / "backups", new.parent / "backups")
    status = cli(new, "key", "status")
    assert status.returncode == 1 and "is missing" in status.stdout
    assert set(every_pii_field(new).values()) == {PLACEHOLDER}

    done = cli(new, "key", "import", str(key_backup), "--passphrase-file", "-", stdin=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    assert every_pii_field(new) == original
    assert cli(new, "key", "status").returncode == 0

    [backup] = list_backups(new.parent / "backups")
    restore(new, backup.path, new.parent / "backups", NOW)
    assert every_pii_field(new) == original  # the backup's buyer details too


def test_a_wrong_passphrase_or_another_databases_key_is_refused(
    old_computer: Path, tmp_path: Path
) -> None:
    key_backup = tmp_path / "key.json"
    assert cli(old_computer, "key", "export", str(key_backup), "--passphrase-file", "-",
               stdin=PASSPHRASE).returncode == 0  # fmt: skip
    other = tmp_path / "other" / "account-health.sqlite3"
    assert cli(other, "import", str(SELLER_A / "orders-1.txt")).returncode == 0
    other_key = key_file_for(other).read_bytes()
    wrong = cli(other, "key", "import", str(key_backup), "--passphrase-file", "-",
                stdin="not the passphrase\n")  # fmt: skip
    assert wrong.returncode == 1
    assert "The passphrase does not open key.json" in wrong.stderr
    foreign = cli(other, "key", "import", str(key_backup), "--passphrase-file", "-",
                  stdin=PASSPHRASE)  # fmt: skip
    assert foreign.returncode == 1
    assert "holds the key of another database" in foreign.stderr
    assert key_file_for(other).read_bytes() == other_key  # nothing was changed
    again = cli(old_computer, "key", "export", str(key_backup), "--passphrase-file", "-",
                stdin=PASSPHRASE)  # fmt: skip
    assert again.returncode == 1 and "already exists" in again.stderr


def test_a_short_passphrase_a_missing_terminal_and_no_passphrase_option(tmp_path: Path) -> None:
    db = tmp_path / "account-health.sqlite3"
    short = cli(db, "key", "export", str(tmp_path / "k.json"), "--passphrase-file", "-",
                stdin="short\n")  # fmt: skip
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    no_tty = cli(db, "key", "export", str(tmp_path / "k.json"), stdin="")
    assert no_tty.returncode == 1 and "--passphrase-file" in no_tty.stderr
    plain = cli(db, "key", "export", str(tmp_path / "k.json"), "--passphrase", "secret12")
    assert plain.returncode == 2  # a passphrase is never taken on the command line
    assert not (tmp_path / "k.json").exists()


def test_key_reset_starts_over_when_the_key_is_lost_for_good(
    old_computer: Path, tmp_path: Path
) -> None:
    db = tmp_path / "data" / "account-health.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(old_computer, db)
    shutil.copyfile(key_file_for(old_computer), key_file_for(db))
    refused = cli(db, "key", "reset", "--yes")
    assert refused.returncode == 1 and "works" in refused.stderr  # nothing to reset
    key_file_for(db).unlink()
    unconfirmed = cli(db, "key", "reset")
    assert unconfirmed.returncode == 1 and "--yes" in unconfirmed.stderr
    done = cli(db, "key", "reset", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Erased" in done.stdout and "backup-" in done.stdout
    assert every_pii_field(db) == {}
    again = cli(db, "import", str(SELLER_A / "feedback.txt"))
    assert again.returncode == 0, again.stdout
    assert PLACEHOLDER not in every_pii_field(db).values()
