"""The Defects screen's filters: kind, channel, "counts toward ODR", "new since review".

Sorting is the source model's (DefectsModel.sort orders its list in one pass); this
proxy only filters, with a check per row on plain dataclass fields and, for the search
box, a substring test on the row's prepared key.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from core.defects import DefectRow
from core.search import matches, search_terms
from gui.models.defects_model import DefectsModel, SortRole


class DefectsFilter(QSortFilterProxyModel):
    """Kind, channel, "counts toward ODR" and "new since the last weekly review"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._kind: str | None = None
        self._channel: str | None = None
        self._counts: bool | None = None
        self._new_since: datetime | None = None
        self._only_new = False
        self._terms: tuple[str, ...] = ()
        self._active = False  # any filter set: else every row shows, with no per-row work

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source sort its rows (no `data()` call per comparison)."""
        model = self.sourceModel()
        if isinstance(model, DefectsModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_filters(self, kind: str | None, channel: str | None, counts: bool | None) -> None:
        """Set the three combo-box filters at once (one pass over the rows, none if same)."""
        self._change(kind or None, channel or None, counts, self._new_since, self._only_new)

    def set_kind(self, kind: str | None) -> None:
        self.set_filters(kind, self._channel, self._counts)

    def set_channel(self, channel: str | None) -> None:
        self.set_filters(self._kind, channel, self._counts)

    def set_counts(self, counts: bool | None) -> None:
        self.set_filters(self._kind, self._channel, counts)

    def set_new_since(self, since: datetime | None, enabled: bool) -> None:
        """Only defects first seen (or dated) after `since`; None = never reviewed: all new."""
        self._change(self._kind, self._channel, self._counts, since, enabled)

    def set_search(self, text: str) -> None:
        """Only defects whose order, SKU, comment or kind hold every word of `text`."""
        terms = search_terms(text)
        if terms != self._terms:
            self.beginFilterChange()
            self._terms = terms
            self._active = self._is_active()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def searching(self) -> bool:
        return bool(self._terms)

    def _is_active(self) -> bool:
        kinds = (self._kind, self._channel, self._counts) != (None, None, None)
        return kinds or self._only_new or bool(self._terms)

    def _change(
        self,
        kind: str | None,
        channel: str | None,
        counts: bool | None,
        since: datetime | None,
        only_new: bool,
    ) -> None:
        """Filter again only when a filter changed: each pass calls Python once per row."""
        same = (kind, channel, counts, only_new) == (
            self._kind,
            self._channel,
            self._counts,
            self._only_new,
        )
        if same and (since == self._new_since or not only_new):  # `since` unused while off
            self._new_since = since
            return
        self.beginFilterChange()
        self._kind, self._channel, self._counts = kind, channel, counts
        self._new_since, self._only_new = since, only_new
        self._active = self._is_active()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_new(self, row: DefectRow) -> bool:
        since = self._new_since
        if since is None:
            return True
        seen = row.seen_at or row.at
        return seen > since or row.at > since

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._active:
            return True
        model = self.sourceModel()
        if not isinstance(model, DefectsModel) or source_row >= model.rowCount():
            return True
        row = model.row_at(source_row)
        if self._kind is not None and row.kind != self._kind:
            return False
        if self._channel is not None and row.channel != self._channel:
            return False
        if self._counts is not None and row.counts != self._counts:
            return False
        if self._terms and not matches(model.search_key(row), self._terms):
            return False
        return not (self._only_new and not self.is_new(row))
