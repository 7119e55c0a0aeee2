"""The inbox's rows: every open clock of the board joined with the record it is about.

Pure row-building, shared by the use case (services/inbox.py) and tests; the Qt table
model only presents these rows. Buyer messages carry their triage (contact type and
the rule that sorted it); messages marked "no response needed" are listed apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.clock import day_start
from core.deadlines import DeadlineItem
from core.labels import label
from core.model import Claim, Feedback, Message, ReturnRequest
from core.reimbursements.keys import case_subject
from core.settings import MetricSettings
from core.triage import CONTACT_TYPE_LABELS, MessageTriage

NRN_DAYS = 90
"""How far back the "No response needed" filter lists marked messages."""

ORIGIN_WORDS = {"correction": "your correction", "seller": "your rule"}


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One deadline as the inbox shows it: a board item joined with its record."""

    kind: str
    ref: str
    order_id: str
    due_at: datetime
    subject: str = ""
    buyer: str = ""
    received_at: datetime | None = None
    target_at: datetime | None = None
    thread_id: str = ""
    no_response_needed: bool = False
    contact_type: str = ""  # triage of a buyer message ("" for other kinds)
    triage_note: str = ""  # why: "matched 'where is my' (en)"
    overridden: bool = False  # the seller set the contact type by hand
    history: bool = False  # due before the first import of its report (core.deadline_history)

    @property
    def type_label(self) -> str:
        return CONTACT_TYPE_LABELS.get(self.contact_type, self.contact_type)


def nrn_window_start(now: datetime, settings: MetricSettings) -> datetime:
    """Marked messages received since then are listed: 90 days is the longest LRR window."""
    return now - timedelta(days=max(NRN_DAYS, settings.lrr_days))


def threads_since(
    board: Iterable[DeadlineItem], now: datetime, settings: MetricSettings
) -> datetime:
    """The oldest instant a thread shown beside a row reaches back to."""
    since = nrn_window_start(now, settings)
    hours = timedelta(hours=settings.response_hours)
    for item in board:
        if item.kind == "message":
            since = min(since, item.due_at - hours - timedelta(days=1))
    return since


def is_listed_unneeded(m: Message, start: datetime, now: datetime) -> bool:
    """An inbound, unanswered message marked no-response-needed inside the listing window."""
    return (
        m.direction == "in"
        and m.no_response_needed
        and m.responded_at is None
        and start <= m.timestamp <= now
    )


def triage_note(t: MessageTriage) -> str:
    """Why a message has its type, in the seller's words (the Type column's tooltip)."""
    if t.overridden:
        return "Set by you (Change type\u2026 to undo)."
    rule = t.classification.rule
    if rule is None:
        return "No rule matched: treated as a general inquiry."
    where = rule.language or ORIGIN_WORDS.get(rule.origin, "any language")
    if rule.origin in ORIGIN_WORDS and rule.language:
        where = f"{rule.language}, {ORIGIN_WORDS[rule.origin]}"
    return f"matched '{t.classification.matched_text}' ({where})"


def _typed(t: MessageTriage | None) -> tuple[str, str, bool]:
    """(contact type, why, set by hand) of a message row; empty without triage."""
    if t is None:
        return "", "", False
    return t.classification.contact_type, triage_note(t), t.overridden


def _row(
    kind: str,
    ref: str,
    order_id: str,
    due_at: datetime,
    triage: MessageTriage | None,
    *,
    subject: str,
    buyer: str,
    received: datetime | None,
    thread: str,
    target: datetime | None = None,
    unneeded: bool = False,
) -> InboxRow:
    contact_type, note, overridden = _typed(triage)
    return InboxRow(
        kind=kind,
        ref=ref,
        order_id=order_id,
        due_at=due_at,
        subject=subject,
        buyer=buyer,
        received_at=received,
        target_at=target,
        thread_id=thread,
        no_response_needed=unneeded,
        contact_type=contact_type,
        triage_note=note,
        overridden=overridden,
    )


def _describe_claim(claim: Claim, what: str) -> str:
    label = "Chargeback" if claim.kind == "chargeback" else "A-to-z claim"
    reason = claim.reason.replace("_", " ")
    return f"{label} {claim.claim_id} ({reason}): {what}"


def rows_from_board(
    board: Sequence[DeadlineItem],
    messages: Sequence[Message],
    claims: Sequence[Claim],
    returns: Sequence[ReturnRequest],
    feedback: Sequence[Feedback],
    triage: Mapping[str, MessageTriage] | None = None,
) -> list[InboxRow]:
    """Join board items with their records for display.

    `triage` (message id -> MessageTriage) fills the Type column of message rows.
    """
    triaged = triage or {}
    by_message = {m.message_id: m for m in messages}
    by_claim = {c.claim_id: c for c in claims}
    by_return = {(r.order_id, r.rma_id): r for r in returns}
    by_return_order = {r.order_id: r for r in returns}
    by_feedback = {f.order_id: f for f in feedback}
    rows: list[InboxRow] = []
    for item in board:
        kind, ref, order_id = item.kind, item.ref, item.order_id
        subject, buyer, thread = "", "", ""
        received: datetime | None = None
        if kind == "message" and (m := by_message.get(ref)) is not None:
            subject, buyer, received, thread = m.subject, m.sender, m.timestamp, m.thread_id
        elif kind == "return":
            o, _, rma = ref.partition("|")
            r = by_return.get((o, rma)) or by_return_order.get(order_id)
            if r is not None:
                item_name = f" - {r.item_name}" if r.item_name else ""
                reason = label("return_reason", r.reason) if r.reason else "no reason given"
                subject = f"Return {r.rma_id}: {reason}{item_name}; authorise or close it"
                received = day_start(r.request_date)
        elif kind in ("claim_info", "appeal") and (c := by_claim.get(ref)) is not None:
            if kind == "claim_info":
                subject = _describe_claim(c, "Amazon asked for information")
                received = c.info_requested_at
            else:
                subject = _describe_claim(c, "granted; you may appeal")
                received = c.decided_at
        elif kind == "feedback_removal" and (f := by_feedback.get(order_id or ref)) is not None:
            subject = f"{f.rating}-star feedback: {f.comments}"
            buyer = f.rater_email
            received = day_start(f.feedback_date)
        elif kind == "reimbursement":
            subject = f"Claim for {case_subject(ref)}: file it in Seller Central"
        rows.append(
            _row(
                kind,
                ref,
                order_id,
                item.due_at,
                triaged.get(ref) if kind == "message" else None,
                subject=subject,
                buyer=buyer,
                received=received,
                thread=thread,
                target=item.target_at,
            )
        )
    return rows


def no_response_needed_rows(
    messages: Sequence[Message],
    now: datetime,
    settings: MetricSettings,
    triage: Mapping[str, MessageTriage] | None = None,
) -> list[InboxRow]:
    """Inbound, unanswered messages marked no-response-needed in the last NRN_DAYS.

    They are off the board (they never count as late), but listed so a wrong
    mark can be undone while it still matters: 90 days is the longest LRR window.
    """
    start = nrn_window_start(now, settings)
    hours = timedelta(hours=settings.response_hours)
    triaged = triage or {}
    return [
        _row(
            "message",
            m.message_id,
            m.order_id,
            m.timestamp + hours,
            triaged.get(m.message_id),
            subject=m.subject,
            buyer=m.sender,
            received=m.timestamp,
            thread=m.thread_id,
            unneeded=True,
        )
        for m in messages
        if is_listed_unneeded(m, start, now)
    ]
