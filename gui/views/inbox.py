"""The Inbox screen: one list of every clock that is running, soonest first.

Buyer messages are first-class (subject, buyer, thread, contact type and the rule that
sorted it), and the same list holds return authorisations, A-to-z information requests,
appeal windows and feedback-removal windows, so nothing due hides on another screen.
Below the list: the thread, the triage pathway of the selected message, and a reply
checker to draft an answer that follows Amazon's guidelines.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
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
from core.triage import CONTACT_TYPE_LABELS, MessageTriage, triage_messages
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
from gui.views.reply_pane import ReplyPane
from gui.views.screen import Screen
from gui.views.thread_dialog import ThreadDialog, thread_html
from gui.views.triage_panel import ChangeTypeDialog, TriagePanel

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
COLUMN_WIDTHS = (135, 345, 150, 125, 150, 280, 125, 220)


InboxData = tuple[
    list[InboxRow], dict[str, list[Message]], MetricSettings, dict[str, MessageTriage]
]


def load_inbox(
    store: Any,
    now: datetime,
    board: Sequence[Any] | None = None,
    triage: Mapping[str, MessageTriage] | None = None,
) -> InboxData:
    """Board at `now` (or the one given) joined with decrypted records and triage.

    Returns rows, messages by thread, settings, and message id -> triage. Messages the
    given triage lacks (marked no-response-needed, or a board from elsewhere) are
    classified here from their decrypted text.
    """
    from services.health import current_health
    from storage.repository import records
    from storage.repository.settings import load_settings

    db = store.db
    settings = load_settings(db)
    if board is None:
        health = current_health(store, now)
        board, triage = health.board, health.triage
    triaged = dict(triage or {})
    kinds = {item.kind for item in board}
    since = now - timedelta(days=max(NRN_DAYS, settings.lrr_days))
    hours = timedelta(hours=settings.response_hours)
    for item in board:
        if item.kind == "message":
            since = min(since, item.due_at - hours - timedelta(days=1))
    # A message stamped after `now` does not exist yet (metrics.md); keep threads honest.
    messages = [m for m in records.list_messages(store, since=since) if m.timestamp <= now]
    wanted = {i.ref for i in board if i.kind == "message"}
    wanted |= {m.message_id for m in messages if m.no_response_needed and m.direction == "in"}
    missing = [m for m in messages if m.message_id in wanted and m.message_id not in triaged]
    if missing:
        from storage.repository.triage_store import load_matrix, load_rules

        rules, matrix = load_rules(db, enabled_only=True), load_matrix(db)
        triaged.update((t.message_id, t) for t in triage_messages(missing, rules, matrix))
    claims = records.list_claims(db) if kinds & {"claim_info", "appeal"} else []
    returns = records.list_returns_fbm(db) if "return" in kinds else []
    feedback = records.list_feedback(store) if "feedback_removal" in kinds else []
    rows = rows_from_board(board, messages, claims, returns, feedback, triaged)
    rows += no_response_needed_rows(messages, now, settings, triaged)
    threads: dict[str, list[Message]] = {}
    for m in sorted(messages, key=lambda m: m.timestamp):
        threads.setdefault(m.thread_id, []).append(m)
    return rows, threads, settings, triaged


class InboxView(Screen):
    """Deadlines with a live countdown, filters, triage, a reply checker and the actions."""

    screen_name = "inbox"

    def __init__(
        self,
        store: Any,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self._threads: dict[str, list[Message]] = {}
        self._messages: dict[str, Message] = {}
        self._triage: dict[str, MessageTriage] = {}
        self._selected_ref: str | None = None
        self.thread_dialog: ThreadDialog | None = None
        self.change_type_dialog: ChangeTypeDialog | None = None
        self.templates_editor: Any = None
        self.model = DeadlineModel(clock, parent=self)
        self._build()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)
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
        for col, width in enumerate(COLUMN_WIDTHS):
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
        self.act_type = self._action("Change &type\u2026", "T", self.open_change_type)
        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for key, act in self._button_actions():
            button = QPushButton(act.text(), self)
            button.clicked.connect(act.trigger)
            self.action_buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.detail = QTextBrowser(self)
        self.detail.setMinimumWidth(150)
        self.detail.setPlaceholderText("Select a row to see its thread or next step.")
        self.triage_panel = TriagePanel(self)
        self.triage_panel.setMinimumWidth(220)
        self.triage_panel.correction_requested.connect(self.change_type)
        self.reply_pane = ReplyPane(self._store, self._clock, self)
        self.reply_pane.setMinimumWidth(220)
        self.reply_pane.edit_templates_requested.connect(self.open_templates_editor)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(actions)
        self.bottom = QSplitter(Qt.Orientation.Horizontal, self)
        self.bottom.addWidget(self.detail)
        self.bottom.addWidget(self.triage_panel)
        self.bottom.addWidget(self.reply_pane)
        self.bottom.setSizes([310, 370, 420])
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 330])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.counts_changed.connect(self._update_counts)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self._update_actions)

    def _button_actions(self) -> tuple[tuple[str, QAction], ...]:
        return (
            ("done", self.act_done),
            ("nrn", self.act_nrn),
            ("open", self.act_open),
            ("copy", self.act_copy),
            ("type", self.act_type),
        )

    def _action(self, text: str, shortcut: Any, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self.table)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.table.addAction(act)
        return act

    # -- loading -----------------------------------------------------------------
    def refresh(
        self,
        board: Sequence[Any] | None = None,
        triage: Mapping[str, MessageTriage] | None = None,
    ) -> None:
        """Recompute the board at the clock's now (unless given) and reload the table."""
        try:
            rows, threads, settings, triaged = load_inbox(self._store, self._clock(), board, triage)
        except Exception as exc:  # a screen must never take the app down
            log.exception("inbox refresh failed")
            self.summary.setText(f"Could not load the deadlines: {exc}")
            return
        self._threads = threads
        self._messages = {m.message_id: m for ms in threads.values() for m in ms}
        self._triage = triaged
        self.model.set_settings(settings)
        self.model.set_rows(rows)  # the reset handlers keep the selection
        self._update_actions()
        self._show_selected()

    def _on_data_changed(self) -> None:
        self.refresh()

    def _on_metrics_changed(self, health: object) -> None:
        """A recompute elsewhere (scheduler, import) carries the board: no second recompute."""
        board = getattr(health, "board", None)
        triage = getattr(health, "triage", None)
        self.refresh(list(board) if board is not None else None, triage)

    def _tick(self) -> None:
        self.model.tick()
        row = self.table.currentIndex().row()
        if self.triage_panel.ref and 0 <= row < self.model.rowCount():
            self.triage_panel.set_countdown(self.countdown_text(row))

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
        self.summary.setText(
            " · ".join(parts) + ". Times are UTC; buyer messages also show your "
            "escalation-matrix target."
        )

    # -- selection -----------------------------------------------------------------
    def current_row(self) -> InboxRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def current_triage(self) -> MessageTriage | None:
        row = self.current_row()
        return self._triage.get(row.ref) if row is not None and row.kind == "message" else None

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
            self.triage_panel.show_message(None, None)

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
        self._show_selected()

    def _show_selected(self) -> None:
        """Thread, triage and reply context of the selected row."""
        row = self.current_row()
        self.detail.setHtml(thread_html(row, self._threads) if row else "")
        self.triage_panel.show_message(row, self.current_triage())
        if row is not None and self.triage_panel.ref:
            self.triage_panel.set_countdown(self.countdown_text(self.table.currentIndex().row()))
        self.reply_pane.set_context(row.ref if row else "", row.order_id if row else "")

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
        self.act_type.setEnabled(kind == "message")
        for key, act in self._button_actions():
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

    def change_type(self, ref: str, contact_type: str, make_rule: bool = False) -> str:
        """The seller's correction: store the type (and a rule), reload, say what happened."""
        from storage.repository import app_state, triage_store

        db = self._store.db
        label = CONTACT_TYPE_LABELS.get(contact_type, contact_type)
        try:
            app_state.set_contact_type(db, ref, contact_type)
        except LookupError as exc:
            self.triage_panel.set_status(str(exc))
            return str(exc)
        note = f"Marked as {label}." if contact_type else "Back to the automatic type."
        if make_rule and contact_type:
            m = self._messages.get(ref)
            text = f"{m.subject}\n{m.body}" if m is not None else ""
            try:
                rule = triage_store.add_correction(db, text, contact_type)
            except ValueError as exc:
                note += f" No rule made: {exc}."
            else:
                note += f" New rule: messages with \u201c{rule.pattern}\u201d are {label}."
        self._bridge.data_changed.emit()
        self.triage_panel.set_status(note)
        return note

    def open_change_type(self) -> None:
        row = self.current_row()
        triage = self.current_triage()
        if row is None or row.kind != "message":
            return
        current = triage.classification.contact_type if triage and triage.overridden else ""
        dialog = ChangeTypeDialog(current, self)
        dialog.accepted.connect(lambda: self.change_type(row.ref, *dialog.choice()))
        if self.change_type_dialog is not None:
            self.change_type_dialog.deleteLater()
        self.change_type_dialog = dialog
        dialog.open()

    def open_templates_editor(self) -> None:
        from gui.views.templates_editor import TemplatesEditor

        editor = TemplatesEditor(self._store, self._clock, self)
        editor.templates_changed.connect(self.reply_pane.reload_templates)
        if self.templates_editor is not None:
            self.templates_editor.deleteLater()
        self.templates_editor = editor
        editor.open()

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
        cols = len(COLUMN_WIDTHS)
        others = sum(self.table.columnWidth(c) for c in range(cols) if c != SUBJECT)
        room = self.table.viewport().width() - others
        self.table.setColumnWidth(SUBJECT, max(280, room))

    def countdown_text(self, row: int) -> str:
        """The countdown cell as shown (for tests and the tray tooltip)."""
        return str(self.model.data(self.model.index(row, COUNTDOWN)))
