"""How a database recognises its key, the cipher that refuses to write, and key backups."""

from __future__ import annotations

import json
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.cipher import PLACEHOLDER, PiiCipher
from storage.key_backup import KeyBackupRefused, seal, unseal
from storage.key_check import KeyMissing, RefusingCipher, fingerprint, matches

KEY, OTHER = b"k" * 32, b"o" * 32


def _legacy_probe(key: bytes) -> str:
    """The key check databases made before fingerprints hold (version, nonce, AES-GCM)."""
    nonce = os.urandom(12)
    blob = (
        b"\x01" + nonce + AESGCM(key).encrypt(nonce, b"account-health-monitor pii key check", None)
    )
    return f'"{blob.hex()}"'


@pytest.mark.parametrize(
    "stored", [f'"{fingerprint(KEY)}"', _legacy_probe(KEY)], ids=["new", "legacy"]
)
def test_the_stored_check_recognises_its_key_only(stored: str) -> None:
    assert matches(KEY, stored)
    assert not matches(OTHER, stored)
    assert not matches(KEY, '"garbage"')


def test_a_fingerprint_is_not_the_key() -> None:
    assert KEY.hex() not in fingerprint(KEY) and fingerprint(KEY) != fingerprint(OTHER)


def test_the_refusing_cipher_reads_placeholders_and_never_writes() -> None:
    refusing = RefusingCipher("The key is missing; import the key backup.")
    assert refusing.decrypt(PiiCipher(KEY).encrypt("Tucson, AZ")) == PLACEHOLDER
    assert refusing.encrypt("") is None and refusing.encrypt(None) is None
    with pytest.raises(KeyMissing, match="import the key backup"):
        refusing.encrypt("Tucson, AZ")


def test_a_key_backup_round_trips_and_refuses_tampering() -> None:
    sealed = seal(KEY, "correct horse battery")
    assert unseal(sealed, "correct horse battery") == KEY
    with pytest.raises(KeyBackupRefused, match="passphrase does not open"):
        unseal(sealed, "wrong horse battery")
    doc = json.loads(sealed)
    doc["kdf"]["n"] = 2**14  # a cheaper KDF claimed by a changed file
    with pytest.raises(KeyBackupRefused, match="passphrase does not open"):
        unseal(json.dumps(doc).encode(), "correct horse battery")
    doc["kdf"]["n"] = 2**30  # a memory bomb is not even tried
    with pytest.raises(KeyBackupRefused, match="not a key backup"):
        unseal(json.dumps(doc).encode(), "correct horse battery")
    with pytest.raises(KeyBackupRefused, match="not a key backup"):
        unseal(b"{not json", "correct horse battery")
    with pytest.raises(KeyBackupRefused, match="at least 8"):
        seal(KEY, "short")


def test_a_new_database_beside_an_unusable_key_file_refuses_to_write(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from storage.db import Store
    from storage.keys import key_file_for

    db = tmp_path / "account-health.sqlite3"
    key_file_for(db).write_text("not a key\n")
    key_file_for(db).chmod(0o600)
    with Store(db) as store:
        with pytest.raises(KeyMissing, match="cannot be read"):
            store.cipher.encrypt("Tucson, AZ")
        assert store.key_problem is not None and str(key_file_for(db)) in store.key_problem
