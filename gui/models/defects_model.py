"""The Defects table: every negative feedback, claim, chargeback and dissatisfied return.

Whether a defect counts toward ODR, and the words for why not, come from the metric
engine's own rule functions (core.metrics.odr / rdr), so this screen can never disagree
with the numbers. Neutral (3-star) feedback is listed too, only for the removal checker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from core.clock import day_start, to_utc
from core.feedback_check import RemovalVerdict, check_feedback, removal_window
from core.metrics.odr import claim_exclusion, day_window, feedback_exclusion, in_days
from core.metrics.rdr import incorrectly_rejected, is_late
from core.model import Channel, Claim, Feedback, Order, ReturnRequest
from core.settings import MetricSettings
from gui.models.base import HeaderedTableModel

AnyIndex = QModelIndex | QPersistentModelIndex

STATUSES = ("open", "appealed", "removal_requested", "removed", "won", "lost", "accepted")
STATUS_LABELS = {s: s.replace("_", " ").capitalize() for s in STATUSES}
NEUTRAL_LABEL = "Neutral feedback"
KIND_LABELS = {
    "feedback": "Negative feedback",
    "claim": "A-to-z claim",
    "chargeback": "Chargeback",
    "return": "FBM return",
}
COLUMNS = (
    "Kind",
    "Order",
    "Counts in ODR",
    "Why not",
    "Removal",
    "Status",
    "Ages out",
    "Date (UTC)",
    "Channel",
    "Details",
)
KIND, ORDER, COUNTS, WHY_NOT, REMOVAL, STATUS, AGES_OUT, DATE, CHANNEL, DETAILS = range(
    len(COLUMNS)
)
REASON_LABELS = {
    "obscene": "obscene language",
    "personal_info": "personal information",
    "product_review": "product review",
    "fba_fulfilment": "FBA delivery",
}

SortRole = Qt.ItemDataRole.UserRole + 1
RefRole = Qt.ItemDataRole.UserRole + 2
COUNTS_FG = QColor("#9f1c1c")
NEUTRAL_FG = QColor("#5a5a5a")


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


def kind_label(row: DefectRow) -> str:
    return NEUTRAL_LABEL if row.neutral else KIND_LABELS.get(row.kind, row.kind)


def removal_verdict(feedback: Feedback, channel: Channel | None) -> RemovalVerdict:
    """core.feedback_check's verdict; feedback the import marked struck through is never
    a candidate, even when Amazon's sentence is missing from the text we have."""
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
    if feedback.removed:
        return "removed by Amazon"
    verdict = removal_verdict(feedback, channel)
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
            return f"outside the window: enters on {enters}"
        return f"outside the window: ordered {day}"
    return ""


def _default_status(kind: str, record: Any) -> str:
    """What the record itself says when the seller has not set a status yet."""
    if kind == "feedback":
        if record.removed:
            return "removed"
        return "removal_requested" if record.removal_requested else "open"
    if kind in ("claim", "chargeback"):
        return {"denied": "won", "won": "won", "granted": "lost", "lost": "lost"}.get(
            record.status, "open"
        )
    return "open"


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
    window = day_window(as_of.date(), settings)
    span = timedelta(days=settings.odr_window_days + settings.odr_lag_days)
    rows: list[DefectRow] = []

    def add(
        kind: str,
        ref: str,
        order_id: str,
        at: datetime,
        rule_no: str,
        record: Any,
        **extra: Any,
    ) -> None:
        if at > as_of:
            return  # a record dated after as_of does not exist yet (metrics.md)
        order = orders.get(order_id)
        why = rule_no or _order_exclusion(order, window, settings.odr_lag_days)
        neutral = kind == "feedback" and not record.negative  # never in ODR: nothing ages out
        ages = to_utc(order.purchase_date).date() + span if order and not neutral else None
        rows.append(
            DefectRow(
                kind=kind,
                ref=ref,
                order_id=order_id,
                at=at,
                channel=order.channel if order else "",
                counts=not why,
                why_not=why,
                ages_out=ages,
                status=statuses.get((kind, ref)) or _default_status(kind, record),
                details=_details(kind, record),
                seen_at=seen.get((kind, ref)),
                **extra,
            )
        )

    for fb in feedback:
        if fb.rating > 3:
            continue  # 4-5 stars: nothing to count, nothing to remove
        order = orders.get(fb.order_id)
        channel = order.channel if order else None
        add(
            "feedback",
            fb.order_id,
            fb.order_id,
            day_start(fb.feedback_date),
            feedback_exclusion(fb) or "",
            fb,
            rating=fb.rating,
            removal=removal_label(fb, channel, as_of),
            removal_note=removal_verdict(fb, channel).note,
        )
    for c in claims:
        kind = "chargeback" if c.kind == "chargeback" else "claim"
        probe = orders.get(c.order_id) or Order(c.order_id, to_utc(c.filed_at), "", "mfn")
        add(kind, c.claim_id, c.order_id, to_utc(c.filed_at), claim_exclusion(c, probe) or "", c)
    for r in returns:
        late = is_late(r, as_of, settings.return_decision_hours)
        if not (r.negative_feedback or late or incorrectly_rejected(r)):
            continue
        ref = f"{r.order_id}|{r.rma_id}"
        at = day_start(r.request_date)
        if at > as_of:
            continue
        why = "return: counts toward RDR, not ODR"
        rows.append(
            DefectRow(
                kind="return",
                ref=ref,
                order_id=r.order_id,
                at=at,
                channel="mfn",
                counts=False,
                why_not=why,
                ages_out=r.request_date + timedelta(days=settings.rdr_days),
                status=statuses.get(("return", ref)) or "open",
                details=_return_details(r, late),
                seen_at=seen.get(("return", ref)),
            )
        )
    rows.sort(key=lambda r: (r.at, r.ref), reverse=True)
    return rows


