"""Settings > Data: what buyer data is held now and why, and pinning open disputes.

Amazon's Data Protection Policy keeps buyer PII 30 days after delivery unless it is
needed, e.g. for an open dispute; an open dispute keeps it at most 90 days past its last
activity unless the seller pins it here (services/privacy.py). Every cell is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from gui.display import day
from gui.operations import Ops
from services.changes import Changes
from services.privacy import KIND_TEXTS, HeldData, HeldDispute, held_data, set_pinned

HEADERS = ("Dispute", "Order", "Last activity", "Buyer details kept until")
INTRO = (
    "Buyer names, addresses, e-mails, messages and comments are deleted 30 days after "
    "delivery. An open dispute keeps its order's details at most 90 days after its last "
    "activity; pin a dispute you are still fighting to keep them until you unpin it."
)


class HeldDataBox(QGroupBox):
    """Counts per reason, the open disputes with their expiry dates, Pin / Unpin."""

    def __init__(self, ops: Ops, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__("Buyer data held and why", parent)
        self._ops = ops
        self._clock = clock
        self._disputes: list[HeldDispute] = []
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(140)
        self.table.itemSelectionChanged.connect(self._sync_buttons)
        self.pin_button = QPushButton("&Pin dispute", self)
        self.pin_button.setToolTip("Keep this order's buyer details until you unpin it.")
        self.pin_button.clicked.connect(lambda: self._pin(True))
        self.unpin_button = QPushButton("&Unpin", self)
        self.unpin_button.clicked.connect(lambda: self._pin(False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pin_button)
        buttons.addWidget(self.unpin_button)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._sync_buttons()
        ops.bridge.changed.connect(self._on_changed)

    def refresh(self) -> None:
        now = self._clock()
        self._ops.query(lambda store: held_data(store, now), self.show_data, parent=self)

    def _on_changed(self, changes: Changes) -> None:
        if changes.metric_inputs and self.isVisible():
            self.refresh()

    def show_data(self, data: HeldData) -> None:
        lines = data.lines()
        self.summary.setText(
            "Held now: " + "; ".join(lines) + "." if lines else "No buyer details are held."
        )
        self._disputes = data.disputes
        self.table.setRowCount(len(data.disputes))
        for row, d in enumerate(data.disputes):
            until = "pinned (until you unpin it)" if d.until is None else day(d.until)
            cells = (
                f"{KIND_TEXTS.get(d.kind, d.kind)} {d.ref}",
                d.order_id,
                day(d.last_activity),
                until,
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._sync_buttons()

    def selected(self) -> HeldDispute | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self._disputes[rows.pop()] if len(rows) == 1 else None

    def _sync_buttons(self) -> None:
        d = self.selected()
        self.pin_button.setEnabled(d is not None and not d.pinned)
        self.unpin_button.setEnabled(d is not None and d.pinned)

    def _pin(self, pinned: bool) -> None:
        d = self.selected()
        if d is None:
            return
        now = self._clock()
        self._ops.write(
            lambda store: set_pinned(store, d.kind, d.ref, d.order_id, pinned, now),
            parent=self,
            success=lambda _changes: self.refresh(),
        )
