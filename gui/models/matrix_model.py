"""The escalation matrix as an editable table: one row per contact type.

Every edit is checked with core.triage.validate_row before it is taken, so a target over
Amazon's 24 hours never reaches the table; the refusal is core's own sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from core.triage import RESOLUTION_LABELS, EscalationRow, MatrixError, validate_row
from gui.models.base import HeaderedTableModel

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Contact type",
    "Owner",
    "Target (hours)",
    "Pre-approved resolution",
    "Dollar limit",
    "Notes",
)
CONTACT, OWNER, TARGET, RESOLUTION, LIMIT, NOTES = range(len(COLUMNS))
BAD_AMOUNT = (
    "{label}: the dollar limit must be an amount like 50 or 24.99 (leave it empty for none)."
)


def format_limit(limit: Decimal | None) -> str:
    return "none" if limit is None else f"${limit:,.2f}"


def parse_limit(text: str, label: str) -> Decimal | None:
    """ "", "none" -> None; "$1,250.5" -> Decimal("1250.50"); raises MatrixError otherwise."""
    cleaned = text.strip().replace("$", "").replace(",", "").strip()
    if cleaned.lower() in ("", "none"):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MatrixError(BAD_AMOUNT.format(label=label)) from None
    if not value.is_finite():
        raise MatrixError(BAD_AMOUNT.format(label=label))
    return value.quantize(Decimal("0.01"))


class MatrixModel(HeaderedTableModel):
    """Rows of EscalationRow; `refused` carries the sentence of an edit that was not taken."""

    COLUMNS = COLUMNS

    refused = Signal(str)
    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EscalationRow] = []
        self.dirty = False
        self.last_error = ""

    def set_rows(self, rows: Sequence[EscalationRow], *, dirty: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.dirty = dirty
        self.last_error = ""
        self.endResetModel()

    def rows(self) -> list[EscalationRow]:
        return list(self._rows)

    def row_at(self, row: int) -> EscalationRow:
        return self._rows[row]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() != CONTACT:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.notes or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (TARGET, LIMIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: EscalationRow, col: int) -> str:
        if col == CONTACT:
            return r.label
        if col == OWNER:
            return r.owner
        if col == TARGET:
            return f"{r.target_hours:g} h"
        if col == RESOLUTION:
            return RESOLUTION_LABELS.get(r.resolution, r.resolution)
        if col == NOTES:
            return r.notes
        return format_limit(r.dollar_limit)

    def _edit_value(self, r: EscalationRow, col: int) -> object:
        if col == TARGET:
            return float(r.target_hours)
        if col == RESOLUTION:
            return r.resolution
        if col == LIMIT:
            return "" if r.dollar_limit is None else str(r.dollar_limit)
        return self._display(r, col)

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == CONTACT:
            return False
        old = self._rows[index.row()]
        try:
            new = validate_row(self._changed(old, index.column(), value))
        except MatrixError as exc:
            self.last_error = str(exc)
            self.refused.emit(self.last_error)
            return False
        if new == old:
            return False
        self._rows[index.row()] = new
        self.dirty = True
        self.last_error = ""
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        self.edited.emit()
        return True

    @staticmethod
    def _changed(old: EscalationRow, col: int, value: object) -> EscalationRow:
        if col == OWNER:
            owner = str(value).strip()
            if not owner:
                raise MatrixError(f"{old.label}: name who answers these messages.")
            return replace(old, owner=owner)
        if col == TARGET:
            try:
                hours = float(value) if isinstance(value, int | float) else float(str(value))
            except ValueError:
                raise MatrixError(
                    f"{old.label}: the target time must be a number of hours."
                ) from None
            return replace(old, target_hours=hours)
        if col == RESOLUTION:
            return replace(old, resolution=str(value))
        if col == NOTES:
            return replace(old, notes=str(value).strip())
        return replace(old, dollar_limit=parse_limit(str(value or ""), old.label))
