"""The escalation matrix editor (Settings): who answers each contact type, how fast, with what.

Pre-approving a resolution and a dollar limit per contact type lets whoever answers act
at once instead of waiting for approval while Amazon's 24-hour clock runs. The matrix is
read and saved through services.triage_rules, off the GUI thread; a change made
elsewhere shows up unless the table holds unsaved edits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.triage import (
    DEFAULT_MATRIX,
    RESOLUTION_LABELS,
    RESOLUTIONS,
    EscalationRow,
    MatrixError,
    validate_matrix,
)
from gui.bridge import Bridge
from gui.display import clock_time
from gui.models.matrix_model import LIMIT, NOTES, RESOLUTION, TARGET, MatrixModel
from gui.views.screen import Screen
from gui.widgets.choice_delegate import ChoiceDelegate
from services.changes import Changes
from services.triage_rules import escalation_matrix, save_escalation_matrix
from storage.db import Store

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
ERROR_STYLE = "color: #9f1c1c"
INTRO = (
    "Each kind of buyer message gets an owner, an internal answer target (never more than "
    "Amazon's 24 hours), a resolution they may give without asking, and how much money "
    "that may cost. The inbox shows this pathway beside every message. Double-click a cell "
    "to change it."
)


class HoursDelegate(QStyledItemDelegate):
    """Hours with a wide range on purpose: over 24 is refused by the model with a sentence."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        spin = QDoubleSpinBox(parent)
        spin.setDecimals(1)
        spin.setRange(0.0, 999.0)
        spin.setSingleStep(1.0)
        spin.setSuffix(" h")
        return spin

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QDoubleSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class MoneyDelegate(QStyledItemDelegate):
    """A dollar amount; empty means no money is pre-approved."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        edit = QLineEdit(parent)
        edit.setPlaceholderText("none")
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class MatrixEditor(Screen):
    """Edits the matrix in memory; Save writes it in one transaction, Revert reloads it."""

    def __init__(
        self,
        store: Store,
        bridge: Bridge,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.model = MatrixModel(self)
        self.model.refused.connect(self._show_error)
        self.model.edited.connect(self._on_edited)

        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(
            RESOLUTION, ChoiceDelegate({r: RESOLUTION_LABELS[r] for r in RESOLUTIONS}, self.table)
        )
        self.table.setItemDelegateForColumn(TARGET, HoursDelegate(self.table))
        self.table.setItemDelegateForColumn(LIMIT, MoneyDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)  # the notes are sentences; rows grow to show them
        header = self.table.horizontalHeader()
        for col, width in enumerate((170, 140, 110, 170, 100)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._fit_rows)
        self.model.modelReset.connect(self._fit_rows)
        self.model.dataChanged.connect(self._fit_rows)

        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.reset_button = QPushButton("Reset to &defaults", self)
        self.reset_button.setToolTip("Put the shipped matrix in the table; Save keeps it.")
        self.reset_button.clicked.connect(self.reset_to_defaults)
        self.revert_button = QPushButton("Revert", self)
        self.revert_button.clicked.connect(self.refresh)
        self.save_button = QPushButton("Save matrix", self)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.updating_label)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def wants(self, changes: Changes) -> bool:
        return changes.triage_rules

    def reload(self) -> None:
        """Saved elsewhere (a restore, another window): show it unless edits are unsaved."""
        if not self.model.dirty:
            self.fetch(escalation_matrix, self._show_if_clean)

    def refresh(self) -> None:
        """Show the stored matrix (also what Revert does)."""
        self._say("")
        self.fetch(escalation_matrix, self.model.set_rows)

    def _show_if_clean(self, rows: list[EscalationRow]) -> None:
        if not self.model.dirty:
            self.model.set_rows(rows)

    def _fit_rows(self, *_args: object) -> None:
        """Rows as tall as their wrapped notes; after layout, when the Notes width is final."""
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_rows()

    def reset_to_defaults(self) -> None:
        self.model.set_rows(DEFAULT_MATRIX, dirty=True)
        self._say("The shipped defaults are in the table; Save to keep them.")

    def save(self) -> bool:
        """Check the table and write it in the background; False (with core's sentence) if not."""
        rows = self.model.rows()
        try:
            validate_matrix(rows)
        except MatrixError as exc:
            self._show_error(str(exc))
            return False

        def saved(_changes: Changes) -> None:
            if self.model.rows() == rows:
                self.model.dirty = False
            self._say(f"Escalation matrix saved at {clock_time(self._clock())}.")

        def refused(exc: Exception) -> None:
            if isinstance(exc, MatrixError):
                self._show_error(str(exc))
            else:
                self.ops._report(exc)

        self.ops.write(
            lambda store: save_escalation_matrix(store, rows),
            parent=self,
            success=saved,
            failure=refused,
        )
        return True

    def _on_edited(self) -> None:
        self._say("Changed; Save matrix to keep it.")

    def _show_error(self, sentence: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(sentence)

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
