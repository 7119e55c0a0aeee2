"""A read-only list table: rows selected whole, no editing, the last column stretched."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView


def read_only_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A table over `model` named `name` for screen readers; short cells, no wrapping (the
    long sentences are tooltips and labels)."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view
