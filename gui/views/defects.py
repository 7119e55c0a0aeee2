"""The Defects screen: what hurts ODR (and RDR), why something does not, and the appeal trail.

Status edits write a notes entry, and statuses that change the metrics
(feedback removed, removal requested, claim appealed) go through the same
app-state functions the rest of the app uses, so the numbers follow. Selecting a
feedback shows the removal checker above the notes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.model import Channel, Feedback
from gui.bridge import Bridge
from gui.models.defects_model import (
    DATE,
    STATUS,
    STATUS_LABELS,
    STATUSES,
    DefectRow,
    DefectsModel,
    defect_rows,
)
from gui.models.filters import DefectsFilter
from gui.views.claim_form import ClaimForm
from gui.views.defect_notes import DefectNotesPane
from gui.views.removal_panel import RemovalPanel
from gui.views.screen import Screen
from gui.widgets.choice_delegate import ChoiceDelegate

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex


def load_defects(
    store: Any, now: datetime
) -> tuple[list[DefectRow], datetime | None, dict[str, Feedback]]:
    """Every defect at `now` with its verdict and status, the last weekly review, and the
    1-3 star feedback by order id (the removal checker reads its comment)."""
    from storage.repository import records
    from storage.repository.settings import load_settings
    from storage.repository.views import defect_statuses, first_seen, orders_by_id
    from storage.repository.warnings import last_review

    db = store.db
    settings = load_settings(db)
    feedback = [f for f in records.list_feedback(store) if f.rating <= 3]
    claims = records.list_claims(db)
    returns = records.list_returns_fbm(db)
    ids = {f.order_id for f in feedback} | {c.order_id for c in claims}
    rows = defect_rows(
        feedback=feedback,
        claims=claims,
        returns=returns,
        orders=orders_by_id(db, ids),
        statuses=defect_statuses(db),
        seen=first_seen(db),
        as_of=now,
        settings=settings,
    )
    return rows, last_review(db), {f.order_id: f for f in feedback}


class DefectsView(Screen):
    """Defect list with filters, an editable status and the appeal notes pane."""

    screen_name = "defects"

    def __init__(
        self,
        store: Any,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self._last_review: datetime | None = None
        self._feedback: dict[str, Feedback] = {}
        self.claim_form: ClaimForm | None = None
        self.model = DefectsModel(self._write_status, self)
        self.proxy = DefectsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        bridge.data_changed.connect(self.refresh)
        bridge.metrics_changed.connect(self._on_metrics_changed)
        bridge.navigate.connect(self._on_navigate)
        self.refresh()

    def _build(self) -> None:
        self.new_only = QCheckBox("New since last &review", self)
        self.new_only.toggled.connect(self._apply_filters)
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
            "Channel", [("All channels", None), ("AFN (FBA)", "afn"), ("MFN (FBM)", "mfn")]
        )
        self.new_claim_button = QPushButton("New &claim...", self)
        self.new_claim_button.clicked.connect(self.open_claim_form)
        self.review_button = QPushButton("Weekly review &done", self)
        self.review_button.setToolTip(
            "Record that you went through the defects now; the next review shows only newer ones."
        )
        self.review_button.clicked.connect(self.mark_review_done)
        bar = QHBoxLayout()
        bar.addWidget(self.new_only)
        for w in (self.counts_filter, self.kind_filter, self.channel_filter):
            bar.addWidget(w)
        bar.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.new_claim_button)
        actions.addWidget(self.review_button)
        actions.addStretch(1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(
            STATUS, ChoiceDelegate({s: STATUS_LABELS[s] for s in STATUSES}, self.table)
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        for col, width in enumerate((120, 150, 100, 190, 160, 130, 90, 125, 90, 300)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.notes = DefectNotesPane(self._store, self._clock, parent=self)
        self.removal = RemovalPanel(self._store, self._clock, self)
        self.removal.written.connect(self._after_removal_write)
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
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _combo(self, tip: str, items: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox(self)
        box.setToolTip(tip)
        box.setAccessibleName(tip)
        for text, value in items:
            box.addItem(text, value)
        box.currentIndexChanged.connect(self._apply_filters)
        return box

    # -- loading -----------------------------------------------------------------
    def refresh(self) -> None:
        current = self.current_defect()
        try:
            rows, self._last_review, self._feedback = load_defects(self._store, self._clock())
        except Exception as exc:  # a screen must never take the app down
            log.exception("defects refresh failed")
            self.summary.setText(f"Could not load the defects: {exc}")
            return
        self.model.set_rows(rows)
        self._apply_filters()
        if current is not None:
            self.select_ref(current.ref)
        else:
            self._show_selected(None)

    def _on_metrics_changed(self, _health: object) -> None:
        self.refresh()

    def _apply_filters(self, *_args: object) -> None:
        self.proxy.set_kind(self.kind_filter.currentData())
        self.proxy.set_channel(self.channel_filter.currentData())
        self.proxy.set_counts(self.counts_filter.currentData())
        self.proxy.set_new_since(self._last_review, self.new_only.isChecked())
        review = self._last_review.strftime("%b %d") if self._last_review else "never"
        self.new_only.setText(f"New since last &review ({review})")
        self._update_summary()

    def _update_summary(self) -> None:
        total = self.model.rowCount()
        if total == 0:
            self.summary.setText(
                "No defects: no negative feedback, A-to-z claims, chargebacks or dissatisfied "
                "FBM returns in the imported data. Use New claim... to enter a claim by hand."
            )
            return
        rows = [self.model.row_at(i) for i in range(total)]
        counting = sum(r.counts for r in rows)
        neutral = sum(r.neutral for r in rows)
        eligible = sum(r.removal.startswith("eligible") and r.status == "open" for r in rows)
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
        return True

    def _on_navigate(self, screen: str, ref: str) -> None:
        if screen != self.screen_name:
            return
        if ref in ("new_since_review", "review"):
            self.new_only.setChecked(True)
        elif ref:
            self.select_ref(ref)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected(self.current_defect() if current.isValid() else None)

    def _show_selected(self, row: DefectRow | None) -> None:
        self.notes.show_defect(row)
        fb = self._feedback.get(row.order_id) if row and row.kind == "feedback" else None
        if row is None or fb is None:
            self.removal.show_feedback(None)
            self.removal.hide()
            return
        channel = cast(Channel, row.channel) if row.channel in ("afn", "mfn") else None
        self.removal.show_feedback(fb, channel, row.status)
        self.removal.show()

    # -- writes ------------------------------------------------------------------------
    def _write_status(self, row: DefectRow, status: str) -> None:
        """Persist a status edit; the app-state functions append the notes entry."""
        from storage.repository import app_state

        db, at = self._store.db, self._clock()
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
        # Reload after the edit has finished: the model must not reset inside setData.
        QTimer.singleShot(0, self._after_write)

    def _after_write(self) -> None:
        self.notes.reload()
        self._bridge.data_changed.emit()

    def _after_removal_write(self) -> None:
        """The removal panel recorded a status: reload the list (it re-selects the row)."""
        self.notes.reload()
        self._bridge.data_changed.emit()

    def mark_review_done(self) -> None:
        """Log the weekly ODR review at the clock's now (it also clears the review warning)."""
        from storage.repository.warnings import log_review

        log_review(self._store.db, self._clock())
        self._bridge.data_changed.emit()

    def open_claim_form(self) -> ClaimForm:
        """Open the manual entry form (window-modal, never blocking the event loop)."""
        self.claim_form = ClaimForm(self._store, self._clock, self)
        self.claim_form.saved.connect(lambda _claim: self._bridge.data_changed.emit())
        self.claim_form.open()
        return self.claim_form
