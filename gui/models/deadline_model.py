"""The inbox table model: every deadline of the board with a live countdown.

Message rows also carry their triage (contact type, the rule that matched) and the
escalation matrix's internal target, shown beside Amazon's own deadline.

Rows live in plain Python lists (no per-row QObject) so 100,000 deadlines load
in a fraction of a second; filtering and sorting are done here on an index list
instead of a QSortFilterProxyModel, because a proxy would re-examine every row
on each countdown tick. A tick only emits dataChanged for the countdown column.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from core.clock import day_start
from core.model import Claim, Feedback, Message, ReturnRequest
from core.settings import MetricSettings
from core.triage import CONTACT_TYPE_LABELS, MessageTriage
from gui.countdown import due_soon_margin, format_countdown, kind_label, state_for
from gui.models.base import HeaderedTableModel

InboxFilter = Literal["all", "overdue", "due_soon", "no_response_needed"]
FILTERS: tuple[InboxFilter, ...] = ("all", "overdue", "due_soon", "no_response_needed")

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Kind",
    "Time left",
    "Type",
    "Due (UTC)",
    "Order",
    "Subject / details",
    "Received (UTC)",
    "Buyer",
)
"""The countdown comes second so it stays in view on a narrow window; then the triage."""
KIND, COUNTDOWN, TYPE, DUE, ORDER, SUBJECT, RECEIVED, BUYER = range(len(COLUMNS))

NRN_DAYS = 90
"""How far back the "No response needed" filter lists marked messages."""

RefRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
SecondsLeftRole = Qt.ItemDataRole.UserRole + 3
KindRole = Qt.ItemDataRole.UserRole + 4
TargetStateRole = Qt.ItemDataRole.UserRole + 5
"""The internal target's state (the colours follow it); None without a stricter target."""
ContactTypeRole = Qt.ItemDataRole.UserRole + 6

OVERDUE_FG = QColor("#9f1c1c")
OVERDUE_BG = QColor("#fde2e2")
DUE_SOON_FG = QColor("#7a4b00")
DUE_SOON_BG = QColor("#fff1cc")
MUTED_FG = QColor("#5f6368")


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

    @property
    def type_label(self) -> str:
        return CONTACT_TYPE_LABELS.get(self.contact_type, self.contact_type)


def _fmt(dt: datetime | None) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if dt is not None else ""


def _stricter_target(r: InboxRow) -> float | None:
    """The internal target in epoch seconds when it comes before Amazon's deadline."""
    if r.target_at is None or r.no_response_needed or r.target_at >= r.due_at:
        return None
    return r.target_at.timestamp()


_ITALIC = QFont()
_ITALIC.setItalic(True)


