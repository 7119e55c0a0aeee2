"""A table model that holds only the pages the view has scrolled to.

A long list (the import history, the warnings) shows its first page at once; when the
view scrolls near the end, Qt asks `canFetchMore`/`fetchMore`, and the next page is
loaded off the GUI thread by the screen (`load_page`) and appended when it arrives.
A reset (`set_page`) drops any page still on its way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject

from gui.models.base import AnyIndex, HeaderedTableModel
from gui.operations import Ops
from services.pages import Page
from storage.db import Store

R = TypeVar("R")

Deliver = Callable[[Page[R]], None]
PageLoader = Callable[[int, Deliver[R]], None]
"""`load_page(offset, deliver)`: load rows from `offset` on, then call `deliver(page)`."""


class PagedTableModel(HeaderedTableModel, Generic[R]):
    """Rows of type R, a page at a time; subclasses set COLUMNS and implement `data`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._more = False
        self._waiting = False
        self._generation = 0
        self.load_page: PageLoader[R] | None = None

    def set_page(self, page: Page[R]) -> None:
        """Show `page` as the first rows (a reload); pages still loading are dropped."""
        self.beginResetModel()
        self._generation += 1
        self._rows = list(page.rows)
        self._more = page.more
        self._waiting = False
        self.endResetModel()

    def set_rows(self, rows: list[R]) -> None:
        """All the rows at once (nothing more to fetch)."""
        self.set_page(Page(list(rows), 0, False))

    def row_at(self, row: int) -> R:
        return self._rows[row]

    @property
    def loaded(self) -> int:
        """How many rows are in the model (the next page starts here)."""
        return len(self._rows)

    @property
    def more(self) -> bool:
        return self._more

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return (
            not parent.isValid() and self._more and not self._waiting and self.load_page is not None
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent) or self.load_page is None:
            return
        self._waiting = True
        generation = self._generation

        def deliver(page: Page[R]) -> None:
            if generation == self._generation:
                self._append(page)

        self.load_page(len(self._rows), deliver)

    def _append(self, page: Page[R]) -> None:
        self._waiting = False
        self._more = page.more and bool(page.rows)
        if page.offset != len(self._rows) or not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()


def page_loader(ops: Ops, parent: QObject, op: Callable[[Store, int], Page[R]]) -> PageLoader[R]:
    """A `load_page` that runs `op(store, offset)` as a background query of `ops`.

    A failed page is reported like any failed query and ends the paging (a reload retries).
    """

    def load(offset: int, deliver: Deliver[R]) -> None:
        def failed(exc: Exception) -> None:
            ops._report(exc)
            deliver(Page([], offset, False))

        ops.query(lambda store: op(store, offset), deliver, parent=parent, failure=failed)

    return load
