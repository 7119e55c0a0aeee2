"""The Inbox screen: one list of every clock that is running, soonest first.

Buyer messages are first-class (subject, buyer, thread), and the same list
holds return authorisations, A-to-z information requests, appeal windows and
feedback-removal windows, so nothing due hides on another screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.model import Message
from core.settings import MetricSettings
from gui.bridge import Bridge
from gui.countdown import kind_label
from gui.models.deadline_model import (
    COUNTDOWN,
    DUE,
    FILTERS,
    NRN_DAYS,
    SUBJECT,
    DeadlineModel,
    InboxFilter,
    InboxRow,
    no_response_needed_rows,
    rows_from_board,
)

log = logging.getLogger(__name__)

FILTER_LABELS = {
    "all": "&All",
    "overdue": "&Overdue",
    "due_soon": "Due &soon",
    "no_response_needed": "No response &needed",
}
DONE_LABELS = {
    "message": "Mark &responded",
    "return": "Mark &decided",
    "appeal": "Log &appeal",
    "feedback_removal": "&Removal requested",
}


NEXT_STEP = {
    "return": "Authorise, refund or close this return request in Seller Central "
    "(Orders > Manage Returns) within 48 hours of the request, then mark it decided here.",
    "claim_info": "Amazon asked for information about this A-to-z claim. Answer in Seller "
    "Central (Performance > A-to-z Guarantee Claims) before the deadline, or Amazon decides "
    "without you.",
    "appeal": "This claim was granted against you. You can appeal within 30 days of the "
    "decision; gather tracking, photos and the message history (see the Defects screen), "
    "then log the appeal here.",
    "feedback_removal": "Negative feedback can be removed on request within 90 days when it "
    "is a product review, contains obscenities or personal information, or is about an "
    "FBA delivery. Request the removal in Seller Central, then mark it requested here.",
}


def load_inbox(
    store: Any, now: datetime, board: Sequence[Any] | None = None
) -> tuple[list[InboxRow], dict[str, list[Message]], MetricSettings]:
    """Board at `now` (or the one given) joined with decrypted records, messages by thread."""
    from storage.health import compute_health
    from storage.repository import records
    from storage.repository.settings import load_settings

    db = store.db
    settings = load_settings(db)
    if board is None:
        board = compute_health(db, now, settings).board
    kinds = {item.kind for item in board}
    since = now - timedelta(days=max(NRN_DAYS, settings.lrr_days))
    hours = timedelta(hours=settings.response_hours)
    for item in board:
        if item.kind == "message":
            since = min(since, item.due_at - hours - timedelta(days=1))
    # A message stamped after `now` does not exist yet (metrics.md); keep threads honest.
    messages = [m for m in records.list_messages(store, since=since) if m.timestamp <= now]
    claims = records.list_claims(db) if kinds & {"claim_info", "appeal"} else []
    returns = records.list_returns_fbm(db) if "return" in kinds else []
    feedback = records.list_feedback(store) if "feedback_removal" in kinds else []
    rows = rows_from_board(board, messages, claims, returns, feedback)
    rows += no_response_needed_rows(messages, now, settings)
    threads: dict[str, list[Message]] = {}
    for m in sorted(messages, key=lambda m: m.timestamp):
        threads.setdefault(m.thread_id, []).append(m)
    return rows, threads, settings


def thread_html(row: InboxRow, threads: dict[str, list[Message]]) -> str:
    """The selected item as HTML: the whole thread for a message, else what to do next."""
    head = f"<h3>{escape(kind_label(row.kind))}</h3>"
    if row.order_id:
        head += f"<p>Order <b>{escape(row.order_id)}</b></p>"
    if row.kind != "message":
        body = f"<p>{escape(row.subject)}</p>" if row.subject else ""
        return head + body + f"<p>{escape(NEXT_STEP.get(row.kind, ''))}</p>"
    parts = [head]
    for m in threads.get(row.thread_id, []):
        who = "Buyer" if m.direction == "in" else "You"
        if m.automated:
            who += " (automated)"
        when = m.timestamp.strftime("%Y-%m-%d %H:%M UTC")
        mark = " &#9664;" if m.message_id == row.ref else ""
        parts.append(
            f"<hr><p><b>{who}</b> &middot; {when}{mark}<br><i>{escape(m.subject)}</i></p>"
            f"<p>{escape(m.body).replace(chr(10), '<br>')}</p>"
        )
    if len(parts) == 1:
        parts.append(f"<p><i>{escape(row.subject)}</i></p><p>(message text not available)</p>")
    return "".join(parts)


class ThreadDialog(QDialog):
    """A non-modal window with a whole message thread, oldest first."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 480)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


