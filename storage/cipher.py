"""Buyer PII encrypted at rest (Amazon Data Protection Policy): AES-256-GCM per field.

The key comes from storage/keys.py. A value this key cannot open reads as PLACEHOLDER,
never an exception, so a lost key hides buyer details and nothing else.
"""

from __future__ import annotations

import hashlib
import os
import secrets as _random

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.keys import KEY_BYTES

NONCE_BYTES = 12
BLOB_VERSION = 1
PLACEHOLDER = "[encrypted: key unavailable]"


class PiiCipher:
    """AES-256-GCM field encryption: version byte + 12-byte nonce + ciphertext.

    One AESGCM object is reused (it holds no per-message state), so a
    million-row import pays only for the cipher itself.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"the PII key must be {KEY_BYTES} bytes, got {len(key)}")
        self._aead = AESGCM(key)
        self._prefix = bytes([BLOB_VERSION])

    def encrypt(self, text: str | None) -> bytes | None:
        """None for empty text, so empty fields stay NULL and cost nothing."""
        if not text:
            return None
        nonce = os.urandom(NONCE_BYTES)
        return self._prefix + nonce + self._aead.encrypt(nonce, text.encode("utf-8"), None)

    def decrypt(self, blob: bytes | None) -> str:
        """The text, "" for NULL, or PLACEHOLDER when this key cannot open it."""
        if not blob:
            return ""
        if blob[0] != BLOB_VERSION or len(blob) < 1 + NONCE_BYTES + 16:
            return PLACEHOLDER
        nonce = blob[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + NONCE_BYTES :], None).decode("utf-8")
        except (InvalidTag, UnicodeDecodeError):
            return PLACEHOLDER

    def can_decrypt(self, blob: bytes | None) -> bool:
        """Whether this key opens the blob (used to detect a lost key)."""
        if not blob:
            return True
        return self.decrypt(blob) != PLACEHOLDER


def alias_hash(salt: bytes, alias: str) -> str:
    """A relay alias as a thread id: salted SHA-256, so no address is stored.

    The salt is not the PII key, so threads stay grouped if the key is lost.
    """
    digest = hashlib.sha256(salt + alias.strip().lower().encode("utf-8")).hexdigest()
    return "h:" + digest[:20]


def new_salt() -> bytes:
    return _random.token_bytes(16)