class DeadlineModel(HeaderedTableModel):
    """Board rows + a time-dependent filter; `tick()` refreshes the countdown."""

    COLUMNS = COLUMNS

    counts_changed = Signal()

    def __init__(
        self,
        clock: Callable[[], datetime],
        settings: MetricSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._settings = settings or MetricSettings()
        self._rows: list[InboxRow] = []
        self._due: list[float] = []  # epoch seconds, parallel to _rows
        self._target: list[float | None] = []  # a stricter internal target, parallel to _rows
        self._margin: list[int] = []  # due-soon margin in seconds, parallel to _rows
        self._visible: list[int] = []  # indices into _rows, in display order
        self._filter: InboxFilter = "all"
        self._now = clock().timestamp()
        self._sorted_due: list[float] = []  # board rows only, ascending
        self._by_margin: dict[int, list[float]] = {}
        self._nrn_count = 0
        self._signature: tuple[int, ...] = ()
        self._sort_column = DUE
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- loading -----------------------------------------------------------
    def set_settings(self, settings: MetricSettings) -> None:
        self._settings = settings

    def set_rows(self, rows: Sequence[InboxRow]) -> None:
        """Replace every row (a model reset); rows need not be sorted."""
        self.beginResetModel()
        self._rows = list(rows)
        self._due = [r.due_at.timestamp() for r in self._rows]
        self._target = [_stricter_target(r) for r in self._rows]
        margins = {k: due_soon_margin(k, self._settings) for k in {r.kind for r in self._rows}}
        self._margin = [margins[r.kind] for r in self._rows]
        board = [i for i, r in enumerate(self._rows) if not r.no_response_needed]
        self._nrn_count = len(self._rows) - len(board)
        due = self._due
        self._sorted_due = sorted(due[i] for i in board)
        groups: dict[int, list[float]] = {}
        for i in board:
            groups.setdefault(self._margin[i], []).append(due[i])
        self._by_margin = {m: sorted(v) for m, v in groups.items()}
        self._now = self._clock().timestamp()
        self._signature = self._state_signature()
        self._visible = self._filtered()
        self._sort_visible()
        self.endResetModel()
        self.counts_changed.emit()

    def set_filter(self, name: InboxFilter) -> None:
        if name not in FILTERS:
            raise ValueError(f"unknown inbox filter {name!r}")
        if name == self._filter:
            return
        self.beginResetModel()
        self._filter = name
        self._now = self._clock().timestamp()
        self._visible = self._filtered()
        self._sort_visible()
        self.endResetModel()

    @property
    def current_filter(self) -> InboxFilter:
        return self._filter

    # -- the clock ------------------------------------------------------------
    def tick(self) -> None:
        """Move to the clock's now: repaint the countdown column, refilter only
        when an item crossed a state boundary and the filter depends on it."""
        self._now = self._clock().timestamp()
        signature = self._state_signature()
        if signature != self._signature:
            self._signature = signature
            self.counts_changed.emit()
            if self._filter in ("overdue", "due_soon"):
                self.beginResetModel()
                self._visible = self._filtered()
                self._sort_visible()
                self.endResetModel()
                return
        if self._visible:
            top = self.index(0, COUNTDOWN)
            bottom = self.index(len(self._visible) - 1, COUNTDOWN)
            self.dataChanged.emit(top, bottom, [])

    def _state_signature(self) -> tuple[int, ...]:
        """How many board items are overdue / within each margin: O(log n)."""
        now = self._now
        parts = [bisect_left(self._sorted_due, now)]
        for margin in sorted(self._by_margin):
            parts.append(bisect_right(self._by_margin[margin], now + margin))
        return tuple(parts)

    def counts(self) -> dict[str, int]:
        """Rows per filter at the model's current now (for the filter buttons)."""
        now = self._now
        overdue = bisect_left(self._sorted_due, now)
        due_soon = sum(
            bisect_right(v, now + m) - bisect_left(v, now) for m, v in self._by_margin.items()
        )
        return {
            "all": len(self._sorted_due),
            "overdue": overdue,
            "due_soon": due_soon,
            "no_response_needed": self._nrn_count,
        }

    # -- filtering and sorting --------------------------------------------------
    def _filtered(self) -> list[int]:
        rows, due, margin, now = self._rows, self._due, self._margin, self._now
        f = self._filter
        if f == "no_response_needed":
            return [i for i, r in enumerate(rows) if r.no_response_needed]
        board = [i for i, r in enumerate(rows) if not r.no_response_needed]
        if f == "overdue":
            return [i for i in board if due[i] < now]
        if f == "due_soon":
            return [i for i in board if now <= due[i] <= now + margin[i]]
        return board

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self._visible[i.row()], i.column()) for i in old]
        self._sort_visible()
        position = {row_id: pos for pos, row_id in enumerate(self._visible)}
        self.changePersistentIndexList(
            old, [self.index(position[rid], col) for rid, col in old_ids]
        )
        self.layoutChanged.emit()

    def _sort_visible(self) -> None:
        key = self._sort_key(self._sort_column)
        self._visible.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _sort_key(self, column: int) -> Callable[[int], Any]:
        rows = self._rows
        if column == DUE:
            return self._due.__getitem__
        if column == COUNTDOWN:  # the clock that runs out first
            due, target = self._due, self._target
            return lambda i: due[i] if target[i] is None else target[i]
        if column == TYPE:
            return lambda i: (rows[i].type_label, self._due[i])
        if column == RECEIVED:
            received = [r.received_at.timestamp() if r.received_at else 0.0 for r in rows]
            return received.__getitem__
        if column == KIND:
            return lambda i: (kind_label(rows[i].kind), self._due[i])
        if column == ORDER:
            return lambda i: rows[i].order_id
        if column == SUBJECT:
            return lambda i: rows[i].subject.lower()
        return lambda i: rows[i].buyer.lower()

    # -- access for views ----------------------------------------------------
    def row_at(self, row: int) -> InboxRow:
        return self._rows[self._visible[row]]

    def row_of_ref(self, ref: str) -> int | None:
        """The visible row showing `ref` (or, failing that, an order id), or None."""
        for pos, i in enumerate(self._visible):
            if self._rows[i].ref == ref:
                return pos
        for pos, i in enumerate(self._visible):
            if self._rows[i].order_id == ref:
                return pos
        return None

    def has_ref(self, ref: str) -> bool:
        return any(r.ref == ref or r.order_id == ref for r in self._rows)

    def seconds_left(self, row: int) -> float:
        return self._due[self._visible[row]] - self._now

    def target_seconds_left(self, row: int) -> float | None:
        """Seconds to the internal target when it is stricter than Amazon's, else None."""
        target = self._target[self._visible[row]]
        return None if target is None else target - self._now

    # -- Qt model API -----------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        i = self._visible[index.row()]
        r = self._rows[i]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, i, col)
        if r.no_response_needed:
            if role == Qt.ItemDataRole.ForegroundRole:
                return MUTED_FG
            return self._extra(r, i, col, role)
        if col == COUNTDOWN and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            target = self._target[i]
            clock = self._due[i] if target is None else target
            state = state_for(clock - self._now, self._margin[i])
            fg = role == Qt.ItemDataRole.ForegroundRole
            if state == "overdue":
                return OVERDUE_FG if fg else OVERDUE_BG
            if state == "due_soon":
                return DUE_SOON_FG if fg else DUE_SOON_BG
            return None
        return self._extra(r, i, col, role)

    def _display(self, r: InboxRow, i: int, col: int) -> str:
        if col == KIND:
            return kind_label(r.kind)
        if col == TYPE:
            return r.type_label
        if col == ORDER:
            return r.order_id
        if col == SUBJECT:
            return r.subject
        if col == BUYER:
            return r.buyer
        if col == RECEIVED:
            return _fmt(r.received_at)
        if col == DUE:
            return _fmt(r.due_at)
        if r.no_response_needed:
            return "no response needed"
        left = self._due[i] - self._now
        text = format_countdown(left)
        target = self._target[i]
        if target is None or left < 0:  # Amazon's own deadline passed: nothing stricter to say
            if state_for(left, self._margin[i]) == "due_soon":
                text = f"{text} (due soon)"
            return text
        # Both clocks: the cell's colour says due soon, the words stay short enough to read.
        return f"target {format_countdown(target - self._now)} \u00b7 Amazon {text}"

    def _extra(self, r: InboxRow, i: int, col: int, role: int) -> Any:
        if role == RefRole:
            return r.ref
        if role == KindRole:
            return r.kind
        if role == SecondsLeftRole:
            return self._due[i] - self._now
        if role == StateRole:
            if r.no_response_needed:
                return "no_response_needed"
            return state_for(self._due[i] - self._now, self._margin[i])
        if role == TargetStateRole:
            target = self._target[i]
            return None if target is None else state_for(target - self._now, self._margin[i])
        if role == ContactTypeRole:
            return r.contact_type
        if role == Qt.ItemDataRole.ToolTipRole and col == TYPE and r.contact_type:
            return r.triage_note
        if role == Qt.ItemDataRole.FontRole and col == TYPE and r.overridden:
            return _ITALIC
        if role == Qt.ItemDataRole.ToolTipRole and col in (DUE, COUNTDOWN):
            tip = f"Amazon's deadline: {_fmt(r.due_at)} UTC"
            if r.target_at is not None:
                tip += f"\nYour escalation-matrix target: {_fmt(r.target_at)} UTC"
            return tip
        if role == Qt.ItemDataRole.ToolTipRole and col == SUBJECT and r.subject:
            return r.subject
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COUNTDOWN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


