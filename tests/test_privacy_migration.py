"""Issue 15 points 3, 7, 8: an existing database is rewritten once the key opens it.

A schema-6 file as the previous release left it (unbound version-1 blobs, plaintext
comments and notes, salted alias hashes with the salt in `settings`, content-digest ids)
is opened: the schema step adds the columns, and the keyed step binds every blob,
encrypts the free text, re-keys the ids and drops the salt, after a backup. Without the
key nothing is rewritten and everything stays readable as before.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storage import migrations
from storage.cipher import BLOB_VERSION, PLACEHOLDER, PiiCipher, legacy_alias_hash
from storage.db import Store
from storage.key_check import KEY_CHECK_SETTING
from storage.keys import KeyStore, keyring_username
from storage.migrations import SCHEMA_VERSION
from storage.migrations.keyed import PII_FORMAT, pii_format
from storage.pii_places import ENCRYPTED
from storage.reports.orders.address import pack_address
from storage.repository import app_state, records
from storage.repository.views import defect_feedback

ORDER = "111-2222222-3333333"
ALIAS = "x7k2q9wz@marketplace.amazon.com"
SALT = b"s" * 16
DIGEST_ID = "sha256:" + "ab" * 32
COMMENT = "Quintessa Vanderbilt says: item never came, 1452 Brookhaven Terrace"


def legacy_database(path: Path) -> bytes:
    """A schema-6 file written the old way; returns its key (in the keyring)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for step in migrations.MIGRATIONS[:6]:
        step(conn)
    conn.execute("PRAGMA user_version = 6")
    key = KeyStore(path).key()
    old = PiiCipher(key)
    probe = old.encrypt("account-health-monitor pii key check")
    assert probe is not None
    rows: list[tuple[str, list[Any]]] = [
        ("INSERT INTO settings VALUES (?, ?)", [KEY_CHECK_SETTING, json.dumps(probe.hex())]),
        ("INSERT INTO settings VALUES ('thread_salt', ?)", [json.dumps(SALT.hex())]),
        (
            "INSERT INTO orders(order_id, purchase_date, last_updated, status, channel, "
            "marketplace, ship_address_enc) VALUES (?, '2026-11-01T10:00:00+00:00', "
            "'2026-11-01T10:00:00+00:00', 'Shipped', 'mfn', 'Amazon.com', ?)",
            [ORDER, old.encrypt(pack_address("Springfield", "IL", "62704"))],
        ),
        (
            "INSERT INTO feedback(order_id, feedback_date, rating, comments, response, "
            "rater_email_enc) VALUES (?, '2026-11-10', 1, ?, 'Sorry Quintessa', ?)",
            [ORDER, COMMENT, old.encrypt("quintessa@example.com")],
        ),
        (
            "INSERT INTO claims(claim_id, order_id, kind, filed_at, reason, status, notes) "
            "VALUES ('C1', ?, 'a-to-z', '2026-11-12T00:00:00+00:00', 'not_received', 'open', "
            "'Buyer Quintessa phoned')",
            [ORDER],
        ),
        (
            "INSERT INTO notes(defect_kind, defect_ref, created_at, text, evidence_path) "
            "VALUES ('claim', 'C1', '2026-11-13T00:00:00+00:00', 'Quintessa sent photos', "
            "'/home/s/Quintessa Vanderbilt/photo.jpg')",
            [],
        ),
        (
            "INSERT INTO returns_fba(return_date, order_id, sku, license_plate_number, "
            "customer_comments_enc) VALUES ('2026-11-14T00:00:00+00:00', ?, 'SKU', 'LPN1', ?)",
            [ORDER, old.encrypt("Quintessa: box crushed")],
        ),
    ]
    thread = legacy_alias_hash(SALT, ALIAS)
    for mid, direction, sender, body in (
        (DIGEST_ID, "in", ALIAS, "Hello, Quintessa here"),
        ("<reply@seller.example>", "out", "shop@seller.example", "Dear Quintessa"),
    ):
        rows.append(
            (
                "INSERT INTO messages(message_id, thread_id, direction, timestamp, sender_enc, "
                "subject_enc, body_enc) VALUES (?, ?, ?, '2026-11-15T00:00:00+00:00', ?, ?, ?)",
                [mid, thread, direction, old.encrypt(sender), old.encrypt("Re: parcel"),
                 old.encrypt(body)],
            )
        )  # fmt: skip
    for sql, params in rows:
        conn.execute(sql, params)
    conn.close()
    return key


def blobs_of_version(store: Store, version: int) -> list[str]:
    found = []
    for e in ENCRYPTED:
        n = store.db.execute(
            f"SELECT count(*) FROM {e.table} WHERE substr({e.column}, 1, 1) = ?", [bytes([version])]
        ).fetchone()[0]
        found += [f"{e.table}.{e.column}"] * n
    return found


