"""The reply checker's findings as a list (the reply pane's), and the checker, loaded late.

The guideline checker compiles its patterns on import (~70 ms): the inbox loads it in its
reader thread after its first page (`load_checker`), so opening it does not freeze for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gui.models.item_list import ItemListModel
from gui.plain import plain_tip

if TYPE_CHECKING:
    from core.reply_check import Finding

CHECKER = "core.reply_check"
SpanRole = Qt.ItemDataRole.UserRole + 1
HIGHLIGHT_LINE = QColor("#c5221f")


def load_checker() -> None:
    """Import (and so compile) the guideline checker; a no-op once it is loaded."""
    importlib.import_module(CHECKER)


def check_reply(text: str) -> list[Finding]:
    from core.reply_check import check_reply as check

    return check(text)


def finding_text(f: Finding) -> str:
    """One line per finding: what is wrong, then how to fix it."""
    return f"{f.message} Fix: {f.fix}"


class FindingsModel(ItemListModel["Finding"]):
    """The checker's findings for the current draft, in reading order."""

    def show(self, f: Finding, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return finding_text(f)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f'"{f.excerpt}"\n{f.fix}')
        if role == Qt.ItemDataRole.ForegroundRole:
            return HIGHLIGHT_LINE
        if role == SpanRole:
            return f.span
        return None
