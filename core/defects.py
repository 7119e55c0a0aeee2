"""The rows of the Defects screen: every negative feedback, claim, chargeback and
dissatisfied return, with whether it counts toward ODR and the words for why not.

Pure: the verdicts come from the metric engine's own rule functions (core.metrics.odr /
rdr), so the screen can never disagree with the numbers. Neutral (3-star) feedback is
listed too, only for the removal checker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from core.clock import day_start, to_utc
from core.feedback_check import (
    RemovalVerdict,
    check_feedback,
    removal_window,
    verdict_from_code,
)
from core.format import format_date, format_money
from core.labels import label
from core.metrics.odr import claim_exclusion, day_window, feedback_exclusion, in_days
from core.metrics.rdr import incorrectly_rejected, is_late
from core.model import Channel, Claim, Feedback, Order, ReturnRequest
from core.settings import MetricSettings

STATUSES = ("open", "appealed", "removal_requested", "removed", "won", "lost", "accepted")
STATUS_LABELS = {s: s.replace("_", " ").capitalize() for s in STATUSES}
NEUTRAL_LABEL = "Neutral feedback"
KIND_LABELS = {
    "feedback": "Negative feedback",
    "claim": "A-to-z claim",
    "chargeback": "Chargeback",
    "return": "FBM return",
}
REASON_LABELS = {
    "obscene": "obscene language",
    "personal_info": "personal information",
    "product_review": "product review",
    "fba_fulfilment": "FBA delivery",
}
RETURN_WHY_NOT = "return: counts toward RDR, not ODR"


@dataclass(frozen=True, slots=True)
class DefectRow:
    """One defect as listed; (kind, ref) is its key in defect_status and notes."""

    kind: str  # feedback / claim / chargeback / return
    ref: str
    order_id: str
    at: datetime
    channel: str  # afn / mfn / "" when the order is unknown
    counts: bool
    why_not: str
    ages_out: date | None
    status: str
    details: str
    seen_at: datetime | None = None  # when it was imported; None = unknown
    rating: int | None = None  # feedback only
    removal: str = ""  # feedback only: the removal checker's verdict in a few words
    removal_note: str = ""

    @property
    def neutral(self) -> bool:
        """3-star feedback: listed for a removal request only, never an ODR defect."""
        return self.kind == "feedback" and self.rating == 3

    @property
    def removable(self) -> bool:
        """Open feedback the checker finds worth a removal request."""
        return self.removal.startswith("eligible") and self.status == "open"


@dataclass(frozen=True, slots=True)
class DefectNote:
    """One entry of a defect's appeal trail: text, an evidence file, a status change."""

    id: int
    created_at: str  # ISO time as stored
    text: str = ""
    evidence_path: str = ""
    status_change: str = ""  # "open -> appealed"


def kind_label(row: DefectRow) -> str:
    return NEUTRAL_LABEL if row.neutral else KIND_LABELS.get(row.kind, row.kind)


def channel_of(row: DefectRow) -> Channel | None:
    return "afn" if row.channel == "afn" else "mfn" if row.channel == "mfn" else None


def removal_verdict(feedback: Feedback, channel: Channel | None) -> RemovalVerdict:
    """core.feedback_check's verdict; feedback the import marked struck through is never
    a candidate, even when Amazon's sentence is missing from the text we have. A comment
    purged under the privacy rule gives the verdict kept when it was purged."""
    if feedback.kept_verdict and not feedback.comments:
        return verdict_from_code(feedback.kept_verdict)
    verdict = check_feedback(
        feedback.comments, rating=feedback.rating, channel=channel, response=feedback.response
    )
    if feedback.struck_through and verdict.applicable:
        return RemovalVerdict(
            False,
            [],
            "Amazon has already struck this feedback through; it counts nowhere.",
            applicable=False,
        )
    return verdict


def removal_label(feedback: Feedback, channel: Channel | None, as_of: datetime) -> str:
    """The Removal column: eligible (and why) / not eligible / struck through / removed."""
    return _removal_label(feedback, removal_verdict(feedback, channel), as_of)


def _removal_label(feedback: Feedback, verdict: RemovalVerdict, as_of: datetime) -> str:
    if feedback.removed:
        return "removed by Amazon"
    if not verdict.applicable:
        return "struck through" if feedback.rating <= 3 else "not applicable"
    if not verdict.eligible:
        return "not eligible"
    reasons = ", ".join(REASON_LABELS.get(r.code, r.code) for r in verdict.reasons)
    if not removal_window(feedback.feedback_date, as_of).open:
        return f"too late: {reasons} (the 90-day window closed)"
    return f"eligible: {reasons}"


def _order_exclusion(order: Order | None, window: tuple[date, date], lag_days: int) -> str:
    """The order-level conditions of core.metrics.odr.defective_orders and the window."""
    if order is None:
        return "order not in the imported orders"
    if order.cancelled:
        return "order cancelled"
    day = to_utc(order.purchase_date).date()
    if not in_days(day, window):
        if day >= window[1]:
            # first as_of day whose window [d - window - lag, d - lag) holds the order
            enters = day + timedelta(days=lag_days + 1)
            return f"outside the window: enters on {format_date(enters)}"
        return f"outside the window: ordered {format_date(day)}"
    return ""


