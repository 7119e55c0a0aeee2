"""The saved replies by name, for the templates editor's list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from services.reply_templates import ReplyTemplate

AnyIndex = QModelIndex | QPersistentModelIndex


class TemplatesModel(QAbstractListModel):
    """Saved replies by name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._templates: list[ReplyTemplate] = []

    def set_templates(self, templates: Sequence[ReplyTemplate]) -> None:
        self.beginResetModel()
        self._templates = list(templates)
        self.endResetModel()

    def template(self, row: int) -> ReplyTemplate:
        return self._templates[row]

    def row_of(self, template_id: int | None) -> int | None:
        for row, t in enumerate(self._templates):
            if t.id == template_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._templates)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._templates):
            return None
        t = self._templates[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return t.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return t.body[:300]
        return None
