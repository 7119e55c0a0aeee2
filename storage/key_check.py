"""Which key belongs to a database, and a cipher that refuses to write with the wrong one.

The database remembers a fingerprint of its key (an HMAC of a fixed text, which
reveals nothing about the key). A missing or different key then gives a cipher
that shows placeholders and refuses to encrypt: new buyer data is never written
with a key that cannot open the old, so nothing becomes unreadable for ever.
Creating the first key runs under the database's write lock (BEGIN IMMEDIATE),
so processes starting together agree on one key.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os

import sqlite_utils
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.cipher import PiiCipher
from storage.keys import KeyProblem, KeyStore

log = logging.getLogger(__name__)

KEY_CHECK_SETTING = "pii_key_check"
_FINGERPRINT_TEXT = b"account-health-monitor pii key check"
_FINGERPRINT_PREFIX = "hmac-sha256:"
_LEGACY_TEXT = b"account-health-monitor pii key check"
_LEGACY_NONCE = 12


class KeyMissing(Exception):
    """Buyer data would be written with a key that cannot open the data already stored."""


def fingerprint(key: bytes) -> str:
    """What the database stores to recognise its key later (not the key, nor a way to it)."""
    return _FINGERPRINT_PREFIX + hmac.new(key, _FINGERPRINT_TEXT, hashlib.sha256).hexdigest()


def matches(key: bytes, stored: str) -> bool:
    """Whether `key` is the one that wrote `stored` (a fingerprint, or the older probe)."""
    text = stored.strip().strip('"')
    if text.startswith(_FINGERPRINT_PREFIX):
        return hmac.compare_digest(text, fingerprint(key))
    try:  # databases made before fingerprints hold an AES-GCM probe (version, nonce, ct)
        blob = bytes.fromhex(text)
        nonce, sealed = blob[1 : 1 + _LEGACY_NONCE], blob[1 + _LEGACY_NONCE :]
        return AESGCM(key).decrypt(nonce, sealed, None) == _LEGACY_TEXT
    except (ValueError, InvalidTag):
        return False


def stored_check(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [KEY_CHECK_SETTING]).fetchone()
    return None if row is None else str(row[0])


def write_check(db: sqlite_utils.Database, key: bytes) -> None:
    """Remember `key` as this database's key (the caller holds the write transaction)."""
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [KEY_CHECK_SETTING, f'"{fingerprint(key)}"'],
    )


class RefusingCipher(PiiCipher):
    """Reads give placeholders; any write of buyer data raises KeyMissing with the sentence."""

    def __init__(self, problem: str) -> None:
        super().__init__(os.urandom(32))  # a key nothing was encrypted with: placeholders
        self.problem = problem

    def encrypt(self, text: str | None, *args: object, **kwargs: object) -> bytes | None:
        if not text:
            return None
        raise KeyMissing(self.problem)

    def encrypt_field(
        self, text: str | None, table: str, column: str, row_key: str
    ) -> bytes | None:
        return self.encrypt(text)

    def lookup_hash(self, purpose: str, value: str) -> str:
        """Thread and message ids are keyed by the key too: a throwaway key would split
        every thread from its history, so they are refused like any other write."""
        raise KeyMissing(self.problem)


def different_key_sentence(keys: KeyStore) -> str:
    where = f"the key file {keys.key_file}" if keys.key_file else "the system keyring"
    return (
        f"The encryption key in {where} is not the key of {keys.db_path}, so buyer details "
        "cannot be shown or imported: restore this database's key file, or import its key "
        "backup (Settings > Data & backups > Import key..., or `key import FILE`)."
    )


def open_cipher(
    db: sqlite_utils.Database, keys: KeyStore, *, read_only: bool = False
) -> tuple[PiiCipher, str | None]:
    """The cipher for this database and the sentence saying what is wrong (None when fine).

    With no fingerprint yet, the key is found or made and remembered under the write
    lock; with one, the key must exist (never made anew) and match it.
    """
    stored = stored_check(db)
    if stored is None and not read_only:
        from storage.db import transaction

        with transaction(db):
            stored = stored_check(db)
            if stored is None:
                try:
                    key = keys.key(existing_data=False)
                except KeyProblem as exc:  # e.g. a key file of another user lies there
                    return _refusing(str(exc), keys)
                write_check(db, key)
                return PiiCipher(key), None
    if stored is None:  # read-only and never used: nothing was encrypted
        return RefusingCipher(f"{keys.db_path} is read-only; nothing can be imported."), None
    try:
        key = keys.key(existing_data=True)
    except KeyProblem as exc:
        return _refusing(str(exc), keys)
    if not matches(key, stored):
        return _refusing(different_key_sentence(keys), keys)
    return PiiCipher(key), None


def _refusing(problem: str, keys: KeyStore) -> tuple[PiiCipher, str]:
    log.error("PII key problem for %s: %s", keys.db_path, problem)
    return RefusingCipher(problem), problem
