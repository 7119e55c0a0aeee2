"""The Defects screen and the feedback-removal check: what hurts ODR, and acting on it.

Reads return typed rows from core.defects; every write returns the `Changes` it made,
so the list, the dashboard and the tray follow. The CLI's `feedback-check` asks
`removal_candidates`, which reads the same feedback as the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from core.defects import (
    REASON_LABELS,
    STATUS_LABELS,
    DefectNote,
    DefectRow,
    defect_rows,
    removal_verdict,
)
from core.feedback_check import RemovalVerdict, RemovalWindow, removal_window
from core.format import count_noun
from core.model import Channel, Feedback
from services.changes import Changes
from services.undo import Done, record_write
from storage.db import Store, transaction
from storage.repository import app_state
from storage.repository.records import list_claims, list_returns_fbm
from storage.repository.settings import load_settings
from storage.repository.views import (
    defect_feedback,
    defect_statuses,
    first_seen,
    order_skus,
    orders_by_id,
)
from storage.repository.warnings import last_review, log_review

STATUS_CHANGES = Changes(defect_status=True)
"""Statuses, notes and removal marks; removed feedback also moves the metrics."""
REFUSED_NOTE = "Amazon refused the removal request."


@dataclass(frozen=True, slots=True)
class DefectsPage:
    """Every defect at `now`, the last weekly review, and the 1-3 star feedback by order."""

    rows: list[DefectRow]
    last_review: datetime | None
    feedback: dict[str, Feedback]  # the removal checker reads the comment
    skus: dict[str, str] = field(default_factory=dict)  # order id -> SKUs and ASINs (search)


def defects_page(store: Store, now: datetime) -> DefectsPage:
    db = store.db
    feedback = defect_feedback(store)
    claims = list_claims(db)
    ids = {f.order_id for f in feedback} | {c.order_id for c in claims}
    rows = defect_rows(
        feedback=feedback,
        claims=claims,
        returns=list_returns_fbm(db),
        orders=orders_by_id(db, ids),
        statuses=defect_statuses(db),
        seen=first_seen(db),
        as_of=now,
        settings=load_settings(db),
    )
    feedback_by_order = {f.order_id: f for f in feedback}
    skus = order_skus(db, {r.order_id for r in rows})
    return DefectsPage(rows, last_review(db), feedback_by_order, skus)


def defect_notes(store: Store, kind: str, ref: str) -> list[DefectNote]:
    """A defect's appeal trail, oldest first."""
    return [
        DefectNote(
            id=int(n["id"]),
            created_at=str(n["created_at"] or ""),
            text=str(n["text"] or ""),
            evidence_path=str(n["evidence_path"] or ""),
            status_change=str(n["status_change"] or ""),
        )
        for n in app_state.list_notes(store.db, kind, ref, store.cipher)
    ]


def set_status(store: Store, row: DefectRow, status: str, at: datetime) -> Changes:
    """The seller's status edit; the statuses that move the metrics go through the
    same app-state functions as the rest of the app, each appending a notes entry."""
    db = store.db
    with transaction(db):
        if row.kind == "feedback" and status == "removed":
            app_state.set_feedback_removed(db, row.order_id, True, at)
        elif row.kind == "feedback" and status == "removal_requested":
            app_state.set_feedback_removal_requested(db, row.order_id, at)
        elif row.kind in ("claim", "chargeback") and status == "appealed":
            app_state.log_appeal(db, row.ref, at)
        else:
            if row.kind == "feedback" and row.status == "removed":
                app_state.set_feedback_removed(db, row.order_id, False, at)
            app_state.set_defect_status(db, row.kind, row.ref, status, at)
    return STATUS_CHANGES


def set_statuses(store: Store, rows: Sequence[DefectRow], status: str, at: datetime) -> Done:
    """`set_status` on every row not already there, in one transaction; undoable."""
    changing = [r for r in rows if r.status != status]
    if not changing:
        return Done(Changes(), "")
    places: dict[str, list[tuple[object, ...]]] = {
        "defect_status": [(r.kind, r.ref) for r in changing]
    }
    for r in changing:
        if r.kind == "feedback":
            places.setdefault("feedback", []).append((r.order_id,))
        elif r.kind in ("claim", "chargeback"):
            places.setdefault("claims", []).append((r.ref,))

    def set_all() -> None:
        for r in changing:
            set_status(store, r, status, at)

    text = f"Set {count_noun(len(changing), 'defect')} to {STATUS_LABELS.get(status, status)}."
    return record_write(store, places, set_all, STATUS_CHANGES, text)


def add_notes(
    store: Store, kind: str, ref: str, at: datetime, notes: Sequence[tuple[str, str]]
) -> Changes:
    """Append notes, each `(text, evidence file path or "")`, in one transaction."""
    db = store.db
    with transaction(db):
        for text, path in notes:
            app_state.add_note(db, kind, ref, at, text, path, cipher=store.cipher)
    return STATUS_CHANGES if notes else Changes()


def request_removal(
    store: Store, order_id: str, at: datetime, verdict: RemovalVerdict | None
) -> Changes:
    """A removal request went out; the reasons cited are kept in the notes."""
    db = store.db
    with transaction(db):
        app_state.set_feedback_removal_requested(db, order_id, at)
        if verdict is not None and verdict.reasons:
            cited = ", ".join(REASON_LABELS.get(r.code, r.code) for r in verdict.reasons)
            note = f"Removal requested: {cited}."
            app_state.add_note(db, "feedback", order_id, at, note, cipher=store.cipher)
    return STATUS_CHANGES


def mark_removed(store: Store, order_id: str, at: datetime) -> Changes:
    """Amazon removed the feedback: it leaves ODR and NFR."""
    app_state.set_feedback_removed(store.db, order_id, True, at)
    return STATUS_CHANGES


def mark_refused(store: Store, order_id: str, at: datetime) -> Changes:
    """Amazon kept it: the defect is lost, and the notes say why."""
    app_state.set_defect_status(store.db, "feedback", order_id, "lost", at, REFUSED_NOTE)
    return STATUS_CHANGES


def review_done(store: Store, at: datetime) -> Changes:
    """The weekly ODR review (it also clears the review warning)."""
    log_review(store.db, at)
    return Changes(warnings=True)


@dataclass(frozen=True, slots=True)
class RemovalCandidate:
    """1-3 star feedback still inside Amazon's 90-day removal window, with the verdict."""

    feedback: Feedback
    channel: Channel | None
    window: RemovalWindow
    verdict: RemovalVerdict


def removal_candidates(store: Store, now: datetime) -> list[RemovalCandidate]:
    """Feedback not removed, given by `now` and still requestable, oldest first."""
    db = store.db
    feedback = [
        f for f in defect_feedback(store) if not f.removed and f.feedback_date <= now.date()
    ]
    orders = orders_by_id(db, [f.order_id for f in feedback])
    out = []
    for f in feedback:
        window = removal_window(f.feedback_date, now)
        if window.seconds_left < 0:
            continue
        order = orders.get(f.order_id)
        channel = order.channel if order else None
        out.append(RemovalCandidate(f, channel, window, removal_verdict(f, channel)))
    return out
