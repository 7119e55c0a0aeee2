"""Buyer PII never reaches the disk in clear text (Amazon Data Protection Policy)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest

from storage.db import Store
from storage.imports.apply import apply_import
from storage.repository import records
from tests.conftest import MemoryKeyring

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
MAIL_SNIPPETS = (
    "parcel says delivered",
    "refillable with standard butane",
    "replacement scale ships today",
    "3kq9x2m7v1c8z5b",  # relay aliases from the mbox
    "p0w8e2r6t4y1u3i",
)


def _secrets(samples: Path) -> list[str]:
    """expected.json's PII plus message bodies and relay aliases from the inputs."""
    pii = json.loads((samples / "seller-a" / "expected.json").read_text())["pii"]
    found = [*pii["rater_emails"], *pii["cities"], *pii["sender_aliases"], *MAIL_SNIPPETS]
    with (samples / "seller-a" / "messages.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    found += [r["body"][:40] for r in rows[:25] if len(r["body"]) >= 12]
    found += [r["sender"] for r in rows if "@marketplace." in r["sender"]][:25]
    return found


def _leaks(db_path: Path, secrets: list[str]) -> dict[str, list[str]]:
    leaks: dict[str, list[str]] = {}
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db_path}{suffix}")
        if not path.exists():
            continue
        data = path.read_bytes()
        hits = [s for s in secrets if s.encode("utf-8") in data]
        if hits:
            leaks[path.name] = hits
    return leaks


@pytest.fixture
def imported(store: Store, samples: Path) -> Store:
    pytest.importorskip("storage.reports.detect")
    files = sorted((samples / "seller-a").glob("*.txt")) + sorted(
        (samples / "seller-a").glob("*.csv")
    )
    files += [samples / "email" / "inbox.mbox"]
    files += sorted((samples / "performance").glob("*.json"))
    for path in files:
        outcome = apply_import(store, path, now=NOW)
        assert outcome.ok, outcome.error
    return store


def test_no_pii_in_the_database_files_before_or_after_checkpoint(
    imported: Store, samples: Path
) -> None:
    secrets = _secrets(samples)
    assert len(secrets) > 20
    assert Path(f"{imported.path}-wal").stat().st_size > 0  # the data is still in the WAL
    assert _leaks(imported.path, secrets) == {}
    imported.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _leaks(imported.path, secrets) == {}
    imported.close()
    assert _leaks(imported.path, secrets) == {}


def test_the_pii_is_still_readable_through_the_store(imported: Store, samples: Path) -> None:
    pii = json.loads((samples / "seller-a" / "expected.json").read_text())["pii"]
    emails = {f.rater_email for f in records.list_feedback(imported)}
    assert set(pii["rater_emails"]) <= emails
    senders = {m.sender for m in records.list_messages(imported)}
    assert set(pii["sender_aliases"]) <= senders
    bodies = " ".join(m.body for m in records.list_messages(imported))
    assert all(s in bodies for s in MAIL_SNIPPETS[:3])
    order_id = imported.db.execute("SELECT order_id FROM orders LIMIT 1").fetchone()[0]
    order = records.get_order(imported, order_id)
    assert order is not None and order["ship_city"] in pii["cities"]


def test_the_leak_check_finds_clear_text_in_the_wal(store: Store) -> None:
    """A control: the same byte scan does see PII written without encryption."""
    store.db.execute("INSERT INTO settings (key, value) VALUES ('probe', '\"Springfield\"')")
    store.db.conn.commit()
    assert "Springfield" in _leaks(store.path, ["Springfield"]).get(store.path.name + "-wal", [])


def test_a_lost_key_hides_only_the_pii(imported: Store, memory_keyring: MemoryKeyring) -> None:
    """Without the key, metrics inputs stay readable and PII shows a placeholder."""
    from storage.cipher import PLACEHOLDER
    from storage.keys import KeyStore

    imported.close()
    memory_keyring.items.clear()  # the keyring entry is gone
    again = Store(imported.path, KeyStore(imported.path))
    feedback = records.list_feedback(again)
    assert feedback and all(f.rater_email == PLACEHOLDER for f in feedback)
    assert all(f.rating in range(1, 6) for f in feedback)
    assert again.key_problem is not None
    assert records.counts(again.db)["orders"] > 0
    again.close()


def test_a_locked_keyring_never_forks_the_key(
    imported: Store, memory_keyring: MemoryKeyring
) -> None:
    """With data already encrypted, an unreachable keyring must not start a key file."""
    from storage.cipher import PLACEHOLDER
    from storage.keys import KeyStore, key_file_for
    from tests.fixtures.file_keyring import LockedKeyring

    imported.close()
    keyring.set_keyring(LockedKeyring())
    again = Store(imported.path, KeyStore(imported.path))
    assert {f.rater_email for f in records.list_feedback(again)} == {PLACEHOLDER}
    assert again.key_problem is not None and "cannot be reached" in again.key_problem
    assert not key_file_for(imported.path).exists()
    again.close()
    keyring.set_keyring(memory_keyring)  # unlocked again: the old key still opens the data
    back = Store(imported.path, KeyStore(imported.path))
    assert PLACEHOLDER not in {f.rater_email for f in records.list_feedback(back)}
    assert back.key_problem is None
    back.close()
