"""The Inbox screen: every open clock with its record, thread and triage, and stopping one.

`inbox_page` reads only what the rows show: the board's messages and the no-response-needed
window with their threads, and the claims, returns and feedback the board names. So its
cost follows the open deadlines, not the years of history stored. Clocks that ran out
before the first import of their report are rows marked `history`, summed up per kind.

Every mark takes many rows and returns a `services.undo.Done`, so the last one can be undone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from core.deadline_history import history_summary, split_history
from core.deadlines import DeadlineKind
from core.format import count_noun
from core.health import Health
from core.inbox import (
    InboxRow,
    is_listed_unneeded,
    no_response_needed_rows,
    nrn_window_start,
    rows_from_board,
    threads_since,
)
from core.inbox_table import InboxTable, prepare_table
from core.model import Message
from core.settings import MetricSettings
from core.triage import MessageTriage
from services.changes import Changes
from services.health import current_health
from services.triage import classify
from services.undo import Done, record_write
from storage.db import Store
from storage.repository import app_state, records
from storage.repository.settings import load_settings
from storage.repository.views import order_skus


@dataclass(frozen=True, slots=True)
class InboxPage:
    """The rows ready to sort and filter, the threads beside them and each message's triage."""

    table: InboxTable
    threads: Mapping[str, Sequence[Message]]  # thread id -> messages, oldest first
    settings: MetricSettings
    triage: Mapping[str, MessageTriage]  # message id -> triage, for every message row
    history: Sequence[tuple[DeadlineKind, str]] = field(default_factory=list)
    """One sentence per kind of clock that ran out before the first import of its report."""

    @property
    def rows(self) -> Sequence[InboxRow]:
        return self.table.rows


def inbox_page(store: Store, now: datetime, health: Health | None = None) -> InboxPage:
    """The board at `now` (or the one `health` carries) joined with its records.

    Messages the health's triage lacks (marked no-response-needed, or a board computed
    without triage) are classified here from their decrypted text. Rows due before the
    first import of their report (`health.first_imports`) are marked history.
    """
    db = store.db
    settings = load_settings(db)
    if health is None:
        health = current_health(store, now)
    board = health.board
    unneeded_since = nrn_window_start(now, settings)
    refs = {i.ref for i in board if i.kind == "message"}
    messages = records.inbox_messages(
        store, refs, unneeded_since, threads_since(board, now, settings), now
    )
    triaged = dict(health.triage)
    missing = [
        m
        for m in messages
        if m.message_id not in triaged
        and (m.message_id in refs or is_listed_unneeded(m, unneeded_since, now))
    ]
    if missing:
        triaged.update(classify(db, missing))
    claim_ids = [i.ref for i in board if i.kind in ("claim_info", "appeal")]
    returns = [i for i in board if i.kind == "return"]
    return_orders = {i.order_id for i in returns} | {i.ref.partition("|")[0] for i in returns}
    feedback = [i.order_id or i.ref for i in board if i.kind == "feedback_removal"]
    rows = rows_from_board(
        board,
        messages,
        records.list_claims(db, claim_ids),
        records.list_returns_fbm(db, return_orders),
        records.list_feedback(store, feedback),
        triaged,
    )
    _, history = split_history(board, health.first_imports)
    if history:
        old = {(i.kind, i.ref) for i in history}
        rows = [replace(r, history=True) if (r.kind, r.ref) in old else r for r in rows]
    rows += no_response_needed_rows(messages, now, settings, triaged)
    threads: dict[str, list[Message]] = {}
    for m in messages:  # oldest first already
        threads.setdefault(m.thread_id, []).append(m)
    skus = order_skus(db, {r.order_id for r in rows if r.order_id})
    table = prepare_table(rows, settings, skus)
    return InboxPage(table, threads, settings, triaged, history_summary(history))


