"""Every table exports to CSV exactly as shown: File > Export and a button on each screen.

One helper for any QAbstractItemModel: the header and each row's displayed text, in the
view's order (sorted, filtered), child rows of a tree under their parent; a lazily paged
model is read to its end first. UTF-8 with a byte-order mark, so spreadsheet programs
read accents and symbols right.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QPushButton, QWidget

from gui.plain import warning


def model_rows(model: QAbstractItemModel) -> Iterator[list[str]]:
    """The header, then every row's displayed cells (children after their parent)."""
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    columns = model.columnCount()
    yield [_text(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(columns)]
    yield from _rows(model, QModelIndex(), columns)


def _rows(model: QAbstractItemModel, parent: QModelIndex, columns: int) -> Iterator[list[str]]:
    for row in range(model.rowCount(parent)):
        yield [_text(model.index(row, c, parent).data()) for c in range(columns)]
        child = model.index(row, 0, parent)
        if model.hasChildren(child):
            yield from _rows(model, child, columns)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def write_csv(model: QAbstractItemModel, path: Path) -> int:
    """Write the model as shown; the number of rows written (header not counted)."""
    rows = list(model_rows(model))
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    return len(rows) - 1


def ask_path(parent: QWidget, name: str) -> str:
    """Where to save (tests replace this function)."""
    suggested = f"{name}-{date.today():%Y-%m-%d}.csv"
    path, _ = QFileDialog.getSaveFileName(parent, "Export as CSV", suggested, "CSV (*.csv)")
    return path


def export_view(parent: QWidget, view: QAbstractItemView, name: str) -> Path | None:
    """Ask where, then write `view`'s table; a failure is a sentence, not a traceback."""
    chosen = ask_path(parent, name)
    if not chosen:
        return None
    path = Path(chosen)
    try:
        write_csv(view.model(), path)
    except OSError as exc:
        warning(parent, "Export", f"Could not write {path}: {exc.strerror or exc}.")
        return None
    return path


def main_view(screen: QWidget) -> QAbstractItemView | None:
    """The table a screen is about (its `table` or `tree`), for File > Export."""
    view = getattr(screen, "table", None) or getattr(screen, "tree", None)
    return view if isinstance(view, QAbstractItemView) else None


def export_button(
    parent: QWidget, view: QAbstractItemView, name: str, done: Callable[[Path], None] | None = None
) -> QPushButton:
    """An 'Export CSV...' button for `view`; `done(path)` after a file was written."""
    button = QPushButton("E&xport CSV\u2026", parent)
    button.setToolTip("Save this table as shown (sorted and filtered) as a CSV file.")

    def clicked() -> None:
        path = export_view(parent, view, name)
        if path is not None and done is not None:
            done(path)

    button.clicked.connect(clicked)
    return button
