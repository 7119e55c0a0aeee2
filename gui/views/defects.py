"""The Defects screen: what hurts ODR (and RDR), why something does not, and the appeal trail.

Status edits write a notes entry, and statuses that change the metrics
(feedback removed, removal requested, claim appealed) go through the same
app-state functions the rest of the app uses, so the numbers follow. Selecting a
feedback shows the removal checker above the notes. A status can be set on every
selected row at once, and the last status change undone.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.defects import STATUS_LABELS, STATUSES, DefectRow, channel_of
from core.labels import label
from core.model import Feedback
from gui.bridge import Bridge
from gui.display import day
from gui.export import export_button
from gui.models.defects_model import (
    AGES_OUT,
    COUNTS,
    DATE,
    DETAILS,
    KIND,
    ORDER,
    REMOVAL,
    STATUS,
    WHY_NOT,
    DefectsModel,
)
from gui.models.filters import DefectsFilter
from gui.review_pdf import export_review
from gui.views.claim_form import ClaimForm
from gui.views.defect_notes import DefectNotesPane
from gui.views.removal_panel import RemovalPanel
from gui.views.screen import Screen
from gui.views.table_sizing import fit_columns
from gui.widgets.choice_delegate import ChoiceDelegate
from gui.widgets.search_box import SearchBox
from gui.widgets.undo_bar import UndoBar
from services.changes import Changes
from services.defects import DefectsPage, defects_page, review_done, set_statuses
from storage.db import Store


class DefectsView(Screen):
    """Defect list with filters, an editable status and the appeal notes pane."""

    screen_name = "defects"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self._last_review: datetime | None = None
        self._feedback: dict[str, Feedback] = {}
        self._loaded_day: date | None = None
        self._wanted_ref: str | None = None  # a navigation that came before the data
        self.claim_form: ClaimForm | None = None
        self.model = DefectsModel(self._write_status, self)
        self.proxy = DefectsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        bridge.metrics_changed.connect(self._on_metrics_changed)
        bridge.navigate.connect(self._on_navigate)
        self.refresh()

    def _build(self) -> None:
        self.new_only = QCheckBox("New since last &review", self)
        self.new_only.toggled.connect(self._apply_filters)
        # Never squeezed (its date was cut at 1280 px): the combos and the search give way.
        self.new_only.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.counts_filter = self._combo(
            "Counts toward ODR",
            [("All defects", None), ("Counts toward ODR", True), ("Does not count", False)],
        )
        self.kind_filter = self._combo(
            "Kind",
            [
                ("All kinds", None),
                ("Negative feedback", "feedback"),
                ("A-to-z claims", "claim"),
                ("Chargebacks", "chargeback"),
                ("FBM returns", "return"),
            ],
        )
        self.channel_filter = self._combo(
            "Channel", [("All channels", None), *((label("channel", c), c) for c in ("afn", "mfn"))]
        )
        self.new_claim_button = QPushButton("New &claim...", self)
        self.new_claim_button.clicked.connect(self.open_claim_form)
        self.review_button = QPushButton("Weekly review &done", self)
        self.review_button.setToolTip(
            "Record that you went through the defects now; the next review shows only newer ones."
        )
        self.review_button.clicked.connect(self.mark_review_done)
        self.search = SearchBox(self, self._search)
        bar = QHBoxLayout()
        bar.addWidget(self.new_only)
        for w in (self.counts_filter, self.kind_filter, self.channel_filter):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.search)
        self.status_button = QPushButton("Set &status of selected", self)
        self.status_button.setToolTip("Set the status of every selected defect at once.")
        self.status_menu = QMenu(self.status_button)
        for status in STATUSES:
            act: QAction = self.status_menu.addAction(STATUS_LABELS[status])
            act.triggered.connect(lambda _=False, s=status: self.set_selected_status(s))
        self.status_button.setMenu(self.status_menu)
        self.undo_bar = UndoBar(self.write, self)
        actions = QHBoxLayout()
        actions.addWidget(self.status_button)
        actions.addWidget(self.new_claim_button)
        actions.addWidget(self.review_button)
        actions.addWidget(self.undo_bar, 1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        status_editor = ChoiceDelegate({s: STATUS_LABELS[s] for s in STATUSES}, self.table)
        self.table.setItemDelegateForColumn(STATUS, status_editor)
        # A pick is saved and the editor closes, before the reload resets the rows.
        status_editor.commitData.connect(status_editor.closeEditor.emit)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.columns = fit_columns(
            self.table,
            "defects",
            elastic=(WHY_NOT, DETAILS),
            key=(KIND, ORDER, COUNTS, WHY_NOT, AGES_OUT, STATUS),
        )
        header = self.table.horizontalHeader()  # when it ages out and its status, beside why
        for col in (AGES_OUT, STATUS):
            header.moveSection(header.visualIndex(col), header.visualIndex(REMOVAL))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.review_pdf_button = QPushButton("Weekly review &PDF\u2026", self)
        self.review_pdf_button.setToolTip(
            "The figures, trends, defects new since the last review and this week's deadlines."
        )
        self.review_pdf_button.clicked.connect(
            lambda: export_review(self, self.ops, self._clock, self.summary.setText)
        )
        actions.insertWidget(2, self.review_pdf_button)
        actions.addWidget(export_button(self, self.table, "defects"))

        self.notes = DefectNotesPane(self._store, self._clock, parent=self, ops=self.ops)
        self.removal = RemovalPanel(self._store, self._clock, self, ops=self.ops)
        self.removal.hide()
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.removal)
        right.addWidget(self.notes)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        summary = QHBoxLayout()
        summary.addWidget(self.summary, 1)
        summary.addWidget(self.updating_label)
        left_layout.addLayout(summary)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([980, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _combo(self, tip: str, items: list[tuple[str, str | bool | None]]) -> QComboBox:
        box = QComboBox(self)
        box.setToolTip(tip)
        box.setAccessibleName(tip)
        # May narrow (its text elides) so the check box and the search keep their words.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(9)
        for text, value in items:
            box.addItem(text, value)
        box.currentIndexChanged.connect(self._apply_filters)
        return box

    # -- loading -----------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        return (
            changes.orders
            or changes.feedback
            or changes.returns
            or changes.claims
            or changes.defect_status
            or changes.settings
            or changes.warnings  # the weekly review log
        )

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Load the defects in the background; the selected defect stays selected."""
        now = self._clock()
        self.fetch(lambda store: defects_page(store, now), self._show_page)

    def _show_page(self, page: DefectsPage) -> None:
        current = self.current_defect()
        ref = self._wanted_ref or (current.ref if current is not None else None)
        self._wanted_ref = None
        self._last_review, self._feedback = page.last_review, page.feedback
        self._loaded_day = self._clock().date()
        self.model.set_rows(page.rows, page.skus)
        self._apply_filters()
        if ref is None or not self.select_ref(ref):
            self._show_selected(None)

    def _on_metrics_changed(self, _health: object) -> None:
        """Verdicts and removal windows turn at midnight UTC: reload on a new day."""
        if self._loaded_day is not None and self._clock().date() != self._loaded_day:
            self._on_changed(Changes(defect_status=True))

    def _apply_filters(self, *_args: object) -> None:
        self.proxy.set_filters(
            self.kind_filter.currentData(),
            self.channel_filter.currentData(),
            self.counts_filter.currentData(),
        )
        self.proxy.set_new_since(self._last_review, self.new_only.isChecked())
        review = day(self._last_review) if self._last_review else "never"
        self.new_only.setText(f"New since last &review ({review})")
        self._update_summary()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_summary()

    def _update_summary(self) -> None:
        rows = self.model.rows
        total = len(rows)
        if total == 0:
            self.summary.setText(
                "No defects: no negative feedback, A-to-z claims, chargebacks or dissatisfied "
                "FBM returns in the imported data. Use New claim... to enter a claim by hand."
            )
            return
        counting = sum(r.counts for r in rows)
        neutral = sum(r.neutral for r in rows)
        eligible = sum(r.removable for r in rows)
        shown = self.proxy.rowCount()
        extra = f" (and {neutral} neutral feedback, listed only for removal)" if neutral else ""
        removable = f" {eligible} feedback can be removed: request it." if eligible else ""
        self.summary.setText(
            f"Showing {shown} of {total} rows{extra}; {counting} count toward ODR right now."
            f"{removable} Double-click a status to change it."
        )

    # -- selection -------------------------------------------------------------------
    def current_defect(self) -> DefectRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        if not source.isValid():
            return None
        return self.model.row_at(source.row())

    def select_ref(self, ref: str) -> bool:
        row = self.model.row_of_ref(ref)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by a filter: show everything
            self.search.clear_search()
            self.new_only.setChecked(False)
            for box in (self.counts_filter, self.kind_filter, self.channel_filter):
                box.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_selected(self.current_defect())
        return True

    def _on_navigate(self, screen: str, ref: str) -> None:
        if screen != self.screen_name:
            return
        if ref in ("new_since_review", "review"):
            self.new_only.setChecked(True)
        elif ref and not self.select_ref(ref) and self.loading:
            self._wanted_ref = ref  # selected when the list arrives

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected(self.current_defect() if current.isValid() else None)

    def _show_selected(self, row: DefectRow | None) -> None:
        self.notes.show_defect(row)
        fb = self._feedback.get(row.order_id) if row and row.kind == "feedback" else None
        if row is None or fb is None:
            self.removal.show_feedback(None)
            self.removal.hide()
            return
        self.removal.show_feedback(fb, channel_of(row), row.status)
        self.removal.show()

    def selected_defects(self) -> list[DefectRow]:
        """The selected rows, top to bottom (the current one when none is selected)."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex()]
        sources = [self.proxy.mapToSource(i) for i in rows]
        return [self.model.row_at(s.row()) for s in sources if s.isValid()]

    # -- writes ------------------------------------------------------------------------
    def _write_status(self, row: DefectRow, status: str) -> None:
        """Persist a status edit; the list reloads when the write's changes come back."""
        at = self._clock()
        self.undo_bar.run(lambda store: set_statuses(store, [row], status, at))

    def set_selected_status(self, status: str) -> None:
        """One status for every selected defect, in one write that Undo takes back."""
        rows, at = self.selected_defects(), self._clock()
        if rows:
            self.undo_bar.run(lambda store: set_statuses(store, rows, status, at))

    def mark_review_done(self) -> None:
        """Log the weekly ODR review at the clock's now (it also clears the review warning)."""
        at = self._clock()
        self.write(lambda store: review_done(store, at))

    def open_claim_form(self) -> ClaimForm:
        """Open the manual entry form (window-modal, never blocking the event loop)."""
        self.claim_form = ClaimForm(self._store, self._clock, self, ops=self.ops)
        self.claim_form.open()
        return self.claim_form
