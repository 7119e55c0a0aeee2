"""The countdown board: every clock Amazon runs against the seller, soonest first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from core.clock import day_start, to_utc
from core.metrics.inputs import MetricInputs
from core.metrics.lrr import needs_response, reply_index, response_at
from core.metrics.rdr import is_decided, requested_at
from core.settings import MetricSettings

if TYPE_CHECKING:
    from core.reimbursements import Case

DeadlineKind = Literal[
    "message", "return", "claim_info", "appeal", "feedback_removal", "reimbursement"
]
DeadlineState = Literal["overdue", "due_soon", "open"]
SHORT_KINDS = frozenset({"message", "return", "claim_info"})
REIMBURSEMENT_SOON_DAYS = 8
"""The live due-soon margin of a claim: the spec's 7 days before its last day, plus that
day (a board item is built with its case's own state, which follows the setting)."""


@dataclass(frozen=True, slots=True)
class DeadlineItem:
    """One clock. `due_at` is Amazon's deadline; `target_at` a stricter internal one."""

    kind: DeadlineKind
    ref: str  # message id, "order_id|rma_id", claim id, the feedback's order id, or a case key
    order_id: str
    due_at: datetime
    seconds_left: float
    state: DeadlineState
    target_at: datetime | None = None


def item_state(kind: DeadlineKind, seconds_left: float, settings: MetricSettings) -> DeadlineState:
    """overdue below zero; due_soon within the kind's margin (hours or days, settings)."""
    if seconds_left < 0:
        return "overdue"
    if kind in SHORT_KINDS:
        margin = timedelta(hours=settings.due_soon_short_hours)
    elif kind == "reimbursement":
        margin = timedelta(days=REIMBURSEMENT_SOON_DAYS)
    else:
        margin = timedelta(days=settings.due_soon_long_days)
    return "due_soon" if seconds_left <= margin.total_seconds() else "open"


def _item(
    kind: DeadlineKind,
    ref: str,
    order_id: str,
    due_at: datetime,
    now: datetime,
    settings: MetricSettings,
    target_at: datetime | None = None,
) -> DeadlineItem:
    left = (due_at - now).total_seconds()
    return DeadlineItem(
        kind=kind,
        ref=ref,
        order_id=order_id,
        due_at=due_at,
        seconds_left=left,
        state=item_state(kind, left, settings),
        target_at=target_at,
    )


def _messages(
    inputs: MetricInputs,
    now: datetime,
    settings: MetricSettings,
    targets: Mapping[str, float],
) -> list[DeadlineItem]:
    replies = reply_index(inputs.messages, now)
    items = []
    for m in inputs.messages:
        received = m.timestamp
        if not needs_response(m) or received > now:
            continue
        if response_at(m, replies, now) is not None:
            continue
        hours = targets.get(m.message_id)
        target = received + timedelta(hours=hours) if hours is not None else None
        due = received + timedelta(hours=settings.response_hours)
        items.append(_item("message", m.message_id, m.order_id, due, now, settings, target))
    return items


def _returns(inputs: MetricInputs, now: datetime, settings: MetricSettings) -> list[DeadlineItem]:
    hours = timedelta(hours=settings.return_decision_hours)
    return [
        _item(
            "return", f"{r.order_id}|{r.rma_id}", r.order_id, requested_at(r) + hours, now, settings
        )
        for r in inputs.returns
        if requested_at(r) <= now and not is_decided(r, now)
    ]


def _claims(inputs: MetricInputs, now: datetime, settings: MetricSettings) -> list[DeadlineItem]:
    items = []
    for c in inputs.claims:
        if to_utc(c.filed_at) > now:
            continue
        if c.status == "info_requested" and c.info_requested_at is not None:
            asked = to_utc(c.info_requested_at)
            if asked <= now:
                due = asked + timedelta(hours=settings.claim_info_hours)
                items.append(_item("claim_info", c.claim_id, c.order_id, due, now, settings))
        elif c.status == "granted" and c.decided_at is not None and not c.appeal_logged:
            decided = to_utc(c.decided_at)
            if decided <= now:
                due = decided + timedelta(days=settings.appeal_days)
                items.append(_item("appeal", c.claim_id, c.order_id, due, now, settings))
    return items


def _feedback(inputs: MetricInputs, now: datetime, settings: MetricSettings) -> list[DeadlineItem]:
    span = timedelta(days=settings.feedback_removal_days)
    items = []
    for f in inputs.feedback:
        if not f.negative or not f.counts or f.removal_requested:
            continue
        placed = day_start(f.feedback_date)
        if placed <= now:
            due = placed + span
            items.append(_item("feedback_removal", f.order_id, f.order_id, due, now, settings))
    return items


def build_board(
    inputs: MetricInputs,
    now: datetime,
    settings: MetricSettings | None = None,
    targets: Mapping[str, float] | None = None,
) -> list[DeadlineItem]:
    """Every open clock that exists at `now`, sorted by Amazon's due time.

    `targets` maps a message id to the escalation matrix's stricter target in hours.
    """
    cfg = settings or MetricSettings()
    moment = to_utc(now)
    items = (
        _messages(inputs, moment, cfg, targets or {})
        + _returns(inputs, moment, cfg)
        + _claims(inputs, moment, cfg)
        + _feedback(inputs, moment, cfg)
    )
    items.sort(key=lambda i: (i.due_at, i.kind, i.ref))
    return items


def claim_due_at(claim_closes: date) -> datetime:
    """When a claim window ends: 00:00 UTC after `claim_closes`, whose whole UTC day counts."""
    return day_start(claim_closes + timedelta(days=1))


def reimbursement_items(cases: Iterable[Case], now: datetime) -> list[DeadlineItem]:
    """A clock per claimable or closing-soon case with a window (reversals have none).

    The ref is the case key; the order id only for cases about a buyer's order.
    """
    moment = to_utc(now)
    items = []
    for c in cases:
        if c.state not in ("claimable", "closing_soon") or c.claim_closes is None:
            continue
        due = claim_due_at(c.claim_closes)
        order_id = c.order_id if c.kind != "removal" and c.order_id else ""
        items.append(
            DeadlineItem(
                kind="reimbursement",
                ref=c.key,
                order_id=order_id,
                due_at=due,
                seconds_left=(due - moment).total_seconds(),
                state="due_soon" if c.state == "closing_soon" else "open",
            )
        )
    return items
