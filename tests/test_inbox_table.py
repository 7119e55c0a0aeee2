"""core.inbox_table: the prepared keys filter, count and sort exactly as the plain rules do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from core.countdown import due_soon_margin, kind_label, state_for
from core.inbox import InboxRow
from core.inbox_table import FILTERS, SortKey, prepare_table
from core.settings import MetricSettings

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SETTINGS = MetricSettings()
KINDS = ("message", "return", "claim_info", "appeal", "feedback_removal")
HOURS = st.sampled_from([-500, -72, -5, -1, 0, 1, 3, 4, 5, 48, 71, 72, 73, 200])


@st.composite
def inbox_rows(draw: st.DrawFn) -> InboxRow:
    due = NOW + timedelta(hours=draw(HOURS))
    target = draw(st.none() | HOURS.map(lambda h: NOW + timedelta(hours=h)))
    received = draw(st.none() | HOURS.map(lambda h: NOW + timedelta(hours=h - 24)))
    return InboxRow(
        kind=draw(st.sampled_from(KINDS)),
        ref=draw(st.text("ab", max_size=3)),
        order_id=draw(st.sampled_from(["", "111-1", "111-2", "112-1"])),
        due_at=due,
        subject=draw(st.sampled_from(["", "Where is", "where is", "Return", "abc"])),
        buyer=draw(st.sampled_from(["", "A@x", "a@x", "b@x"])),
        received_at=received,
        target_at=target,
        no_response_needed=draw(st.booleans()),
        contact_type=draw(st.sampled_from(["", "delivery_issue", "return_request"])),
    )


ROWS = st.lists(inbox_rows(), max_size=30)
INSTANTS = HOURS.map(lambda h: (NOW + timedelta(hours=h, minutes=1)).timestamp())


def plain_state(r: InboxRow, now: float) -> str:
    return state_for(r.due_at.timestamp() - now, due_soon_margin(r.kind, SETTINGS))


def plain_filter(rows: list[InboxRow], name: str, now: float) -> list[int]:
    if name == "no_response_needed":
        return [i for i, r in enumerate(rows) if r.no_response_needed]
    board = [i for i, r in enumerate(rows) if not r.no_response_needed]
    if name == "all":
        return board
    return [i for i in board if plain_state(rows[i], now) == name]


def plain_key(rows: list[InboxRow], key: SortKey) -> Callable[[int], object]:
    def due(i: int) -> float:
        return rows[i].due_at.timestamp()

    def clock(i: int) -> float:
        r = rows[i]
        stricter = r.target_at is not None and not r.no_response_needed and r.target_at < r.due_at
        return r.target_at.timestamp() if stricter and r.target_at else due(i)

    received = {i: r.received_at.timestamp() if r.received_at else 0.0 for i, r in enumerate(rows)}
    return {
        "due": due,
        "clock": clock,
        "received": received.__getitem__,
        "kind": lambda i: (kind_label(rows[i].kind), due(i)),
        "type": lambda i: (rows[i].type_label, due(i)),
        "order": lambda i: rows[i].order_id,
        "subject": lambda i: rows[i].subject.lower(),
        "buyer": lambda i: rows[i].buyer.lower(),
    }[key]


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, now=INSTANTS)
def test_filters_and_counts_follow_the_states(rows: list[InboxRow], now: float) -> None:
    table = prepare_table(rows, SETTINGS)
    for name in FILTERS:
        assert table.filtered(name, now) == plain_filter(rows, name, now), name
        assert table.counts(now)[name] == len(plain_filter(rows, name, now)), name
    assert list(table.board_by_due) == sorted(table.board, key=plain_key(rows, "due"))


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, first=INSTANTS, second=INSTANTS)
def test_the_signature_changes_exactly_when_a_state_does(
    rows: list[InboxRow], first: float, second: float
) -> None:
    table = prepare_table(rows, SETTINGS)
    board = [r for r in rows if not r.no_response_needed]
    same_states = [plain_state(r, first) for r in board] == [plain_state(r, second) for r in board]
    assert (table.signature(first) == table.signature(second)) == same_states


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, data=st.data())
def test_every_sort_key_orders_as_the_plain_key(rows: list[InboxRow], data: st.DataObject) -> None:
    table = prepare_table(rows, SETTINGS)
    before = data.draw(st.permutations(range(len(rows))))
    for key, prepared in table.keys.items():
        for reverse in (False, True):
            got = sorted(before, key=prepared.__getitem__, reverse=reverse)
            assert got == sorted(before, key=plain_key(rows, key), reverse=reverse), key