def _details(kind: str, record: Any) -> str:
    if kind == "feedback":
        stars = "1 star" if record.rating == 1 else f"{record.rating} stars"
        return f"{stars}: {record.comments}".strip()
    reason = record.reason.replace("_", " ")
    amount = f", {record.amount} {record.currency}".rstrip() if record.amount is not None else ""
    return f"{record.claim_id}: {reason}, Amazon status {record.status}{amount}"


def _return_details(r: ReturnRequest, late: bool) -> str:
    why = []
    if r.negative_feedback:
        why.append("negative return feedback")
    if late:
        why.append("not decided within 48 h")
    if incorrectly_rejected(r):
        why.append("in-policy return rejected")
    return f"RMA {r.rma_id}: " + ", ".join(why)


class DefectsModel(HeaderedTableModel):
    """Defect rows; the Status column is editable and reports edits to a callback."""

    COLUMNS = COLUMNS

    def __init__(
        self,
        on_status_edit: Callable[[DefectRow, str], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[DefectRow] = []
        self._on_status_edit = on_status_edit

    def set_rows(self, rows: Sequence[DefectRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DefectRow:
        return self._rows[row]

    def row_of_ref(self, ref: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.ref == ref:
                return i
        for i, r in enumerate(self._rows):
            if r.order_id == ref:
                return i
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == STATUS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.EditRole:
            return r.status if col == STATUS else self._display(r, col)
        if role == SortRole:
            return self._sort_value(r, col)
        if role == RefRole:
            return r.ref
        if role == Qt.ItemDataRole.ForegroundRole and col == COUNTS and r.counts:
            return COUNTS_FG
        if role == Qt.ItemDataRole.ForegroundRole and r.neutral and col in (KIND, WHY_NOT):
            return NEUTRAL_FG
        if role == Qt.ItemDataRole.ToolTipRole and col == REMOVAL:
            return r.removal_note or None
        if role == Qt.ItemDataRole.ToolTipRole and col in (WHY_NOT, DETAILS, COUNTS):
            if col == COUNTS:
                return "Counts toward the Order Defect Rate right now"
            return r.why_not if col == WHY_NOT else r.details
        return None

    def _display(self, r: DefectRow, col: int) -> str:
        values = {
            KIND: kind_label(r),
            ORDER: r.order_id,
            DATE: r.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M"),
            CHANNEL: {"afn": "AFN (FBA)", "mfn": "MFN (FBM)"}.get(r.channel, "unknown"),
            COUNTS: "Yes" if r.counts else "No",
            WHY_NOT: r.why_not,
            REMOVAL: r.removal,
            AGES_OUT: r.ages_out.isoformat() if r.ages_out else "",
            STATUS: STATUS_LABELS.get(r.status, r.status),
            DETAILS: r.details,
        }
        return values[col]

    def _sort_value(self, r: DefectRow, col: int) -> Any:
        if col == DATE:
            return r.at.timestamp()
        if col == AGES_OUT:
            return r.ages_out.isoformat() if r.ages_out else ""
        return self._display(r, col)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != STATUS:
            return False
        status = str(value)
        r = self._rows[index.row()]
        if status not in STATUSES or status == r.status:
            return False
        if self._on_status_edit is not None:
            self._on_status_edit(r, status)
        self._rows[index.row()] = replace(r, status=status)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True
