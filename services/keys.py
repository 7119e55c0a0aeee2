"""The encryption key's use cases: export and import a key backup, check a backup, start over.

The CLI's `key` commands and the Settings screen (Export key..., Import key...) call
these; the sentences they raise (KeyActionRefused, KeyBackupRefused) are shown as
they are.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from services.changes import Changes
from storage.backup import back_up_now, chosen_backup_dir
from storage.db import Store, transaction
from storage.key_backup import KeyBackupRefused, read_key_backup, write_key_backup
from storage.key_check import KEY_CHECK_SETTING, matches, stored_check, write_check
from storage.keys import KeyProblem, KeyUnavailable

__all__ = [
    "KeyActionRefused",
    "KeyBackupRefused",
    "backup_needs_key",
    "export_key",
    "import_key",
    "reset_key",
]

log = logging.getLogger(__name__)


class KeyActionRefused(Exception):
    """The key cannot be exported, imported or reset now: `str()` is the sentence."""


@dataclass(frozen=True, slots=True)
class KeyReset:
    erased: int  # encrypted values that no key could open any more
    backup: Path  # the copy made first, in case the old key turns up


def export_key(store: Store, dest: Path, passphrase: str) -> Path:
    """Write a key backup of this database's key, sealed with `passphrase`."""
    _ = store.cipher  # finds the key and checks it against the data
    if store.key_problem:
        raise KeyActionRefused(store.key_problem)
    try:
        key = store.key_store.key(existing_data=True)
    except KeyProblem as exc:
        raise KeyActionRefused(str(exc)) from exc
    return write_key_backup(dest, key, passphrase)


def import_key(store: Store, source: Path, passphrase: str) -> Changes:
    """Make the key in a key backup this database's key, if it is the key of its data."""
    key = read_key_backup(source, passphrase)
    db = store.db
    stored = stored_check(db)
    if stored is not None and not matches(key, stored):
        raise KeyActionRefused(
            f"{source.name} holds the key of another database, not of {store.path}; "
            "nothing was changed: import the key backup made from this database."
        )
    store.key_store.replace(key)
    if stored is None and not store.read_only:
        with transaction(db):
            write_check(db, key)
    store.forget_key()
    _ = store.cipher
    return Changes.everything()


def backup_needs_key(store: Store, backup_file: Path) -> bool:
    """Whether the backup's buyer details were encrypted with a key other than ours
    (restoring it then needs that key's backup too)."""
    try:
        uri = f"{backup_file.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", [KEY_CHECK_SETTING]
            ).fetchone()
    except sqlite3.Error:
        return False  # not a readable backup: the restore itself says so
    if row is None:
        return False
    try:
        key = store.key_store.key(existing_data=True)
    except KeyProblem:
        return True
    return not matches(key, str(row[0]))


def check_key_backup(backup_file: Path, key_backup: Path, passphrase: str) -> bytes:
    """The key in `key_backup`, if it opens `backup_file`'s buyer details."""
    key = read_key_backup(key_backup, passphrase)
    uri = f"{backup_file.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", [KEY_CHECK_SETTING]
            ).fetchone()
    except sqlite3.Error:
        row = None
    if row is not None and not matches(key, str(row[0])):
        raise KeyActionRefused(
            f"{key_backup.name} is not the key of {backup_file.name}; nothing was restored."
        )
    return key


def reset_key(store: Store, now: datetime) -> KeyReset:
    """Give up a key that is lost for good: erase what only it could open, start anew.

    Refused while the key works, or while the keyring that may hold it is locked. A
    backup is made first: if the old key turns up, restoring it brings the details back.
    """
    _ = store.cipher
    if not store.key_problem:
        raise KeyActionRefused(
            f"The encryption key of {store.path} works; there is nothing to reset."
        )
    try:
        store.key_store.key(existing_data=True)
    except KeyUnavailable as exc:
        raise KeyActionRefused(
            "The keyring that may hold the key cannot be reached; unlock it first "
            "(the key may be there), then try again."
        ) from exc
    except KeyProblem:
        pass  # missing or unreadable: the reset is what is asked for
    db = store.db
    backup = back_up_now(store.path, chosen_backup_dir(db, store.path), now)
    erased = 0
    with transaction(db):
        for table, column in _encrypted_columns(db.conn):
            erased += db.execute(
                f'UPDATE "{table}" SET "{column}" = NULL WHERE "{column}" IS NOT NULL'
            ).rowcount
        db.execute("DELETE FROM settings WHERE key = ?", [KEY_CHECK_SETTING])
    log.warning("key of %s reset: %d encrypted values erased", store.path, erased)
    store.forget_key()
    _ = store.cipher  # finds (or makes) the key and remembers it for the data from now on
    if store.key_problem:
        raise KeyActionRefused(store.key_problem)
    return KeyReset(erased, backup)


def _encrypted_columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every `_enc` column (the schema's convention for encrypted buyer data)."""
    found = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for column in conn.execute(f'PRAGMA table_info("{table}")'):
            if str(column[1]).endswith("_enc"):
                found.append((str(table), str(column[1])))
    return found
