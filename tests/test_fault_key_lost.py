"""Fault: the key of existing buyer data is missing or different (issue 14, fault 1).

Through the CLI in child processes: an import that would write buyer data is refused
with one sentence saying what is wrong and how to fix it, exit 1, nothing written;
metrics keep working; once the key is back, imports work again with
the same key (no second key was ever made).
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest

from storage.keys import key_file_for
from tests.fixtures.file_keyring import FileKeyring
from tests.safety import (
    AS_OF,
    FILE_KEYRING,
    LOCKED_KEYRING,
    NO_KEYRING,
    SELLER_A,
    child_env,
    cli,
    table_digest,
)
from tests.test_keys_and_cipher import FailingKeyring


@dataclass(frozen=True)
class Case:
    name: str
    backend: str  # the keyring of the child processes while the data was made
    broken_backend: str  # ... and while the key is lost
    lose: Callable[[Path, Path], None]  # (db, keyring folder) -> break the key
    said: tuple[str, ...]  # the refusal sentence says these


def _move_key_file(db: Path, _kr: Path) -> None:
    key_file_for(db).rename(db.with_name("kept.key"))


def _other_key_file(db: Path, _kr: Path) -> None:
    _move_key_file(db, _kr)
    key_file_for(db).write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    key_file_for(db).chmod(0o600)


def _forget_keyring(_db: Path, kr: Path) -> None:
    kept = kr.with_name("kept-keyring")
    shutil.copytree(kr, kept)
    for entry in kr.iterdir():
        entry.unlink()


def _lock_keyring(_db: Path, _kr: Path) -> None:
    return None  # the broken backend is the locked one


def _restore(db: Path, kr: Path) -> None:
    if db.with_name("kept.key").exists():
        db.with_name("kept.key").replace(key_file_for(db))
    kept = kr.with_name("kept-keyring")
    if kept.exists():
        shutil.rmtree(kr)
        kept.rename(kr)


CASES = [
    Case(
        "key file deleted",
        NO_KEYRING,
        NO_KEYRING,
        _move_key_file,
        ("is missing", "put the key file back", "key import"),
    ),
    Case(
        "another key in the key file",
        NO_KEYRING,
        NO_KEYRING,
        _other_key_file,
        ("is not the key of", "restore this database's key file", "key import"),
    ),
    Case(
        "keyring entry gone",
        FILE_KEYRING,
        FILE_KEYRING,
        _forget_keyring,
        ("is missing", "key import"),
    ),
    Case(
        "keyring locked",
        FILE_KEYRING,
        LOCKED_KEYRING,
        _lock_keyring,
        ("cannot be reached", "unlock the keyring", "key import"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_lost_key_refuses_pii_imports_and_keeps_the_rest_working(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, kr = tmp_path / "data" / "account-health.sqlite3", tmp_path / "keyring"
    kr.mkdir()
    monkeypatch.setenv("AHM_TEST_KEYRING", str(kr))
    keyring.set_keyring(FileKeyring() if case.backend == FILE_KEYRING else FailingKeyring())
    from storage.db import Store
    from storage.imports.apply import apply_import
    from tests.test_pii_at_rest import NOW

    with Store(db) as store:  # the seller's data, made in this process (faster than a child)
        for name in ("orders-1.txt", "feedback.txt"):
            assert apply_import(store, SELLER_A / name, now=NOW).ok
    healthy = cli(db, "metrics", "--as-of", AS_OF, env=child_env(case.backend, kr))
    assert healthy.returncode == 0, healthy.stderr
    before = table_digest(db)

    case.lose(db, kr)
    broken = child_env(case.broken_backend, kr)
    refused = cli(db, "import", str(SELLER_A / "orders-2.txt"), env=broken)
    assert refused.returncode == 1
    [line] = refused.stdout.splitlines()
    assert line.startswith("orders-2.txt: refused: ")
    assert str(db) in line and line.endswith(".")
    for part in case.said:
        assert part in line, (part, line)
    assert table_digest(db) == before  # nothing written
    metrics = cli(db, "metrics", "--as-of", AS_OF, env=broken)
    assert (metrics.returncode, metrics.stdout) == (0, healthy.stdout)
    status = cli(db, "key", "status", env=broken)
    assert status.returncode == 1 and case.said[0] in status.stdout

    _restore(db, kr)
    fixed = cli(db, "import", str(SELLER_A / "orders-2.txt"), env=child_env(case.backend, kr))
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert cli(db, "key", "status", env=child_env(case.backend, kr)).returncode == 0
    if case.backend == FILE_KEYRING:
        assert not key_file_for(db).exists()  # the locked keyring never forked a key file
        assert len(list(kr.iterdir())) == 1


def test_the_key_backup_brings_a_deleted_key_back(tmp_path: Path) -> None:
    db = tmp_path / "data" / "account-health.sqlite3"
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("correct horse battery\n")
    assert cli(db, "import", str(SELLER_A / "orders-1.txt")).returncode == 0
    exported = cli(db, "key", "export", str(tmp_path / "key.json"), "--passphrase-file", "-",
                   stdin="correct horse battery\n")  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    key_file_for(db).unlink()
    assert cli(db, "import", str(SELLER_A / "orders-2.txt")).returncode == 1
    imported = cli(db, "key", "import", str(tmp_path / "key.json"),
                   "--passphrase-file", str(passphrase))  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    again = cli(db, "import", str(SELLER_A / "orders-2.txt"), str(SELLER_A / "feedback.txt"))
    assert again.returncode == 0, again.stdout
    assert "refused" not in again.stdout
