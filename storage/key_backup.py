"""A key backup: the database's encryption key, sealed with a passphrase the seller chooses.

It is what moves buyer details to a new computer (the keyring does not travel with
the database) and what brings them back when the keyring or key file is lost. The
passphrase is stretched with scrypt (memory-hard, so guessing it is slow) and the key
is sealed with AES-256-GCM; the file's parameters are bound to it as associated data,
so a changed file is refused like a wrong passphrase. Plain JSON text, one per key.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from storage.keys import KEY_BYTES

FORMAT = "account-health-monitor key backup"
VERSION = 1
SCRYPT_N = 2**17  # 128 MiB with r=8: about half a second here, far more for a guesser
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 8
NOTE = (
    "The key that encrypts the buyer details in an Account Health Monitor database and "
    "its backups. Import it with `key import FILE` or Settings > Data & backups > Import "
    "key..., using the passphrase chosen when it was exported."
)


class KeyBackupRefused(Exception):
    """The file is not a key backup, or the passphrase does not open it: one sentence."""


def _kdf(salt: bytes, n: int, r: int, p: int) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p)


def _aad(n: int, r: int, p: int) -> bytes:
    return f"{FORMAT} v{VERSION} scrypt n={n} r={r} p={p}".encode()


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyBackupRefused(
            f"The passphrase must have at least {MIN_PASSPHRASE} characters; choose a longer one."
        )


def seal(key: bytes, passphrase: str) -> bytes:
    """The key backup's text for `key`, sealed with `passphrase`."""
    check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    wrap = _kdf(salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).derive(passphrase.encode("utf-8"))
    sealed = AESGCM(wrap).encrypt(nonce, key, _aad(SCRYPT_N, SCRYPT_R, SCRYPT_P))
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "note": NOTE,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "sealed_key": _b64(sealed),
    }
    return (json.dumps(doc, indent=2) + "\n").encode("utf-8")


def unseal(data: bytes, passphrase: str, name: str = "the file") -> bytes:
    """The 32-byte key in a key backup; KeyBackupRefused when it cannot be opened."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError("format")
        if doc.get("version") != VERSION:
            raise KeyBackupRefused(
                f"{name} is a key backup of a newer version of the app; update the app first."
            )
        kdf = doc["kdf"]
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        salt, nonce, sealed = _unb64(kdf["salt"]), _unb64(doc["nonce"]), _unb64(doc["sealed_key"])
    except KeyBackupRefused:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyBackupRefused(f"{name} is not a key backup of Account Health Monitor.") from exc
    if not (2**14 <= n <= 2**20 and n & (n - 1) == 0 and r == 8 and 1 <= p <= 4):
        raise KeyBackupRefused(f"{name} is not a key backup of Account Health Monitor.")
    wrap = _kdf(salt, n, r, p).derive(passphrase.encode("utf-8"))
    try:
        key = AESGCM(wrap).decrypt(nonce, sealed, _aad(n, r, p))
    except InvalidTag:
        raise KeyBackupRefused(
            f"The passphrase does not open {name} (or the file was changed); "
            "type the passphrase chosen when the key was exported."
        ) from None
    if len(key) != KEY_BYTES:
        raise KeyBackupRefused(f"{name} does not hold a key of this app.")
    return key


def write_key_backup(dest: Path, key: bytes, passphrase: str) -> Path:
    """Write a new key backup (owner-only); an existing file is never replaced."""
    data = seal(key, passphrase)
    try:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyBackupRefused(f"{dest} already exists; choose another file name.") from None
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return dest


def read_key_backup(source: Path, passphrase: str) -> bytes:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise KeyBackupRefused(f"Cannot read {source}: {exc.strerror or exc}.") from exc
    return unseal(data, passphrase, source.name)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    return base64.b64decode(text, validate=True)
