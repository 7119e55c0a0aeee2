"""The appeal notes of one defect: timestamped text, evidence files and status changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from core.clock import parse_iso
from gui.models.base import HeaderedTableModel

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("When (UTC)", "Note")
WHEN, TEXT = range(len(COLUMNS))
EvidencePathRole = Qt.ItemDataRole.UserRole + 1


def _when(value: Any) -> str:
    try:
        return parse_iso(str(value)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(value or "")


class NotesModel(HeaderedTableModel):
    """Rows are the dicts of storage.repository.app_state.list_notes, oldest first."""

    COLUMNS = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes: list[Mapping[str, Any]] = []

    def set_notes(self, notes: Sequence[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self._notes = sorted(notes, key=lambda n: (str(n.get("created_at", "")), n.get("id", 0)))
        self.endResetModel()

    def note_at(self, row: int) -> Mapping[str, Any]:
        return self._notes[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._notes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note, col = self._notes[index.row()], index.column()
        path = str(note.get("evidence_path") or "")
        if role == EvidencePathRole:
            return path
        if role == Qt.ItemDataRole.DisplayRole:
            return _when(note.get("created_at")) if col == WHEN else note_text(note)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = note_text(note)
            return f"{tip}\n\nEvidence: {path}\nDouble-click to open it." if path else tip
        return None


def note_text(note: Mapping[str, Any]) -> str:
    """Status change first ("Status: open -> appealed"), the text, then the evidence file."""
    change = str(note.get("status_change") or "")
    text = str(note.get("text") or "")
    path = str(note.get("evidence_path") or "")
    lines = [f"Status: {change}"] if change else []
    if text:
        lines.append(text)
    if path and PurePath(path).name not in text:
        lines.append(f"File: {PurePath(path).name}")
    return "\n".join(lines)