def _default_status(record: Feedback | Claim) -> str:
    """What the record itself says when the seller has not set a status yet."""
    if isinstance(record, Feedback):
        if record.removed:
            return "removed"
        return "removal_requested" if record.removal_requested else "open"
    return {"denied": "won", "won": "won", "granted": "lost", "lost": "lost"}.get(
        record.status, "open"
    )


@dataclass(frozen=True, slots=True)
class _Context:
    orders: Mapping[str, Order]
    statuses: Mapping[tuple[str, str], str]
    seen: Mapping[tuple[str, str], datetime]
    as_of: datetime
    settings: MetricSettings
    window: tuple[date, date]
    span: timedelta


def _record_row(
    c: _Context, kind: str, ref: str, at: datetime, rule_no: str, record: Feedback | Claim
) -> DefectRow:
    order = c.orders.get(record.order_id)
    why = rule_no or _order_exclusion(order, c.window, c.settings.odr_lag_days)
    neutral = isinstance(record, Feedback) and not record.negative  # never in ODR
    ages = to_utc(order.purchase_date).date() + c.span if order and not neutral else None
    row = DefectRow(
        kind=kind,
        ref=ref,
        order_id=record.order_id,
        at=at,
        channel=order.channel if order else "",
        counts=not why,
        why_not=why,
        ages_out=ages,
        status=c.statuses.get((kind, ref)) or _default_status(record),
        details=_details(record),
        seen_at=c.seen.get((kind, ref)),
    )
    if not isinstance(record, Feedback):
        return row
    verdict = removal_verdict(record, order.channel if order else None)
    return replace(
        row,
        rating=record.rating,
        removal=_removal_label(record, verdict, c.as_of),
        removal_note=verdict.note,
    )


def defect_rows(
    *,
    feedback: Sequence[Feedback],
    claims: Sequence[Claim],
    returns: Sequence[ReturnRequest],
    orders: Mapping[str, Order],
    statuses: Mapping[tuple[str, str], str],
    seen: Mapping[tuple[str, str], datetime],
    as_of: datetime,
    settings: MetricSettings,
) -> list[DefectRow]:
    """Every defect known at `as_of`, newest first, with the ODR verdict and status."""
    c = _Context(
        orders,
        statuses,
        seen,
        as_of,
        settings,
        day_window(as_of.date(), settings),
        timedelta(days=settings.odr_window_days + settings.odr_lag_days),
    )
    rows: list[DefectRow] = []
    for fb in feedback:
        at = day_start(fb.feedback_date)
        if fb.rating > 3 or at > as_of:
            continue  # 4-5 stars: nothing to count or remove; later: does not exist yet
        rows.append(_record_row(c, "feedback", fb.order_id, at, feedback_exclusion(fb) or "", fb))
    for claim in claims:
        kind = "chargeback" if claim.kind == "chargeback" else "claim"
        at = to_utc(claim.filed_at)
        if at > as_of:
            continue
        probe = orders.get(claim.order_id) or Order(claim.order_id, at, "", "mfn")
        rule = claim_exclusion(claim, probe) or ""
        rows.append(_record_row(c, kind, claim.claim_id, at, rule, claim))
    for r in returns:
        row = _return_row(c, r)
        if row is not None:
            rows.append(row)
    rows.sort(key=lambda r: (r.at, r.ref), reverse=True)
    return rows


def _return_row(c: _Context, r: ReturnRequest) -> DefectRow | None:
    late = is_late(r, c.as_of, c.settings.return_decision_hours)
    if not (r.negative_feedback or late or incorrectly_rejected(r)):
        return None
    ref = f"{r.order_id}|{r.rma_id}"
    at = day_start(r.request_date)
    if at > c.as_of:
        return None
    return DefectRow(
        kind="return",
        ref=ref,
        order_id=r.order_id,
        at=at,
        channel="mfn",
        counts=False,
        why_not=RETURN_WHY_NOT,
        ages_out=r.request_date + timedelta(days=c.settings.rdr_days),
        status=c.statuses.get(("return", ref)) or "open",
        details=_return_details(r, late),
        seen_at=c.seen.get(("return", ref)),
    )


def _details(record: Feedback | Claim) -> str:
    if isinstance(record, Feedback):
        stars = "1 star" if record.rating == 1 else f"{record.rating} stars"
        return f"{stars}: {record.comments}".strip()
    reason = label("claim_reason", record.reason).lower()
    status = label("claim_status", record.status).lower()
    amount = (
        f", {format_money(record.amount, record.currency)}" if record.amount is not None else ""
    )
    return f"{record.claim_id}: {reason}, Amazon's status: {status}{amount}"


def _return_details(r: ReturnRequest, late: bool) -> str:
    why = []
    if r.negative_feedback:
        why.append("negative return feedback")
    if late:
        why.append("not decided within 48 h")
    if incorrectly_rejected(r):
        why.append("in-policy return rejected")
    return f"RMA {r.rma_id}: " + ", ".join(why)
