"""The saved replies by name, for the templates editor's list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.models.item_list import ItemListModel
from gui.plain import plain_tip
from services.reply_templates import ReplyTemplate


class TemplatesModel(ItemListModel[ReplyTemplate]):
    """Saved replies by name."""

    def row_of(self, template_id: int | None) -> int | None:
        return next((r for r, t in enumerate(self._items) if t.id == template_id), None)

    def show(self, t: ReplyTemplate, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return t.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(t.body[:300])
        return None
