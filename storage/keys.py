"""The key that encrypts buyer PII: kept in the OS keyring, else in a 0600 file.

Where no keyring works it falls back to a key file beside the database and says
why, so the CLI and GUI can warn. Only `_enc` columns are encrypted (storage/cipher.py):
losing the key never hides metrics.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import secrets as _random
from pathlib import Path
from typing import Literal

import keyring

log = logging.getLogger(__name__)

SERVICE = "account-health-monitor"
KEY_BYTES = 32

KeyLocation = Literal["keyring", "file"]


def key_file_for(db_path: Path) -> Path:
    """`<dbname>.key` beside the database (the fallback when no keyring works)."""
    return db_path.with_name(db_path.name + ".key")


def keyring_username(db_path: Path) -> str:
    """One keyring entry per database file, named by its absolute path."""
    return f"pii-key:{db_path.expanduser().resolve()}"


class KeyUnavailable(ValueError):
    """The key exists somewhere unreachable right now (e.g. a locked keyring)."""


class KeyStore:
    """Finds or creates the PII key of one database; never makes a second one.

    Order: an existing key file wins (a key written while the keyring was
    down stays the key once it comes back), then the keyring entry, then a new
    key in the keyring, verified by reading it back; else a new key file.
    """

    def __init__(self, db_path: Path, *, service: str = SERVICE) -> None:
        self.db_path = db_path
        self.service = service
        self.location: KeyLocation = "keyring"
        self.key_file: Path | None = None
        self.fallback_reason: str | None = None
        self._key: bytes | None = None

    def key(self, *, existing_data: bool = False) -> bytes:
        """The 32-byte key, loading or creating it on first use.

        With `existing_data`, an unreachable keyring raises KeyUnavailable
        instead of starting a key file: the data's key may be in that keyring.
        """
        if self._key is None:
            self._key = self._load_or_create(existing_data)
        return self._key

    def _load_or_create(self, existing_data: bool) -> bytes:
        path = key_file_for(self.db_path)
        if path.exists():
            return self._use_file(path, None, self._read_file(path))
        user = keyring_username(self.db_path)
        try:
            stored = keyring.get_password(self.service, user)
        except Exception as exc:  # any backend failure (locked, no D-Bus, ...) counts
            if existing_data:
                raise KeyUnavailable(
                    f"the system keyring, which holds the key of this database, "
                    f"is not available ({exc})"
                ) from exc
            return self._use_file(path, f"the system keyring is not available ({exc})")
        if stored:
            try:
                return _decode_key(stored)
            except ValueError as exc:
                # Never overwrite an existing entry: it may belong to old data.
                return self._use_file(path, f"the keyring entry is unreadable ({exc})")
        key = _random.token_bytes(KEY_BYTES)
        encoded = base64.b64encode(key).decode("ascii")
        try:
            keyring.set_password(self.service, user, encoded)
            kept = keyring.get_password(self.service, user)
        except Exception as exc:  # any backend failure counts
            return self._use_file(path, f"the system keyring refused the key ({exc})")
        if kept != encoded:
            return self._use_file(path, "the system keyring did not keep the key")
        return key

    def _use_file(self, path: Path, reason: str | None, key: bytes | None = None) -> bytes:
        self.location = "file"
        self.key_file = path
        if key is None:
            key = _random.token_bytes(KEY_BYTES)
            _write_private(path, base64.b64encode(key) + b"\n")
            log.warning("PII key stored in %s: %s", path, reason)
        self.fallback_reason = reason or f"the encryption key is kept in the file {path}"
        return key

    @staticmethod
    def _read_file(path: Path) -> bytes:
        try:
            return _decode_key(path.read_text("ascii"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError(f"the key file {path} cannot be read ({exc})") from exc


def _decode_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except binascii.Error as exc:
        raise ValueError("not base64") from exc
    if len(key) != KEY_BYTES:
        raise ValueError(f"{len(key)} bytes instead of {KEY_BYTES}")
    return key


def _write_private(path: Path, data: bytes) -> None:
    """Create a file readable by its owner only; refuses to replace one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.chmod(path, 0o600)
