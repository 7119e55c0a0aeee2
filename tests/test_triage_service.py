"""services.triage: the seller's corrections, and the CLI's waiting messages from the health."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.triage import triage_messages
from services.changes import Changes
from services.health import current_health
from services.triage import classify, correct_contact_type, waiting_messages
from storage.repository import triage_store
from storage.repository.records import list_messages, messages_by_id

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
PRE_PURCHASE = "M11-00201"  # "Product details inquiry ... I live in Burlington."


@pytest.fixture
def seller_a(store: Any, samples: Path) -> Any:
    from storage.imports.apply import apply_import

    for path in sorted((samples / "seller-a").iterdir()):
        if path.suffix in (".txt", ".csv"):
            assert apply_import(store, path, now=AS_OF).error is None
    return store


def stored_type(store: Any, message_id: str) -> str:
    row = store.db.execute(
        "SELECT contact_type FROM messages WHERE message_id = ?", [message_id]
    ).fetchone()
    return str(row[0])


def test_a_correction_is_stored_and_said(seller_a: Any) -> None:
    done = correct_contact_type(seller_a, PRE_PURCHASE, "cancellation_request")
    assert done.changes == Changes(messages=True)
    assert done.note == "Marked as Cancellation request."
    assert stored_type(seller_a, PRE_PURCHASE) == "cancellation_request"
    back = correct_contact_type(seller_a, PRE_PURCHASE, "")
    assert back.note == "Back to the automatic type." and stored_type(seller_a, PRE_PURCHASE) == ""


def test_a_correction_with_a_rule_learns_from_the_decrypted_text(seller_a: Any) -> None:
    done = correct_contact_type(seller_a, PRE_PURCHASE, "product_defect", make_rule=True)
    assert done.changes == Changes(messages=True, triage_rules=True)
    assert done.note == (
        "Marked as Product defect. New rule: messages with \u201cdetails\u201d are Product defect."
    )
    corrections = [r for r in triage_store.load_rules(seller_a.db) if r.origin == "correction"]
    assert [(r.pattern, r.contact_type) for r in corrections] == [("details", "product_defect")]


def test_a_message_without_a_usable_word_makes_no_rule(seller_a: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("services.triage.messages_by_id", lambda *_a, **_k: [])
    done = correct_contact_type(seller_a, PRE_PURCHASE, "product_defect", make_rule=True)
    assert done.changes == Changes(messages=True)
    assert done.note.startswith("Marked as Product defect. No rule made: ")


def test_an_unknown_message_changes_nothing(seller_a: Any) -> None:
    done = correct_contact_type(seller_a, "no-such-message", "product_defect", make_rule=True)
    assert done.changes == Changes() and not done.changes
    assert done.note == "Message no-such-message is not in the database."


def test_classify_uses_the_enabled_rules_and_the_matrix(seller_a: Any) -> None:
    messages = messages_by_id(seller_a.db, [PRE_PURCHASE], seller_a.cipher)
    result = classify(seller_a.db, messages)
    # the sample message names its order, so it is never a pre-purchase question
    assert result[PRE_PURCHASE].classification.contact_type == "general_inquiry"


def test_waiting_messages_are_the_boards_with_the_healths_triage(seller_a: Any) -> None:
    """The same as triaging every stored message again, as the CLI once did."""
    health = current_health(seller_a, AS_OF)
    items = {i.ref: i for i in health.board if i.kind == "message"}
    db = seller_a.db
    again = triage_messages(
        [m for m in list_messages(seller_a) if m.message_id in items],
        triage_store.load_rules(db, enabled_only=True),
        triage_store.load_matrix(db),
    )
    expected = sorted(again, key=lambda t: items[t.message_id].due_at)
    waiting = waiting_messages(seller_a, AS_OF)
    assert [w.triage for w in waiting] == expected
    assert [w.item for w in waiting] == [items[t.message_id] for t in expected]
    first = waiting[0]
    assert first.received_at < first.item.due_at and first.order_id == first.item.order_id
