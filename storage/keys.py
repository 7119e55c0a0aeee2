"""The key that encrypts buyer PII: kept in the OS keyring, else in a 0600 file.

Where no keyring works it falls back to a key file beside the database and says
why, so the CLI and GUI can warn. Only `_enc` columns are encrypted (storage/cipher.py):
losing the key never hides metrics. Once data exists, a key is only ever found, never
made anew (storage/key_check.py decides whether data exists and whether the key fits).
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import secrets as _random
import stat
import sys
from contextlib import suppress
from pathlib import Path
from typing import Literal

import keyring
from keyring.errors import NoKeyringError

log = logging.getLogger(__name__)

SERVICE = "account-health-monitor"
KEY_BYTES = 32

KeyLocation = Literal["keyring", "file"]

FIX_HINT = "import the key backup (Settings > Data & backups > Import key..., or `key import FILE`)"


def key_file_for(db_path: Path) -> Path:
    """`<dbname>.key` beside the database (the fallback when no keyring works)."""
    return db_path.with_name(db_path.name + ".key")


def keyring_username(db_path: Path) -> str:
    """One keyring entry per database file, named by its absolute path."""
    return f"pii-key:{db_path.expanduser().resolve()}"


class KeyProblem(ValueError):
    """The key of existing data cannot be used; `str()` is a sentence with the fix."""


class KeyUnavailable(KeyProblem):
    """The key exists somewhere unreachable right now (e.g. a locked keyring)."""


class KeyNotFound(KeyProblem):
    """Neither a key file nor a keyring entry exists, but the data needs its key."""


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

        With `existing_data` nothing is created: a missing or unreachable key raises
        a KeyProblem (its sentence says how to get the key back).
        """
        if self._key is None:
            self._key = self._load_or_create(existing_data)
        return self._key

    def forget(self) -> None:
        """Look the key up again at next use (it was imported, or the keyring unlocked)."""
        self._key = None
        self.location, self.key_file, self.fallback_reason = "keyring", None, None

    def _load_or_create(self, existing_data: bool) -> bytes:
        path = key_file_for(self.db_path)
        if path.exists():
            return self._use_file(path, None, read_key_file(path))
        user = keyring_username(self.db_path)
        try:
            stored = keyring.get_password(self.service, user)
        except NoKeyringError as exc:  # no keyring on this computer: the key was in the file
            if existing_data:
                raise self._not_found(path) from exc
            log.warning("no system keyring: %s", _short(exc))
            return self._use_file(path, "the system keyring is not available")
        except Exception as exc:  # any backend failure (locked, no D-Bus, ...) counts
            if existing_data:
                raise KeyUnavailable(
                    f"The system keyring, which holds the encryption key of {self.db_path}, "
                    f"cannot be reached ({_short(exc)}), so buyer details cannot be shown or "
                    f"imported: unlock the keyring (log in to the desktop session), or "
                    f"{FIX_HINT}."
                ) from exc
            log.warning("the system keyring cannot be reached: %s", _short(exc))
            return self._use_file(path, "the system keyring could not be reached")
        if stored:
            try:
                return _decode_key(stored)
            except ValueError as exc:
                if existing_data:
                    raise KeyProblem(
                        f"The keyring entry holding the encryption key of {self.db_path} is "
                        f"unreadable ({exc}), so buyer details cannot be shown or imported: "
                        f"{FIX_HINT}."
                    ) from exc
                # Never overwrite an existing entry: it may belong to old data.
                log.warning("the keyring entry is unreadable: %s", exc)
                return self._use_file(path, "the keyring entry is unreadable")
        if existing_data:
            raise self._not_found(path)
        key = _random.token_bytes(KEY_BYTES)
        encoded = base64.b64encode(key).decode("ascii")
        try:
            keyring.set_password(self.service, user, encoded)
            kept = keyring.get_password(self.service, user)
        except Exception as exc:  # any backend failure counts
            log.warning("the system keyring refused the key: %s", _short(exc))
            return self._use_file(path, "the system keyring refused the key")
        if kept != encoded:
            return self._use_file(path, "the system keyring did not keep the key")
        return key

    def _not_found(self, path: Path) -> KeyNotFound:
        return KeyNotFound(
            f"The encryption key of {self.db_path} is missing (no key file {path.name} "
            "beside it and no keyring entry), so buyer details cannot be shown or "
            f"imported: put the key file back from your backup, or {FIX_HINT}."
        )

    def _use_file(self, path: Path, reason: str | None, key: bytes | None = None) -> bytes:
        self.location = "file"
        self.key_file = path
        if key is None:
            key = create_key_file(path)
            log.warning("PII key stored in %s: %s", path, reason)
        self.fallback_reason = reason or f"the encryption key is kept in the file {path}"
        return key

    def replace(self, key: bytes) -> None:
        """Make `key` this database's key (a key backup was imported), where it belongs.

        An existing key file is replaced; else the keyring takes it (verified); else a
        new key file holds it.
        """
        if len(key) != KEY_BYTES:
            raise ValueError(f"a key has {KEY_BYTES} bytes, not {len(key)}")
        encoded = base64.b64encode(key).decode("ascii")
        path = key_file_for(self.db_path)
        self._key = key
        if not path.exists():
            user = keyring_username(self.db_path)
            try:
                keyring.set_password(self.service, user, encoded)
                if keyring.get_password(self.service, user) == encoded:
                    self.location, self.key_file, self.fallback_reason = "keyring", None, None
                    return
            except Exception:  # any backend failure: the file below holds it
                log.warning("keyring refused the imported key", exc_info=True)
        _write_private(path, (encoded + "\n").encode("ascii"), replace=True)
        self._use_file(path, None, key)


