"""Bulk marks and their undo: one write per action on many rows, the Done it returns, and
an undo that restores exactly what the mark changed (and nothing a later write did)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.inbox import InboxRow
from services.changes import Changes
from services.defects import defects_page, set_statuses
from services.inbox import inbox_page, mark_no_response_needed, stop_clocks
from services.undo import undo, undone_message
from storage.imports.apply import apply_import
from storage.repository import app_state
from storage.repository.undo import read_states

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SUMMER = datetime(2026, 8, 1, tzinfo=UTC)
AT = AS_OF  # the seller marks at the board's now


@pytest.fixture
def seller(store: Any, samples: Path) -> Any:
    for name in ("orders-1.txt", "orders-2.txt", "feedback.txt", "returns-fbm.txt"):
        assert apply_import(store, samples / "seller-a" / name, now=SUMMER).ok
    for name in ("messages.csv", "claims.csv"):
        assert apply_import(store, samples / "seller-a" / name, now=SUMMER).ok
    return store


def rows(store: Any, kind: str) -> list[InboxRow]:
    return [r for r in inbox_page(store, AS_OF).rows if r.kind == kind and not r.no_response_needed]


def board_refs(store: Any) -> list[tuple[str, str]]:
    return [(r.kind, r.ref) for r in inbox_page(store, AS_OF).rows if not r.no_response_needed]


def notes(store: Any) -> int:
    return int(store.db.execute("SELECT count(*) FROM notes").fetchone()[0])


def test_marking_three_messages_is_one_write_and_its_undo_brings_them_back(seller: Any) -> None:
    before = board_refs(seller)
    three = rows(seller, "message")[:3]
    done = stop_clocks(seller, three, AT)
    assert done.changes == Changes(messages=True)
    assert done.message == "Marked 3 messages responded."
    assert done.undoable and done.record is not None and done.record.changed == 3
    left = board_refs(seller)
    assert len(left) == len(before) - 3
    assert not {("message", r.ref) for r in three} & set(left)

    assert undo(seller, done) == Changes(messages=True)
    assert board_refs(seller) == before
    assert undone_message(done) == "Undone: marked 3 messages responded."


def test_every_kind_stops_and_comes_back_with_its_status_and_notes(seller: Any) -> None:
    before = board_refs(seller)
    statuses = seller.db.execute("SELECT * FROM defect_status ORDER BY 1, 2").fetchall()
    notes_before = notes(seller)
    picked: Sequence[InboxRow] = [
        rows(seller, kind)[0] for kind in ("message", "return", "appeal", "feedback_removal")
    ]
    done = stop_clocks(seller, [*picked, rows(seller, "claim_info")[0]], AT)
    assert done.message == (
        "Marked 1 message responded, 1 return request decided, 1 claim appealed "
        "and 1 feedback removal requested."
    )
    assert done.changes == Changes(
        messages=True, returns=True, claims=True, feedback=True, defect_status=True
    )
    assert notes(seller) == notes_before + 2  # the appeal and the removal request
    left = set(board_refs(seller))
    assert not {(r.kind, r.ref) for r in picked} & left
    assert ("claim_info", rows(seller, "claim_info")[0].ref) in left  # answered in Seller Central

    undo(seller, done)
    assert board_refs(seller) == before
    assert seller.db.execute("SELECT * FROM defect_status ORDER BY 1, 2").fetchall() == statuses
    assert notes(seller) == notes_before


def test_undo_leaves_what_a_later_write_changed(seller: Any) -> None:
    first, second = rows(seller, "message")[:2]
    done = stop_clocks(seller, [first, second], AT)
    later = AT + timedelta(hours=1)
    app_state.mark_responded(seller.db, second.ref, later)  # marked again afterwards
    undo(seller, done)
    (a, b) = read_states(seller.db, "messages", [(first.ref,), (second.ref,)])
    assert a.values is not None and a.values[0] is None
    assert b.values is not None and b.values[0] == later.isoformat()


def test_no_response_needed_on_many_and_back(seller: Any) -> None:
    ids = [r.ref for r in rows(seller, "message")[:2]]
    done = mark_no_response_needed(seller, ids, True)
    assert done.message == "Marked 2 messages as needing no response."
    page = inbox_page(seller, AS_OF)
    assert all(r.no_response_needed for r in page.rows if r.ref in ids)
    undo(seller, done)
    page = inbox_page(seller, AS_OF)
    assert not any(r.no_response_needed for r in page.rows if r.ref in ids)
    back = mark_no_response_needed(seller, [], False)
    assert not back.undoable and back.changes == Changes()


def test_a_status_on_many_defects_and_its_undo(seller: Any) -> None:
    page = defects_page(seller, AS_OF)
    claims = [r for r in page.rows if r.kind in ("claim", "chargeback")][:2]
    feedback = [r for r in page.rows if r.kind == "feedback" and r.status == "open"][:2]
    notes_before = notes(seller)
    done = set_statuses(seller, [*claims, *feedback], "won", AT)
    assert done.message == "Set 4 defects to Won."
    after = {(r.kind, r.ref): r.status for r in defects_page(seller, AS_OF).rows}
    assert all(after[(r.kind, r.ref)] == "won" for r in [*claims, *feedback])
    assert notes(seller) == notes_before + 4

    undo(seller, done)
    restored = {(r.kind, r.ref): r.status for r in defects_page(seller, AS_OF).rows}
    assert all(restored[(r.kind, r.ref)] == r.status for r in [*claims, *feedback])
    assert notes(seller) == notes_before
    same = set_statuses(seller, [claims[0]], claims[0].status, AT)
    assert not same.undoable and same.message == ""


def test_removed_feedback_leaves_the_metrics_and_its_undo_puts_it_back(seller: Any) -> None:
    from services.health import current_health

    odr = current_health(seller, AS_OF).metrics.odr
    row = next(
        r
        for r in defects_page(seller, AS_OF).rows
        if r.kind == "feedback" and r.counts and r.status == "open"
    )
    done = set_statuses(seller, [row], "removed", AT)
    assert current_health(seller, AS_OF).metrics.odr != odr
    undo(seller, done)
    assert current_health(seller, AS_OF).metrics.odr == odr
