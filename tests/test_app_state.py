"""The seller's in-app actions, settings and manual claims."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from core.model import Claim
from core.settings import MetricSettings
from storage.db import Store
from storage.repository import app_state, records
from storage.repository.claims_entry import add_manual_claim
from storage.repository.settings import (
    get_setting,
    load_settings,
    save_settings,
    set_setting,
)

AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _insert_message(store: Store, message_id: str = "M1") -> None:
    store.db.execute(
        "INSERT INTO messages (message_id, thread_id, direction, timestamp) "
        "VALUES (?, 't', 'in', '2026-11-20T08:00:00+00:00')",
        [message_id],
    )
    store.db.conn.commit()


def test_message_actions(store: Store) -> None:
    _insert_message(store)
    db = store.db
    app_state.mark_responded(db, "M1", AT)
    app_state.set_no_response_needed(db, "M1", True)
    app_state.set_contact_type(db, "M1", "product_question")
    (m,) = records.list_messages(store)
    assert (m.responded_at, m.no_response_needed, m.contact_type) == (AT, True, "product_question")
    app_state.mark_responded(db, "M1", None)
    app_state.set_no_response_needed(db, "M1", False)
    (m,) = records.list_messages(store)
    assert (m.responded_at, m.no_response_needed) == (None, False)
    assert not db.conn.in_transaction


def test_actions_on_unknown_records_raise(store: Store) -> None:
    with pytest.raises(app_state.NotFound, match="Message M9 is not in the database"):
        app_state.mark_responded(store.db, "M9", AT)
    with pytest.raises(app_state.NotFound):
        app_state.log_appeal(store.db, "C9", AT)
    assert store.db.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0


def test_defect_status_changes_are_noted(store: Store) -> None:
    db = store.db
    assert app_state.get_defect_status(db, "claim", "C1") == "open"
    app_state.set_defect_status(db, "claim", "C1", "appealed", AT, note="sent tracking")
    app_state.set_defect_status(db, "claim", "C1", "won", AT + timedelta(days=3))
    app_state.add_note(
        db, "claim", "C1", AT + timedelta(days=1), "called", "/tmp/proof.pdf", cipher=store.cipher
    )
    assert app_state.get_defect_status(db, "claim", "C1") == "won"
    notes = app_state.list_notes(db, "claim", "C1", store.cipher)
    assert [(n["text"], n["status_change"], n["evidence_path"]) for n in notes] == [
        ("sent tracking", "open -> appealed", ""),
        ("called", "", "/tmp/proof.pdf"),
        ("", "appealed -> won", ""),
    ]
    assert app_state.list_notes(db, "claim", "C2", store.cipher) == []


@pytest.mark.parametrize(("kind", "status"), [("order", "open"), ("claim", "closed-ish")])
def test_unknown_defect_kind_or_status_is_refused(store: Store, kind: str, status: str) -> None:
    with pytest.raises(ValueError, match="is not a defect"):
        app_state.set_defect_status(store.db, kind, "X", status, AT)


def test_feedback_removal_flow(store: Store) -> None:
    db = store.db
    db.execute(
        "INSERT INTO feedback (order_id, feedback_date, rating) VALUES ('111-0000001-0000001', '2026-11-01', 1)"
    )
    db.conn.commit()
    app_state.set_feedback_removal_requested(db, "111-0000001-0000001", AT)
    app_state.set_feedback_removed(db, "111-0000001-0000001", True, AT + timedelta(days=2))
    (f,) = records.list_feedback(store)
    assert f.removal_requested and f.removed and not f.counts
    assert app_state.get_defect_status(db, "feedback", "111-0000001-0000001") == "removed"


def test_log_appeal_sets_the_claim_and_its_status(store: Store) -> None:
    claim = Claim("C1", "111-0000001-0000001", "chargeback", AT, "fraud", "granted", decided_at=AT)
    add_manual_claim(store.db, claim, store.cipher)
    app_state.log_appeal(store.db, "C1", AT + timedelta(days=1))
    (got,) = records.list_claims(store.db)
    assert got.appeal_logged
    assert app_state.get_defect_status(store.db, "chargeback", "C1") == "appealed"


# --- settings -----------------------------------------------------------------


def test_settings_round_trip_and_defaults(store: Store) -> None:
    db = store.db
    assert load_settings(db) == MetricSettings()
    custom = replace(MetricSettings(), odr_target=0.9, stale_days=5, feedback_manager_total=62)
    save_settings(db, custom)
    assert load_settings(db) == custom
    assert get_setting(db, "stale_days", 7) == 5
    assert get_setting(db, "missing", {"a": 1}) == {"a": 1}
    set_setting(db, "window", {"w": 3, "h": [1, 2]})
    assert get_setting(db, "window") == {"w": 3, "h": [1, 2]}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 1.0), ('"abc"', 1.0), ("true", 1.0), ("null", 1.0), ("0.5", 0.5), ("not json", 1.0)],
)
def test_bad_stored_settings_fall_back_to_defaults(store: Store, raw: str, expected: float) -> None:
    store.db.execute("INSERT INTO settings (key, value) VALUES ('odr_target', ?)", [raw])
    store.db.conn.commit()
    assert load_settings(store.db).odr_target == expected


# --- manual claims ------------------------------------------------------------

GOOD = Claim(
    "AZ-1", "111-1234567-1234567", "a-to-z", AT, "not_received", "open", Decimal("19.99"), "USD"
)


def test_manual_claim_is_stored_with_source_manual(store: Store) -> None:
    add_manual_claim(store.db, GOOD, store.cipher)
    assert records.list_claims(store.db, cipher=store.cipher) == [GOOD]
    assert store.db.execute("SELECT source FROM claims").fetchone()[0] == "manual"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(kind="refund"), "'refund' is not a claim kind"),
        (dict(reason="lost"), "'lost' is not a claim reason"),
        (dict(status="pending"), "'pending' is not a claim status"),
        (dict(order_id=""), "order id is empty"),
        (dict(order_id="111-123-1234567"), "is not an Amazon order id"),
        (dict(claim_id=" "), "claim id is empty"),
        (dict(amount=Decimal("-1")), "not a positive number"),
    ],
)
def test_manual_claim_validation(store: Store, change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        add_manual_claim(store.db, replace(GOOD, **change), store.cipher)  # type: ignore[arg-type]
    assert records.list_claims(store.db) == []


def test_duplicate_manual_claim_is_refused(store: Store) -> None:
    add_manual_claim(store.db, GOOD, store.cipher)
    with pytest.raises(ValueError, match="already recorded"):
        add_manual_claim(store.db, replace(GOOD, status="granted"), store.cipher)
    assert records.list_claims(store.db)[0].status == "open"