class InboxView(QWidget):
    """Deadlines with a live countdown, filters and the actions that stop a clock."""

    screen_name = "inbox"

    def __init__(
        self,
        store: Any,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._bridge = bridge
        self._clock = clock
        self._threads: dict[str, list[Message]] = {}
        self._selected_ref: str | None = None
        self.thread_dialog: ThreadDialog | None = None
        self.model = DeadlineModel(clock, parent=self)
        self._build()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.model.tick)
        self.tick_timer.start()
        bridge.data_changed.connect(self._on_data_changed)
        bridge.metrics_changed.connect(self._on_metrics_changed)
        bridge.navigate.connect(self._on_navigate)
        self.refresh()

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, QPushButton] = {}
        filters = QHBoxLayout()
        for name in FILTERS:
            button = QPushButton(FILTER_LABELS[name], self)
            button.setCheckable(True)
            button.setObjectName(f"filter_{name}")
            self.filter_group.addButton(button)
            self.filter_buttons[name] = button
            button.clicked.connect(lambda _=False, n=name: self.set_filter(n))
            filters.addWidget(button)
        self.filter_buttons["all"].setChecked(True)
        filters.addStretch(1)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(DUE, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((135, 150, 125, 150, 300, 125, 240)):
            self.table.setColumnWidth(col, width)
        self.table.viewport().installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.doubleClicked.connect(lambda _index: self.open_thread())

        self.act_done = self._action("Mark &responded", "R", self.mark_done)
        self.act_nrn = self._action("No response needed", "N", self.toggle_no_response_needed)
        self.act_open = self._action("&Open thread", "Return", self.open_thread)
        self.act_open.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.act_copy = self._action(
            "&Copy order ID", QKeySequence.StandardKey.Copy, self.copy_order_id
        )
        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for key, act in (
            ("done", self.act_done),
            ("nrn", self.act_nrn),
            ("open", self.act_open),
            ("copy", self.act_copy),
        ):
            button = QPushButton(act.text(), self)
            button.clicked.connect(act.trigger)
            self.action_buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.detail = QTextBrowser(self)
        self.detail.setMinimumWidth(260)
        self.detail.setPlaceholderText("Select a row to see the thread or what to do next.")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 280])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.counts_changed.connect(self._update_counts)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self._update_actions)

    def _action(self, text: str, shortcut: Any, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self.table)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.table.addAction(act)
        return act

    # -- loading -----------------------------------------------------------------
    def refresh(self, board: Sequence[Any] | None = None) -> None:
        """Recompute the board at the clock's now (unless given) and reload the table."""
        try:
            rows, threads, settings = load_inbox(self._store, self._clock(), board)
        except Exception as exc:  # a screen must never take the app down
            log.exception("inbox refresh failed")
            self.summary.setText(f"Could not load the deadlines: {exc}")
            return
        self._load(rows, threads, settings)

    def _on_data_changed(self) -> None:
        self.refresh()

    def _on_metrics_changed(self, health: object) -> None:
        """A recompute elsewhere (scheduler, import) carries the board: no second recompute."""
        board = getattr(health, "board", None)
        self.refresh(list(board) if board is not None else None)

    def _load(
        self, rows: list[InboxRow], threads: dict[str, list[Message]], settings: MetricSettings
    ) -> None:
        self._threads = threads
        self.model.set_settings(settings)
        self.model.set_rows(rows)  # the reset handlers keep the selection
        self._update_actions()

    # -- filters -----------------------------------------------------------------
    def set_filter(self, name: InboxFilter) -> None:
        self.filter_buttons[name].setChecked(True)
        self.model.set_filter(name)
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self.model.counts()
        for name, button in self.filter_buttons.items():
            button.setText(f"{FILTER_LABELS[name]} ({counts[name]})")
        if counts["all"] == 0:
            self.summary.setText(
                "Nothing is waiting: every buyer message is answered and no return, claim, "
                "appeal or feedback-removal window is open. Import new reports to update."
            )
            return
        parts = [f"{counts['all']} open deadlines", f"{counts['overdue']} overdue"]
        parts.append(f"{counts['due_soon']} due soon")
        self.summary.setText(" · ".join(parts) + ". Times are UTC.")

    # -- selection -----------------------------------------------------------------
    def current_row(self) -> InboxRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_ref(self, ref: str) -> bool:
        """Select the row of `ref` (switching to "All" if the filter hides it)."""
        row = self.model.row_of_ref(ref)
        if row is None and self.model.has_ref(ref):
            names: tuple[InboxFilter, ...] = ("all", "no_response_needed")
            for name in names:
                self.set_filter(name)
                row = self.model.row_of_ref(ref)
                if row is not None:
                    break
        if row is None:
            return False
        self._select_row(row)
        return True

    def _remember_selection(self) -> None:
        row = self.current_row()
        self._selected_ref = row.ref if row else None

    def _restore_selection(self) -> None:
        """After a reset (reload, filter, an item crossing a state) keep the same item."""
        ref, self._selected_ref = self._selected_ref, None
        row = self.model.row_of_ref(ref) if ref else None
        if row is not None:
            self._select_row(row)
        else:
            self.detail.clear()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _on_navigate(self, screen: str, ref: str) -> None:
        if screen == self.screen_name and ref:
            self.select_ref(ref)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        row = self.current_row() if current.isValid() else None
        self.detail.setHtml(thread_html(row, self._threads) if row else "")

    def _update_actions(self) -> None:
        row = self.current_row()
        kind = row.kind if row else ""
        self.act_done.setText(DONE_LABELS.get(kind, "Mark &responded"))
        self.act_done.setEnabled(kind in DONE_LABELS)
        if kind == "claim_info":
            self.act_done.setToolTip(
                "Answer Amazon in Seller Central, then update the claim's status."
            )
        else:
            self.act_done.setToolTip("")
        self.act_nrn.setEnabled(kind == "message")
        nrn = bool(row and row.no_response_needed)
        self.act_nrn.setText("Needs a response" if nrn else "No response needed")
        self.act_open.setEnabled(row is not None)
        self.act_copy.setEnabled(bool(row and row.order_id))
        for key, act in (
            ("done", self.act_done),
            ("nrn", self.act_nrn),
            ("open", self.act_open),
            ("copy", self.act_copy),
        ):
            self.action_buttons[key].setText(act.text())
            self.action_buttons[key].setEnabled(act.isEnabled())
            self.action_buttons[key].setToolTip(act.toolTip())

    # -- actions -----------------------------------------------------------------
    def mark_done(self) -> None:
        """Stop the selected clock the way its kind is stopped, at the clock's now."""
        from storage.repository import app_state

        row = self.current_row()
        if row is None or row.kind not in DONE_LABELS:
            return
        db, at = self._store.db, self._clock()
        if row.kind == "message":
            app_state.mark_responded(db, row.ref, at)
        elif row.kind == "return":
            order_id, _, rma_id = row.ref.partition("|")
            app_state.mark_return_decided(db, order_id or row.order_id, rma_id, at)
        elif row.kind == "appeal":
            app_state.log_appeal(db, row.ref, at)
        else:
            app_state.set_feedback_removal_requested(db, row.order_id, at)
        self._bridge.data_changed.emit()

    def toggle_no_response_needed(self) -> None:
        from storage.repository import app_state

        row = self.current_row()
        if row is None or row.kind != "message":
            return
        app_state.set_no_response_needed(self._store.db, row.ref, not row.no_response_needed)
        self._bridge.data_changed.emit()

    def copy_order_id(self) -> None:
        row = self.current_row()
        if row is not None and row.order_id:
            QGuiApplication.clipboard().setText(row.order_id)

    def open_thread(self) -> None:
        row = self.current_row()
        if row is None:
            return
        title = f"{kind_label(row.kind)} - order {row.order_id}" if row.order_id else row.ref
        if self.thread_dialog is not None:
            self.thread_dialog.close()
        self.thread_dialog = ThreadDialog(title, thread_html(row, self._threads), self)
        self.thread_dialog.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_subject()
        return super().eventFilter(watched, event)

    def _fit_subject(self) -> None:
        """The subject takes the room left over (at least 280 px), not the buyer alias."""
        others = sum(self.table.columnWidth(c) for c in range(7) if c != SUBJECT)
        room = self.table.viewport().width() - others
        self.table.setColumnWidth(SUBJECT, max(280, room))

    def countdown_text(self, row: int) -> str:
        """The countdown cell as shown (for tests and the tray tooltip)."""
        return str(self.model.data(self.model.index(row, COUNTDOWN)))
