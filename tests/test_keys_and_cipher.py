"""The PII key (keyring or 0600 key file) and field encryption."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from storage.cipher import PLACEHOLDER, PiiCipher, bucket
from storage.keys import SERVICE, KeyStore, key_file_for, keyring_username
from tests.conftest import MemoryKeyring


class FailingKeyring(KeyringBackend):
    """Like a headless Linux box without a Secret Service."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")


class ForgetfulKeyring(KeyringBackend):
    """Accepts every write and keeps nothing."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        return None


def test_key_round_trips_through_the_keyring(
    tmp_db_path: Path, memory_keyring: MemoryKeyring
) -> None:
    first = KeyStore(tmp_db_path)
    key = first.key()
    assert len(key) == 32
    assert first.location == "keyring"
    assert first.key_file is None and first.fallback_reason is None
    stored = memory_keyring.items[(SERVICE, keyring_username(tmp_db_path))]
    assert base64.b64decode(stored) == key
    assert KeyStore(tmp_db_path).key() == key
    assert not key_file_for(tmp_db_path).exists()


def test_each_database_has_its_own_key(tmp_path: Path) -> None:
    assert KeyStore(tmp_path / "a.sqlite3").key() != KeyStore(tmp_path / "b.sqlite3").key()


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (FailingKeyring(), "not available"),
        (ForgetfulKeyring(), "did not keep the key"),
    ],
)
def test_without_a_working_keyring_the_key_goes_to_a_private_file(
    tmp_db_path: Path, backend: KeyringBackend, reason: str
) -> None:
    keyring.set_keyring(backend)
    ks = KeyStore(tmp_db_path)
    key = ks.key()
    assert ks.location == "file"
    assert ks.key_file == key_file_for(tmp_db_path)
    assert ks.fallback_reason is not None and reason in ks.fallback_reason
    assert "(" not in ks.fallback_reason  # a sentence, not the exception's text
    assert ks.key_file.exists()
    assert stat.S_IMODE(ks.key_file.stat().st_mode) == 0o600
    assert KeyStore(tmp_db_path).key() == key


def test_an_existing_key_file_wins_once_the_keyring_works_again(
    tmp_db_path: Path, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(FailingKeyring())
    key = KeyStore(tmp_db_path).key()
    keyring.set_keyring(memory_keyring)
    later = KeyStore(tmp_db_path)
    assert later.key() == key
    assert later.location == "file"
    assert memory_keyring.items == {}  # no second key was made


def test_cipher_round_trip_and_empty_values() -> None:
    cipher = PiiCipher(b"k" * 32)
    blob = cipher.encrypt("Tucson, AZ 85701 – café")
    assert blob is not None and b"Tucson" not in blob
    assert blob[0] == 1 and len(blob) > 1 + 12 + 16
    assert cipher.decrypt(blob) == "Tucson, AZ 85701 – café"
    assert cipher.encrypt("") is None
    assert cipher.encrypt(None) is None
    assert cipher.decrypt(None) == ""
    assert cipher.encrypt("same") != cipher.encrypt("same")  # random nonces


@pytest.mark.parametrize(
    "blob",
    [
        PiiCipher(b"w" * 32).encrypt("secret"),
        b"\x02" + b"\x00" * 40,  # unknown version
        b"\x01short",
    ],
)
def test_unreadable_blobs_give_the_placeholder(blob: bytes | None) -> None:
    cipher = PiiCipher(b"k" * 32)
    assert cipher.decrypt(blob) == PLACEHOLDER
    assert not cipher.can_decrypt(blob)


def test_cipher_rejects_a_short_key() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        PiiCipher(b"short")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("1abc@marketplace.amazon.com", "1abc@marketplace.amazon.com", True),
        ("1abc@marketplace.amazon.com", " 1ABC@Marketplace.Amazon.com ", True),
        ("1abc@marketplace.amazon.com", "2abc@marketplace.amazon.com", False),
    ],
)
def test_thread_ids_are_keyed_by_the_pii_key(a: str, b: str, same: bool) -> None:
    cipher = PiiCipher(b"s" * 32)
    h = cipher.thread_id(a)
    assert h.startswith("t:") and "@" not in h and len(h) == 34
    assert (h == cipher.thread_id(b)) is same
    assert PiiCipher(b"t" * 32).thread_id(a) != h  # another key, another id
    digest = "sha256:" + "0" * 64
    assert cipher.message_id(digest).startswith("m:")
    assert cipher.message_id(digest) != PiiCipher(b"t" * 32).message_id(digest)


def test_a_bound_blob_opens_only_in_its_place() -> None:
    """Issue 15 point 7: a message body copied into an order's address does not decrypt."""
    cipher = PiiCipher(b"k" * 32)
    body = cipher.encrypt_field("Quintessa, 1452 Brookhaven", "messages", "body_enc", "M1")
    assert body is not None and body[0] == 2
    assert cipher.decrypt_field(body, "messages", "body_enc", "M1") == "Quintessa, 1452 Brookhaven"
    assert cipher.decrypt_field(body, "orders", "ship_address_enc", "M1") == PLACEHOLDER
    assert cipher.decrypt_field(body, "messages", "subject_enc", "M1") == PLACEHOLDER
    assert cipher.decrypt_field(body, "messages", "body_enc", "M2") == PLACEHOLDER
    assert cipher.decrypt(body) == PLACEHOLDER  # the unbound reader refuses it too
    legacy = cipher.encrypt("old")  # version 1 is still read, wherever it sits
    assert cipher.decrypt_field(legacy, "orders", "ship_address_enc", "X") == "old"
    assert cipher.encrypt_field("", "t", "c", "k") is None
    assert cipher.decrypt_field(None, "t", "c", "k") == ""


@pytest.mark.parametrize(
    ("texts", "size"),
    [
        (["a", "Bo", "Quintessa Vanderbilt", "x" * 30], 32),
        (["x" * 32, "y" * 50, "é" * 31], 64),
        (["x" * 200, "y" * 255], 256),
        (["x" * 256, "y" * 400], 512),
    ],
)
def test_padding_hides_the_length_within_a_bucket(texts: list[str], size: int) -> None:
    cipher = PiiCipher(b"k" * 32)
    for text in texts:
        blob = cipher.encrypt_field(text, "t", "c", "k")
        assert blob is not None and len(blob) == 1 + 12 + size + 16, text
        assert cipher.decrypt_field(blob, "t", "c", "k") == text
    assert bucket(1) == 32 and bucket(33) == 64 and bucket(257) == 512 and bucket(513) == 768