DONE_WORDS: Mapping[str, tuple[str, str, str]] = {
    "message": ("message", "messages", "responded"),
    "return": ("return request", "return requests", "decided"),
    "appeal": ("claim", "claims", "appealed"),
    "feedback_removal": ("feedback", "feedback", "removal requested"),
}
"""The kinds a mark stops, in the status line's words: 'Marked 3 messages responded'."""
STOP_CHANGES: Mapping[str, Changes] = {
    "message": Changes(messages=True),
    "return": Changes(returns=True),
    "appeal": Changes(claims=True, defect_status=True),
    "feedback_removal": Changes(feedback=True, defect_status=True),
}


def _places(rows: Sequence[InboxRow]) -> dict[str, list[tuple[object, ...]]]:
    """The app-state rows stopping these clocks may write (storage.repository.undo)."""
    places: dict[str, list[tuple[object, ...]]] = {}
    for row in rows:
        if row.kind == "message":
            places.setdefault("messages", []).append((row.ref,))
        elif row.kind == "return":
            order_id, _, rma_id = row.ref.partition("|")
            places.setdefault("returns_fbm", []).append((order_id or row.order_id, rma_id))
        elif row.kind == "appeal":
            places.setdefault("claims", []).append((row.ref,))
            status = places.setdefault("defect_status", [])
            status += [("claim", row.ref), ("chargeback", row.ref)]
        elif row.kind == "feedback_removal":
            places.setdefault("feedback", []).append((row.order_id,))
            places.setdefault("defect_status", []).append(("feedback", row.order_id))
    return places


def stop_clocks(store: Store, rows: Sequence[InboxRow], at: datetime) -> Done:
    """Stop every row's clock the way its kind is stopped, in one transaction; undoable.

    Rows of kinds the app cannot stop (an A-to-z information request is answered in
    Seller Central) are left as they are.
    """
    stoppable = [r for r in rows if r.kind in DONE_WORDS]
    if not stoppable:
        return Done(Changes(), "")
    changes = Changes()
    for kind in {r.kind for r in stoppable}:
        changes |= STOP_CHANGES[kind]

    def stop_all() -> None:
        for row in stoppable:
            stop_clock(store, row, at)

    return record_write(store, _places(stoppable), stop_all, changes, _marked(stoppable))


def _marked(rows: Sequence[InboxRow]) -> str:
    counts = Counter(r.kind for r in rows)
    parts = []
    for kind, n in counts.items():
        singular, plural, state = DONE_WORDS[kind]
        parts.append(f"{count_noun(n, singular, plural)} {state}")
    head = ", ".join(parts[:-1])
    return "Marked " + (f"{head} and {parts[-1]}" if head else parts[-1]) + "."


def mark_no_response_needed(store: Store, message_ids: Sequence[str], value: bool) -> Done:
    """Take messages off the board (they never count as late), or put them back; undoable."""
    ids = list(dict.fromkeys(message_ids))
    if not ids:
        return Done(Changes(), "")

    def mark_all() -> None:
        for message_id in ids:
            app_state.set_no_response_needed(store.db, message_id, value)

    noun = count_noun(len(ids), "message")
    text = f"Marked {noun} as needing no response." if value else f"Put {noun} back on the board."
    places: dict[str, Sequence[tuple[object, ...]]] = {"messages": [(i,) for i in ids]}
    return record_write(store, places, mark_all, Changes(messages=True), text)


def stop_clock(store: Store, row: InboxRow, at: datetime) -> Changes:
    """Stop a row's clock the way its kind is stopped: answered, decided, appealed, requested."""
    db = store.db
    if row.kind == "message":
        app_state.mark_responded(db, row.ref, at)
        return Changes(messages=True)
    if row.kind == "return":
        order_id, _, rma_id = row.ref.partition("|")
        app_state.mark_return_decided(db, order_id or row.order_id, rma_id, at)
        return Changes(returns=True)
    if row.kind == "appeal":
        app_state.log_appeal(db, row.ref, at)
        return Changes(claims=True, defect_status=True)
    if row.kind == "feedback_removal":
        app_state.set_feedback_removal_requested(db, row.order_id, at)
        return Changes(feedback=True, defect_status=True)
    return Changes()


def set_no_response_needed(store: Store, message_id: str, value: bool) -> Changes:
    """Take a message off the board (it never counts as late), or put it back."""
    app_state.set_no_response_needed(store.db, message_id, value)
    return Changes(messages=True)
