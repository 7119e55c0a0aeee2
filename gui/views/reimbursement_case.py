"""One reimbursement case: the facts, the report rows that prove it, the claim text, the marks.

The seller copies the claim text into Seller Central, files it there, and marks it
filed here with the case id Seller Central gives; later reimbursed or denied (a
reimbursements report that pays it closes it anyway). A note typed below goes with
the mark; the notes and evidence files are the Defects screen's notes pane.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.format import count_noun, format_date, format_money
from core.labels import label
from core.reimbursements import Case, EvidenceRow, MarkStatus, case_subject, evidence_row
from gui.display import day
from gui.models.reimbursements_model import window_text
from gui.models.text_table import TextTableModel
from gui.operations import Ops
from gui.views.defect_notes import DefectNotesPane
from services.changes import Changes
from services.reimbursements import NOTES_KIND, mark_case, reopen_case
from storage.db import Store

log = logging.getLogger(__name__)

EVIDENCE_COLUMNS = ("Report", "Date", "Row")
COPIED = "Claim text copied. Paste it into a new case in Seller Central, then mark it filed here."
MARKED = frozenset({"filed", "reimbursed", "denied"})
EVENTS = {
    "customer_return": "Refunded on",
    "return_damaged": "Refunded (or returned) on",
    "warehouse": "Adjusted in the warehouse on",
    "removal": "Removal requested on",
    "reversal": "Reversed on",
}
ERROR_STYLE = "color: #9f1c1c"


def evidence_cell(row: EvidenceRow, col: int) -> str:
    if col == 0:
        return row.report
    if col == 1:
        return day(row.day)
    return "; ".join(f"{name}: {value}" for name, value in row.cells)


def evidence_tip(row: EvidenceRow, _col: int) -> str:
    return "\n".join(f"{name}: {value}" for name, value in row.cells)


def facts_text(c: Case, today: date) -> str:
    """The window, what it is worth and the unit counts, in a few lines."""
    state = label("case_state", c.state)
    if c.claim_closes is None:
        when = "No claim window: report it to Amazon."
    elif c.state in ("claimable", "closing_soon"):
        left = count_noun((c.claim_closes - today).days, "day")
        when = f"Claim window {window_text(c)} (UTC): {left} left to file."
    else:
        when = f"Claim window {window_text(c)} (UTC)."
    value = format_money(c.estimated_value, c.currency or "")
    worth = (
        f"About {value} for {count_noun(c.quantity, 'unit')}."
        if c.estimated_value is not None
        else f"{count_noun(c.quantity, 'unit')}; no recent price to estimate its value."
    )
    counts = ", ".join(f"{name} {n}" for name, n in c.figures)
    filed = f" Seller Central case {c.filed_case_id}." if c.filed_case_id else ""
    event = f"{EVENTS.get(c.kind, 'Dated')} {format_date(c.event_date)}."
    return f"{state}.{filed} {when}\n{event} {worth} {counts.capitalize()}."


class CasePane(QWidget):
    """Shows one case (or none) and writes the seller's marks through `ops`."""

    def __init__(self, store: Store, clock: Clock, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._clock = clock
        self.case: Case | None = None
        self.title = QLabel("Select a case to see the rows that prove it.", self)
        self.title.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.evidence = TextTableModel(EVIDENCE_COLUMNS, evidence_cell, self, tip=evidence_tip)
        self.table = QTableView(self)
        self.table.setModel(self.evidence)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.copy_button = QPushButton("&Copy claim text", self)
        self.copy_button.setToolTip("The case in words with its report rows, for Seller Central.")
        self.copy_button.clicked.connect(self.copy_claim_text)
        self.case_id = QLineEdit(self)
        self.case_id.setPlaceholderText("Seller Central case ID")
        self.case_id.setAccessibleName("Seller Central case ID")
        self.case_id.setMinimumWidth(150)
        self.filed_button = QPushButton("Mark &filed", self)
        self.filed_button.clicked.connect(lambda: self.mark("filed"))
        self.paid_button = QPushButton("&Reimbursed", self)
        self.paid_button.clicked.connect(lambda: self.mark("reimbursed"))
        self.denied_button = QPushButton("&Denied", self)
        self.denied_button.clicked.connect(lambda: self.mark("denied"))
        self.reopen_button = QPushButton("Re&open", self)
        self.reopen_button.setToolTip("Forget the marks: the case follows its window again.")
        self.reopen_button.clicked.connect(self.reopen)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.notes = DefectNotesPane(store, clock, parent=self, ops=ops)
        self.notes.editor.setPlaceholderText(
            "What you sent Amazon, what they answered; a note typed here goes with a mark."
        )
        self._layout()
        self.show_case(None)

    def _layout(self) -> None:
        """The case on the left (facts, report rows, claim text, marks), its notes beside it."""
        first = QHBoxLayout()
        first.addWidget(self.copy_button)
        first.addWidget(self.message, 1)
        first.addWidget(self.reopen_button)
        marks = QHBoxLayout()
        marks.addWidget(self.case_id, 1)
        for w in (self.filed_button, self.paid_button, self.denied_button):
            marks.addWidget(w)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.facts)
        column.addWidget(self.table, 1)
        column.addLayout(first)
        column.addLayout(marks)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.notes)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def show_case(self, case: Case | None) -> None:
        """Switch to `case` (None clears the pane); the message of the last action stays
        while the same case is shown again after a reload."""
        same = case is not None and self.case is not None and case.key == self.case.key
        self.case = case
        if not same:
            self.message.clear()
            self.case_id.setText(case.filed_case_id or "" if case else "")
        for w in (self.copy_button, self.case_id, self.filed_button, self.paid_button):
            w.setEnabled(case is not None)
        self.denied_button.setEnabled(case is not None)
        self.reopen_button.setEnabled(case is not None and case.state in MARKED)
        if case is None:
            self.title.setText("Select a case to see the rows that prove it.")
            self.facts.clear()
            self.evidence.set_rows([])
            self.notes.show_subject(None, empty="Select a case to see its notes.")
            return
        kind = label("case_kind", case.kind)
        self.title.setText(f"<b>{kind}</b>: {case_subject(case.key)}")
        self.facts.setText(facts_text(case, self._clock().date()))
        self.evidence.set_rows([evidence_row(e) for e in case.evidence])
        self.table.resizeRowsToContents()
        if not same:
            self.notes.show_subject((NOTES_KIND, case.key), f"Notes on this case ({kind})")

    def copy_claim_text(self) -> None:
        if self.case is None:
            return
        QApplication.clipboard().setText(self.case.claim_text)
        self._say(COPIED)

    def mark(self, status: MarkStatus) -> bool:
        """Record a mark (with the typed note); False, with a sentence, when refused."""
        case = self.case
        if case is None:
            return False
        case_id = self.case_id.text().strip()
        if status == "filed" and not case_id:
            self._say("Type the case ID Seller Central gave the claim, then mark it filed.", True)
            self.case_id.setFocus()
            return False
        note = self.notes.editor.toPlainText().strip()
        key, at = case.key, self._clock()

        def done(_changes: Changes) -> None:
            self.notes.editor.clear()
            self.notes.reload()
            self._say(f"Marked {label('case_state', status).lower()}.")

        self._ops.write(
            lambda store: mark_case(store, key, status, case_id, at, note),
            parent=self,
            success=done,
            failure=lambda exc: self._say(f"The mark could not be saved: {exc}", True),
        )
        return True

    def reopen(self) -> None:
        if self.case is None:
            return
        key, at = self.case.key, self._clock()

        def done(_changes: Changes) -> None:
            self.notes.reload()
            self._say("Open again: the case follows its claim window.")

        self._ops.write(lambda store: reopen_case(store, key, at), parent=self, success=done)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
