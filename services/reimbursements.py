"""The FBA reimbursement finder's use cases: the Reimbursements screen, the command, the board.

Cases come from core.reimbursements over the stored reports; the seller's marks
(filed with Seller Central's case id, reimbursed, denied) are stored with a line in
the case's notes, so its trail reads like a defect's. A reimbursements report that
later pays a case closes it by itself (the finder sees the payment).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlite_utils

from core.clock import to_utc
from core.deadlines import DeadlineItem, reimbursement_items
from core.reimbursements import (
    CASE_STATES,
    Case,
    CaseState,
    MarkStatus,
    ReimbursementSettings,
    find_cases,
)
from services.changes import Changes
from storage.cipher import PiiCipher
from storage.db import Store, transaction
from storage.repository import app_state
from storage.repository.reimbursement_inputs import add_mark, inputs_version, load_finder_inputs
from storage.repository.settings import load_reimbursement_settings

NOTES_KIND = "reimbursement"
"""The notes table's kind for a case (its ref is the case key)."""
CLAIMABLE_NOW: tuple[CaseState, ...] = ("closing_soon", "claimable")
MARKS: tuple[MarkStatus, ...] = ("filed", "reimbursed", "denied")
CHANGES = Changes(reimbursements=True)
BOARD_CACHE_SIZE = 8  # databases x days; a few at most (tests open many)
_BOARD_CASES: dict[tuple[object, ...], list[Case]] = {}
_BOARD_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class ReimbursementsPage:
    """Every case at `as_of` in the finder's order (soonest window end first)."""

    as_of: datetime
    cases: list[Case]
    settings: ReimbursementSettings

    def in_state(self, state: CaseState) -> list[Case]:
        return [c for c in self.cases if c.state == state]

    def counts(self) -> dict[CaseState, int]:
        """Cases per state, every state present (0 when none)."""
        out = dict.fromkeys(CASE_STATES, 0)
        for c in self.cases:
            out[c.state] += 1
        return out

    def claimable_now(self) -> dict[str, Decimal]:
        """The estimated value of the cases that can be filed today, per currency."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for c in self.cases:
            if c.state in CLAIMABLE_NOW and c.estimated_value is not None:
                totals[c.currency or ""] += c.estimated_value
        return dict(sorted(totals.items()))

    def unvalued_now(self) -> int:
        """Claimable cases whose value is unknown (no recent price, no earlier payment)."""
        return sum(1 for c in self.cases if c.state in CLAIMABLE_NOW and c.estimated_value is None)

    def case(self, key: str) -> Case | None:
        return next((c for c in self.cases if c.key == key), None)


def cases_at(
    db: sqlite_utils.Database, as_of: datetime, cipher: PiiCipher | None = None
) -> list[Case]:
    """The finder over the stored reports; notes of marks only with a cipher."""
    settings = load_reimbursement_settings(db)
    inputs = load_finder_inputs(db, as_of, settings.value_lookback_days, cipher)
    return find_cases(inputs, as_of, settings)


def reimbursement_cases(store: Store, as_of: datetime) -> ReimbursementsPage:
    """The screen's and the command's cases, with the notes of the seller's marks."""
    cases = cases_at(store.db, as_of, store.cipher)
    return ReimbursementsPage(as_of, cases, load_reimbursement_settings(store.db))


def reimbursement_board(db: sqlite_utils.Database, as_of: datetime) -> list[DeadlineItem]:
    """The claims on the deadline board: claimable and closing-soon cases, due when they end.

    The board is rebuilt every minute, and a large account's finder run takes seconds, so
    the claimable cases are kept per (stored inputs, settings, UTC day): a case's state
    only turns at midnight UTC, and report rows only arrive by import. (A row imported
    before the time it is dated would count from its import, not its time, until the
    next day or the next import.)
    """
    settings = load_reimbursement_settings(db)
    key = (inputs_version(db), tuple(settings.to_dict().items()), to_utc(as_of).date())
    with _BOARD_LOCK:
        cases = _BOARD_CASES.get(key)
    if cases is None:
        inputs = load_finder_inputs(db, as_of, settings.value_lookback_days)
        cases = [c for c in find_cases(inputs, as_of, settings) if c.state in CLAIMABLE_NOW]
        with _BOARD_LOCK:
            if len(_BOARD_CASES) >= BOARD_CACHE_SIZE:
                _BOARD_CASES.clear()
            _BOARD_CASES[key] = cases
    return reimbursement_items(cases, as_of)


def mark_case(
    store: Store,
    key: str,
    status: MarkStatus,
    case_id: str,
    at: datetime,
    note: str = "",
) -> Changes:
    """The seller filed the case (with Seller Central's case id), or Amazon paid or denied it."""
    if status not in MARKS:
        raise ValueError(f"'{status}' is not one of {', '.join(MARKS)}.")
    case_id, note = case_id.strip(), note.strip()
    if status == "filed" and not case_id:
        raise ValueError("Type the case id Seller Central gave the claim.")
    db = store.db
    with transaction(db):
        add_mark(db, key, status, case_id, at, note, store.cipher)
        words = f"Marked {status}" + (f" (Seller Central case {case_id})" if case_id else "")
        text = f"{words}. {note}".strip()
        app_state.add_note(db, NOTES_KIND, key, at, text, cipher=store.cipher)
    return CHANGES


def reopen_case(store: Store, key: str, at: datetime) -> Changes:
    """Undo the marks: the case follows its claim window again."""
    db = store.db
    with transaction(db):
        add_mark(db, key, "open", "", at, "", store.cipher)
        app_state.add_note(db, NOTES_KIND, key, at, "Marked open again.", cipher=store.cipher)
    return CHANGES
