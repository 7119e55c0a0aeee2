"""The Inbox screen: every open clock with its record, thread and triage, and stopping one.

`inbox_page` reads only what the rows show: the board's messages and the no-response-needed
window with their threads, and the claims, returns and feedback the board names. So its
cost follows the open deadlines, not the years of history stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

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
from storage.db import Store
from storage.repository import app_state, records
from storage.repository.settings import load_settings


@dataclass(frozen=True, slots=True)
class InboxPage:
    """The rows ready to sort and filter, the threads beside them and each message's triage."""

    table: InboxTable
    threads: Mapping[str, Sequence[Message]]  # thread id -> messages, oldest first
    settings: MetricSettings
    triage: Mapping[str, MessageTriage]  # message id -> triage, for every message row

    @property
    def rows(self) -> Sequence[InboxRow]:
        return self.table.rows


def inbox_page(store: Store, now: datetime, health: Health | None = None) -> InboxPage:
    """The board at `now` (or the one `health` carries) joined with its records.

    Messages the health's triage lacks (marked no-response-needed, or a board computed
    without triage) are classified here from their decrypted text.
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
    rows += no_response_needed_rows(messages, now, settings, triaged)
    threads: dict[str, list[Message]] = {}
    for m in messages:  # oldest first already
        threads.setdefault(m.thread_id, []).append(m)
    return InboxPage(prepare_table(rows, settings), threads, settings, triaged)


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
