"""Buyer PII encrypted at rest (Amazon Data Protection Policy): AES-256-GCM per field.

The key comes from storage/keys.py. A value this key cannot open reads as PLACEHOLDER,
never an exception, so a lost key hides buyer details and nothing else.

Blobs of version 2 are bound to their place: the associated data is the table, the
column and the row's key, so a message body copied into an order's address column does
not decrypt there. Their plaintext is padded to a bucket size, so a blob's length does
not tell the length of a name or a city. Version 1 blobs (unbound, unpadded) are still
read where no place is known yet; storage/migrations/keyed.py rewrites them as version 2.

Lookup hashes (thread ids of relay aliases, ids of e-mails without a Message-ID) are
HMAC-SHA256 with a key derived from the PII key by HKDF: never stored, so the database
alone does not let anyone test a guessed address against them.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.keys import KEY_BYTES

NONCE_BYTES = 12
TAG_BYTES = 16
BLOB_VERSION = 1
"""Legacy blobs: no associated data, no padding (written by `encrypt`)."""
BOUND_VERSION = 2
"""Blobs bound to table/column/row and padded (written by `encrypt_field`)."""
PLACEHOLDER = "[encrypted: key unavailable]"
_LOOKUP_INFO = b"account-health-monitor lookup hashes v1"
_PAD_MARK = b"\x80"


def bucket(size: int) -> int:
    """The padded size of a `size`-byte plaintext: 32, 64, 128, 256, then 256-byte steps."""
    if size <= 256:
        return max(32, 1 << (size - 1).bit_length())
    return -(-size // 256) * 256


def place(table: str, column: str, row_key: str) -> bytes:
    """The associated data of one field: where it is stored."""
    return "\x1f".join((table, column, row_key)).encode("utf-8")


class PiiCipher:
    """AES-256-GCM field encryption: version byte + 12-byte nonce + ciphertext.

    One AESGCM object is reused (it holds no per-message state), so a
    million-row import pays only for the cipher itself.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"the PII key must be {KEY_BYTES} bytes, got {len(key)}")
        self._aead = AESGCM(key)
        self._lookup_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=_LOOKUP_INFO
        ).derive(key)

    # --- bound fields (version 2): what every writer uses -----------------------------

    def encrypt_field(
        self, text: str | None, table: str, column: str, row_key: str
    ) -> bytes | None:
        """None for empty text, so empty fields stay NULL and cost nothing."""
        if not text:
            return None
        data = text.encode("utf-8") + _PAD_MARK
        data += bytes(bucket(len(data)) - len(data))
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, data, place(table, column, row_key))
        return bytes([BOUND_VERSION]) + nonce + sealed

    def decrypt_field(self, blob: bytes | None, table: str, column: str, row_key: str) -> str:
        """The text, "" for NULL, PLACEHOLDER when this key (or this place) cannot open it.

        A legacy version-1 blob is read without a place: it was written before binding.
        """
        if not blob:
            return ""
        if blob[0] == BLOB_VERSION:
            return self.decrypt(blob)
        if blob[0] != BOUND_VERSION or len(blob) < 1 + NONCE_BYTES + TAG_BYTES:
            return PLACEHOLDER
        nonce = blob[1 : 1 + NONCE_BYTES]
        try:
            data = self._aead.decrypt(nonce, blob[1 + NONCE_BYTES :], place(table, column, row_key))
            return data.rstrip(b"\x00")[:-1].decode("utf-8")
        except (InvalidTag, UnicodeDecodeError):
            return PLACEHOLDER

    # --- legacy, unbound (version 1) ---------------------------------------------------

    def encrypt(self, text: str | None) -> bytes | None:
        """An unbound, unpadded blob; for values with no row yet. Prefer `encrypt_field`."""
        if not text:
            return None
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), None)
        return bytes([BLOB_VERSION]) + nonce + sealed

    def decrypt(self, blob: bytes | None) -> str:
        """A version-1 blob's text, "" for NULL, or PLACEHOLDER when it cannot be opened."""
        if not blob:
            return ""
        if blob[0] != BLOB_VERSION or len(blob) < 1 + NONCE_BYTES + TAG_BYTES:
            return PLACEHOLDER
        nonce = blob[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + NONCE_BYTES :], None).decode("utf-8")
        except (InvalidTag, UnicodeDecodeError):
            return PLACEHOLDER

    def can_decrypt(self, blob: bytes | None) -> bool:
        """Whether this key opens a version-1 blob (used to detect a lost key)."""
        if not blob:
            return True
        return self.decrypt(blob) != PLACEHOLDER

    # --- lookup hashes -----------------------------------------------------------------

    def lookup_hash(self, purpose: str, value: str) -> str:
        """A keyed, stable stand-in for `value` (HMAC-SHA256 with the derived key)."""
        mac = hmac.new(self._lookup_key, f"{purpose}\x1f{value}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def thread_id(self, alias: str) -> str:
        """A relay alias as a thread id, so no address is stored."""
        return "t:" + self.lookup_hash("thread", alias.strip().lower())

    def message_id(self, unkeyed: str) -> str:
        """The id of an e-mail without a Message-ID, from the parser's content digest.

        The parser's `sha256:` digest of date, sender, subject and body would let anyone
        holding the database confirm a guessed message; keyed, it cannot.
        """
        return "m:" + self.lookup_hash("message", unkeyed)


def legacy_alias_hash(salt: bytes, alias: str) -> str:
    """The version-1 thread id (salted SHA-256, salt in the database); read by the migration."""
    digest = hashlib.sha256(salt + alias.strip().lower().encode("utf-8")).hexdigest()
    return "h:" + digest[:20]