ORIGIN_WORDS = {"correction": "your correction", "seller": "your rule"}


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


def _triage_fields(t: MessageTriage | None) -> dict[str, Any]:
    if t is None:
        return {}
    return {
        "contact_type": t.classification.contact_type,
        "triage_note": triage_note(t),
        "overridden": t.overridden,
    }


def _describe_claim(claim: Claim, what: str) -> str:
    label = "Chargeback" if claim.kind == "chargeback" else "A-to-z claim"
    reason = claim.reason.replace("_", " ")
    return f"{label} {claim.claim_id} ({reason}): {what}"


def rows_from_board(
    board: Sequence[Any],
    messages: Sequence[Message],
    claims: Sequence[Claim],
    returns: Sequence[ReturnRequest],
    feedback: Sequence[Feedback],
    triage: Mapping[str, MessageTriage] | None = None,
) -> list[InboxRow]:
    """Join board items (core.deadlines.DeadlineItem) with their records for display.

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
                reason = r.reason or "no reason given"
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
        rows.append(
            InboxRow(
                kind=kind,
                ref=ref,
                order_id=order_id,
                due_at=item.due_at,
                subject=subject,
                buyer=buyer,
                received_at=received,
                target_at=getattr(item, "target_at", None),
                thread_id=thread,
                **_triage_fields(triaged.get(ref) if kind == "message" else None),
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
    start = now - timedelta(days=max(NRN_DAYS, settings.lrr_days))
    hours = timedelta(hours=settings.response_hours)
    triaged = triage or {}
    return [
        InboxRow(
            kind="message",
            ref=m.message_id,
            order_id=m.order_id,
            due_at=m.timestamp + hours,
            subject=m.subject,
            buyer=m.sender,
            received_at=m.timestamp,
            thread_id=m.thread_id,
            no_response_needed=True,
            **_triage_fields(triaged.get(m.message_id)),
        )
        for m in messages
        if m.direction == "in"
        and m.no_response_needed
        and m.responded_at is None
        and start <= m.timestamp <= now
    ]
