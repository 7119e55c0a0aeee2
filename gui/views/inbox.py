"""The Inbox screen: one list of every clock that is running, soonest first.

Buyer messages are first-class (subject, buyer, thread, contact type and the rule that
sorted it), and the same list holds return authorisations, A-to-z information requests,
appeal windows and feedback-removal windows, so nothing due hides on another screen.
Below the list: the thread, the triage pathway of the selected message, and a reply
checker to draft an answer that follows Amazon's guidelines.

Its data is `services.inbox.inbox_page`, loaded in the background; the actions are use
cases run as writes, whose `Changes` reload this screen and every other that shows them.
Marks apply to every selected row and can be undone; clocks that ran out before the
first import wait collapsed in the history lines above the list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.countdown import kind_label
from core.health import Health
from core.inbox import InboxRow
from core.inbox_table import InboxFilter
from core.model import Message
from core.triage import MessageTriage
from gui.bridge import Bridge
from gui.export import export_button
from gui.models.deadline_model import (
    BUYER,
    COUNTDOWN,
    DUE,
    KIND,
    ORDER,
    SUBJECT,
    TYPE,
    DeadlineModel,
)
from gui.views.inbox_actions import InboxActions
from gui.views.inbox_filters import FilterBar, summary_text
from gui.views.inbox_history import HistoryPanel
from gui.views.inbox_load import load_inbox
from gui.views.inbox_marks import InboxMarks
from gui.views.reply_pane import ReplyPane
from gui.views.screen import Screen
from gui.views.table_sizing import fit_columns
from gui.views.thread_dialog import ThreadDialog, thread_html
from gui.views.triage_panel import ChangeTypeDialog, TriagePanel
from gui.widgets.search_box import SearchBox
from gui.widgets.undo_bar import UndoBar
from services.changes import Changes
from services.inbox import InboxPage
from services.triage import Correction, correct_contact_type
from storage.db import Store

if TYPE_CHECKING:
    from gui.views.templates_editor import TemplatesEditor

COLUMN_WIDTHS = (135, 345, 150, 125, 150, 280, 125, 220)


class InboxView(Screen):
    """Deadlines with a live countdown, filters, triage, a reply checker and the actions."""

    screen_name = "inbox"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self._threads: Mapping[str, Sequence[Message]] = {}
        self._triage: Mapping[str, MessageTriage] = {}
        self._health: Health | None = None  # a board computed elsewhere, not shown yet
        self._loaded_once = False
        self._selected_ref: str | None = None
        self.thread_dialog: ThreadDialog | None = None
        self.change_type_dialog: ChangeTypeDialog | None = None
        self.templates_editor: TemplatesEditor | None = None
        self.model = DeadlineModel(clock, parent=self)
        self._build()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)
        self.tick_timer.start()
        bridge.changed.connect(self._forget_health)
        bridge.metrics_changed.connect(self._on_metrics_changed)
        bridge.navigate.connect(self._on_navigate)
        self.refresh()

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.filter_bar = FilterBar(self)
        self.filter_bar.chosen.connect(self.set_filter)
        self.filter_buttons = self.filter_bar.buttons
        self.search = SearchBox(self, self.model.set_search)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_bar, 1)
        filters.addWidget(self.search)
        filters.addWidget(self.updating_label)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(DUE, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.columns = fit_columns(
            self.table,
            "inbox",
            elastic=(SUBJECT,),
            key=(KIND, COUNTDOWN, TYPE, DUE, ORDER, SUBJECT),
            maxima={COUNTDOWN: 200, BUYER: 160},
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.doubleClicked.connect(lambda _index: self.open_thread())

        self.row_actions = InboxActions(
            self.table,
            self,
            done=self.mark_done,
            no_response=self.toggle_no_response_needed,
            open_thread=self.open_thread,
            copy=self.copy_order_id,
            change_type=self.open_change_type,
        )
        self.action_buttons = self.row_actions.buttons
        self.undo_bar = UndoBar(self.write, self)
        self.marks = InboxMarks(self.table, self.model, self.undo_bar, self._clock)
        self.history_panel = HistoryPanel(self.model, self)
        self.history_panel.bulk_requested.connect(self.marks.settle_history)
        self.row_actions.row.addWidget(export_button(self, self.table, "inbox"))

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.detail = QTextBrowser(self)
        self.detail.setMinimumWidth(150)
        self.detail.setPlaceholderText("Select a row to see its thread or next step.")
        self.triage_panel = TriagePanel(self)
        self.triage_panel.setMinimumWidth(220)
        self.triage_panel.correction_requested.connect(self.change_type)
        self.reply_pane = ReplyPane(self.ops, self)
        self.reply_pane.setMinimumWidth(220)
        self.reply_pane.edit_templates_requested.connect(self.open_templates_editor)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.history_panel)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(self.row_actions.row)
        self.row_actions.row.addWidget(self.undo_bar, 2)
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
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.counts_changed.connect(self._update_counts)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self._update_actions)

    # -- loading -----------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        """The board follows every metric input (messages, returns, claims, rules...)."""
        return changes.metric_inputs

    def refresh(self) -> None:
        """Recompute the board at the clock's now and reload the table, in the background."""
        self._health = None
        self.reload()

    def reload(self) -> None:
        """Load the page at the clock's now, from the health received last if unused yet."""
        now, health, self._health = self._clock(), self._health, None
        first, self._loaded_once = not self._loaded_once, True
        self.fetch(lambda store: load_inbox(store, now, health, first), self._show_page)

    def _show_page(self, page: InboxPage | str) -> None:
        if isinstance(page, str):
            self.summary.setText(page)
            return
        self._threads = page.threads
        self._triage = page.triage
        self.model.set_settings(page.settings)
        self.model.set_table(page.table)  # the reset handlers keep the selection
        self.history_panel.show_history(page.history)
        self._update_actions()
        self._show_selected()

    def _forget_health(self, changes: Changes) -> None:
        """A write makes a board received before it stale."""
        if self.wants(changes):
            self._health = None

    def _on_metrics_changed(self, health: Health) -> None:
        """A recompute elsewhere (scheduler, import) carries the board: no second recompute."""
        self._health = health
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # shown next time the screen is

    def _tick(self) -> None:
        if self.isVisible():
            shown = self.table.viewport().height()
            first = max(0, self.table.rowAt(0))
            last = self.table.rowAt(shown - 1)
            self.model.tick(first, self.model.rowCount() - 1 if last < 0 else last)
        else:
            self.model.tick(0, -1)  # counts and filters only: nothing to repaint
        row = self.table.currentIndex().row()
        if self.triage_panel.ref and 0 <= row < self.model.rowCount():
            self.triage_panel.set_countdown(self.countdown_text(row))

    # -- filters -----------------------------------------------------------------
    def set_filter(self, name: InboxFilter) -> None:
        self.filter_bar.check(name)
        self.model.set_filter(name)
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self.model.counts()
        self.filter_bar.show_counts(counts)
        self.summary.setText(summary_text(counts))

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
        """Select the row of `ref` (switching to "All", listing its history or clearing
        the search if they hide it)."""
        row = self.model.row_of_ref(ref)
        if row is None and self.model.has_ref(ref):
            self.search.clear_search()
            self.history_panel.reveal(ref)
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
        if row is None and self.marks.next_ref:  # the marked rows left: on to the next one
            row = self.model.row_of_ref(self.marks.next_ref)
            self.marks.next_ref = None
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

    def _update_actions(self, *_args: object) -> None:
        self.row_actions.update(self.current_row(), self.marks.selected())

    # -- actions -----------------------------------------------------------------
    def mark_done(self) -> None:
        """Stop every selected clock the way its kind is stopped, at the clock's now."""
        self.marks.mark_done()

    def toggle_no_response_needed(self) -> None:
        self.marks.toggle_no_response_needed()

    def change_type(self, ref: str, contact_type: str, make_rule: bool = False) -> None:
        """The seller's correction: store the type (and a rule); the panel says what happened."""
        done: list[Correction] = []

        def correct(store: Store) -> Changes:
            done.append(correct_contact_type(store, ref, contact_type, make_rule))
            return done[0].changes

        self.write(correct, lambda _changes: self.triage_panel.set_status(done[0].note))

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
        from gui.views.templates_editor import TemplatesEditor  # when first needed

        editor = TemplatesEditor(self.ops, self._clock, self)
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
        if row.kind == "reimbursement":  # a claim's rows and text are on its own screen
            self._bridge.navigate.emit("reimbursements", row.ref)
            return
        title = f"{kind_label(row.kind)} - order {row.order_id}" if row.order_id else row.ref
        if self.thread_dialog is not None:
            self.thread_dialog.close()
        self.thread_dialog = ThreadDialog(title, thread_html(row, self._threads), self)
        self.thread_dialog.show()

    def countdown_text(self, row: int) -> str:
        """The countdown cell as shown (for tests and the tray tooltip)."""
        return str(self.model.data(self.model.index(row, COUNTDOWN)))
