"""A flat table whose search box keeps the rows holding every word typed.

The rows' keys are made once when the rows arrive (core.search.RowSearch); a search is
one pass over them and a model reset, never a `data()` call per cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QObject

from core.search import RowSearch
from gui.models.base import HeaderedTableModel

R = TypeVar("R")


class SearchableTableModel(HeaderedTableModel, Generic[R]):
    """Subclasses say what a row is found by (`search_text`) and may narrow the rows
    further (`keeps`); `_rows` holds the rows shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search: RowSearch[R] = RowSearch(self.search_text)
        self._rows: list[R] = []

    def search_text(self, row: R) -> str:
        """The row's key (core.search.search_key of the texts it is found by)."""
        raise NotImplementedError

    def keeps(self, row: R) -> bool:
        """Besides the search: whether the row is shown (default: every row)."""
        return True

    def narrowing(self) -> bool:
        """Whether `keeps` may drop a row now; False spares a call per row."""
        return True

    def _shown(self) -> list[R]:
        return self._search.shown(self.keeps if self.narrowing() else None)

    @property
    def all_rows(self) -> list[R]:
        """Every row, shown or not."""
        return self._search.rows

    def set_rows(self, rows: Sequence[R], keys: Sequence[str] | None = None) -> None:
        """`keys`: the rows' `search_text`, when the caller made them in the background."""
        self.beginResetModel()
        self._search.set_rows(rows, keys)
        self._rows = self._shown()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if self._search.set_text(text):
            self.refilter()

    @property
    def searching(self) -> bool:
        return bool(self._search.terms)

    def refilter(self) -> None:
        """Show the rows that match again (after `keeps` changed its mind)."""
        self.beginResetModel()
        self._rows = self._shown()
        self.endResetModel()
