"""The appeal notes of one defect: timestamped text, evidence files and status changes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from core.clock import parse_iso
from core.defects import DefectNote
from gui.display import when
from gui.models.base import HeaderedTableModel
from gui.plain import plain_tip

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("When", "Note")
WHEN, TEXT = range(len(COLUMNS))
EvidencePathRole = Qt.ItemDataRole.UserRole + 1


def _when(value: str) -> str:
    try:
        return when(parse_iso(value))
    except ValueError:
        return value


class NotesModel(HeaderedTableModel):
    """A defect's notes (services.defects.defect_notes), oldest first."""

    COLUMNS = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DefectNote] = []

    def set_notes(self, notes: Sequence[DefectNote]) -> None:
        self.beginResetModel()
        self._rows = sorted(notes, key=lambda n: (n.created_at, n.id))
        self.endResetModel()

    def note_at(self, row: int) -> DefectNote:
        return self._rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        note, col = self._rows[index.row()], index.column()
        if role == EvidencePathRole:
            return note.evidence_path
        if role == Qt.ItemDataRole.DisplayRole:
            return _when(note.created_at) if col == WHEN else note_text(note)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = note_text(note)
            path = note.evidence_path
            tip = f"{tip}\n\nEvidence: {path}\nDouble-click to open it." if path else tip
            return plain_tip(tip)
        return None


def note_text(note: DefectNote) -> str:
    """Status change first ("Status: open -> appealed"), the text, then the evidence file."""
    lines = [f"Status: {note.status_change}"] if note.status_change else []
    if note.text:
        lines.append(note.text)
    path = note.evidence_path
    if path and PurePath(path).name not in note.text:
        lines.append(f"File: {PurePath(path).name}")
    return "\n".join(lines)