def read_key_file(path: Path) -> bytes:
    """The key in `path`; a file others can read is made private first, or refused."""
    _make_private(path)
    try:
        return _decode_key(path.read_text("ascii"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise KeyProblem(
            f"The key file {path} cannot be read ({exc}), so buyer details cannot be shown "
            f"or imported: put the key file back from your backup, or {FIX_HINT}."
        ) from exc


def _make_private(path: Path) -> None:
    """Owner-only, like the database: fix group/other access, refuse a foreign owner."""
    if sys.platform == "win32":
        return
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
        raise KeyProblem(
            f"The key file {path} belongs to another user or is a link, so it is not used: "
            "replace it with your own key file, or "
            f"{FIX_HINT}."
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(path, 0o600)
        except OSError as exc:
            raise KeyProblem(
                f"The key file {path} can be read by other users and cannot be made private "
                f"({exc.strerror}): make it readable by you only (chmod 600)."
            ) from exc
        log.warning("key file %s was readable by others; made it owner-only", path)


def create_key_file(path: Path) -> bytes:
    """A new random key in `path`, or the key already there when another process won.

    The file appears whole (written aside, then linked into place), so a process
    racing this one never reads a half-written key.
    """
    key = _random.token_bytes(KEY_BYTES)
    data = base64.b64encode(key) + b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.with_name(f".{path.name}.{os.getpid()}.{_random.token_hex(4)}")
    _write_private(aside, data)
    try:
        os.link(aside, path)
    except FileExistsError:
        return read_key_file(path)
    finally:
        with suppress(FileNotFoundError):
            aside.unlink()
    return key


def _short(exc: BaseException) -> str:
    """A backend's complaint, cut to its first sentence (some run to a paragraph)."""
    text = str(exc).strip() or type(exc).__name__
    first = text.split(". ")[0].rstrip(".")
    return first if len(first) <= 120 else first[:117] + "..."


def _decode_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except binascii.Error as exc:
        raise ValueError("not base64") from exc
    if len(key) != KEY_BYTES:
        raise ValueError(f"{len(key)} bytes instead of {KEY_BYTES}")
    return key


def _write_private(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write a file readable by its owner only, flushed to disk.

    Without `replace` it refuses an existing file; with it, the new content is
    written aside and renamed over the old one (never half a key).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    target = path.with_name(f".{path.name}.new") if replace else path
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if replace else os.O_EXCL)
    fd = os.open(target, flags, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(target, 0o600)
    if replace:
        os.replace(target, path)
