"""The whole window with every sample imported, and every text it shows (issue 17).

`full_window` builds the app the way the screenshot tool does (all sample files, the
worked example's instant); `visible_texts(widget)` walks every label, button, combo item,
tab, group title, tooltip, header and table cell a seller can read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from tests.gui.rendered import shown

ROWS = 60  # cells read per table: the first screenfuls
RAW = re.compile(
    r"\b[a-z]+_[a-z_]+\b"  # snake_case: an identifier, not a word
    r"|\bCR-[A-Z]"  # Amazon's return reason codes
    r"|\b(?:AFN|MFN)\b"  # channel codes without words
)
FILE_TEXT = "file_text"
"""Widgets marked with this property show a report's own row or a buyer's words."""


def sample_files(samples: Path) -> list[Path]:
    from tools.screenshots import sample_files as files

    return files(samples)


def fill(store: Any, samples: Path, as_of: Any) -> None:
    from storage.imports.apply import apply_import

    for f in sample_files(samples):
        outcome = apply_import(store, f, now=as_of - timedelta(days=1))
        assert outcome.ok, (f.name, outcome.error)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    if isinstance(model, QAbstractListModel):  # its columnCount is private
        return 1
    return model.columnCount(parent)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, depth: int = 0) -> Iterator[str]:
    columns = _columns(model, parent)
    for col in range(columns if depth == 0 else 0):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            yield shown(model.headerData(col, Qt.Orientation.Horizontal, role))
    for row in range(min(model.rowCount(parent), ROWS)):
        for col in range(columns):
            index = model.index(row, col, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield shown(value)
        if depth < 2:
            yield from _model_texts(model, model.index(row, 0, parent), depth + 1)


def _own_texts(w: QWidget, tables: bool) -> Iterator[str]:
    yield shown(w.toolTip())
    if isinstance(w, QLabel):
        yield shown(w.text())
    elif isinstance(w, QAbstractButton):
        yield w.text()
    elif isinstance(w, QLineEdit):
        yield w.placeholderText()
    elif isinstance(w, QTextEdit):
        yield w.toPlainText()
    elif isinstance(w, QGroupBox):
        yield w.title()
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            yield w.itemText(i)
            yield shown(w.itemData(i, Qt.ItemDataRole.ToolTipRole))
    elif isinstance(w, QTabWidget):
        for i in range(w.count()):
            yield w.tabText(i)
    if tables and isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model():
        yield from _model_texts(w.model(), QModelIndex())


def visible_texts(root: QWidget, *, tables: bool = True) -> Iterator[tuple[QWidget, str]]:
    """(widget, text) for every text under `root` (table cells when `tables`), skipping
    widgets marked as showing file or buyer text."""
    for w in [root, *root.findChildren(QWidget)]:
        if _marked(w):
            continue
        for text in _own_texts(w, tables):
            if text:
                yield w, text


def _marked(w: QWidget) -> bool:
    at: QWidget | None = w
    while at is not None:
        if at.property(FILE_TEXT):
            return True
        at = at.parentWidget()
    return False


def raw_identifiers(text: str) -> list[str]:
    """The raw identifiers in `text` (addresses, links and file names are not words)."""
    words = [t for t in text.split() if "@" not in t and "://" not in t and "." not in t[1:-1]]
    return [m.group(0) for m in RAW.finditer(" ".join(words))]