def test_the_keyed_step_rewrites_everything_once_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "ahm.sqlite3"
    legacy_database(path)
    store = Store(path)
    cipher = store.cipher
    assert store.key_problem is None
    assert pii_format(store.db) == PII_FORMAT
    assert (tmp_path / f"ahm.sqlite3.pre-v{SCHEMA_VERSION}.bak").exists()  # the schema copy
    backup = tmp_path / f"ahm.sqlite3.pre-pii{PII_FORMAT}.bak"
    assert backup.exists()
    with sqlite3.connect(backup) as old:  # the backup is the file as it was
        assert old.execute("SELECT comments FROM feedback").fetchone()[0] == COMMENT

    assert blobs_of_version(store, BLOB_VERSION) == []
    assert len(blobs_of_version(store, 2)) == 14  # 9 legacy blobs + 5 free texts
    db = store.db
    plain = db.execute("SELECT comments, response FROM feedback").fetchone()
    assert plain == ("", "")
    assert db.execute("SELECT notes FROM claims").fetchone()[0] == ""
    assert db.execute("SELECT text, evidence_path FROM notes").fetchone() == ("", "")
    assert db.execute("SELECT value FROM settings WHERE key = 'thread_salt'").fetchone() is None

    (fb,) = defect_feedback(store)
    assert (fb.comments, fb.response, fb.rater_email) == (
        COMMENT,
        "Sorry Quintessa",
        "quintessa@example.com",
    )
    order = records.get_order(store, ORDER)
    assert order is not None and order["ship_city"] == "Springfield"
    (claim,) = records.list_claims(db, cipher=cipher)
    assert claim.notes == "Buyer Quintessa phoned"
    (note,) = app_state.list_notes(db, "claim", "C1", cipher)
    assert note["evidence_path"] == "/home/s/Quintessa Vanderbilt/photo.jpg"
    (fba,) = records.list_returns_fba(store)
    assert fba.customer_comments == "Quintessa: box crushed"
    by_direction = {m.direction: m for m in records.list_messages(store)}
    inbound, outbound = by_direction["in"], by_direction["out"]
    assert inbound.message_id == cipher.message_id(DIGEST_ID)
    assert inbound.thread_id == outbound.thread_id == cipher.thread_id(ALIAS)
    assert inbound.body == "Hello, Quintessa here" and outbound.body == "Dear Quintessa"

    # Bound to its place: a message body pasted over the order's address does not open.
    body = db.execute("SELECT body_enc FROM messages WHERE direction = 'in'").fetchone()[0]
    db.execute("UPDATE orders SET ship_address_enc = ?", [body])
    assert records.get_order(store, ORDER)["ship_city"] == PLACEHOLDER  # type: ignore[index]
    store.close()
    again = Store(path)
    _ = again.cipher
    assert pii_format(again.db) == PII_FORMAT  # nothing runs twice


def test_without_the_key_nothing_is_rewritten(tmp_path: Path, memory_keyring: Any) -> None:
    path = tmp_path / "ahm.sqlite3"
    key = legacy_database(path)
    user = keyring_username(path)
    stored = memory_keyring.items.pop(("account-health-monitor", user))
    store = Store(path)
    _ = store.cipher
    assert store.key_problem is not None
    assert pii_format(store.db) == 0
    assert len(blobs_of_version(store, BLOB_VERSION)) == 9
    assert store.db.execute("SELECT comments FROM feedback").fetchone()[0] == COMMENT
    assert store.db.execute("SELECT value FROM settings WHERE key = 'thread_salt'").fetchone()
    assert not (tmp_path / f"ahm.sqlite3.pre-pii{PII_FORMAT}.bak").exists()
    store.close()

    memory_keyring.items[("account-health-monitor", user)] = stored  # the key is back
    back = Store(path)
    assert PiiCipher(key).thread_id(ALIAS) == back.cipher.thread_id(ALIAS)
    assert back.key_problem is None and pii_format(back.db) == PII_FORMAT
    (fb,) = defect_feedback(back)
    assert fb.comments == COMMENT


def test_a_failing_rewrite_leaves_the_old_data_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only file or a full disk: nothing half-done, old values still read."""
    from storage.migrations import keyed

    def fail(conn: sqlite3.Connection, cipher: PiiCipher) -> None:
        conn.execute("UPDATE feedback SET comments = 'half done'")
        raise sqlite3.OperationalError("attempt to write a readonly database")

    path = tmp_path / "ahm.sqlite3"
    legacy_database(path)
    monkeypatch.setattr(keyed, "KEYED_STEPS", [fail])
    store = Store(path)
    assert store.key_problem is None
    assert pii_format(store.db) == 0
    (fb,) = defect_feedback(store)
    assert fb.comments == COMMENT and fb.rater_email == "quintessa@example.com"
    by_direction = {m.direction: m for m in records.list_messages(store)}
    assert by_direction["in"].body == "Hello, Quintessa here"
