"""Column widths from a sample text, not from the rows.

`ResizeToContents` asks the model for every row's text on each reset (thousands of
`data()` calls on the GUI thread); a long list instead gets widths from its header
and a typical value, and the seller can still drag a column wider.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

PADDING = 24  # the cell's margins and a sort arrow


def fixed_widths(table: QTableView, samples: Mapping[int, str]) -> None:
    """Each column as wide as its header or its sample text, whichever is wider."""
    model = table.model()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = table.fontMetrics()
    for col in range(model.columnCount()):
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        text = max((title, samples.get(col, "")), key=metrics.horizontalAdvance)
        header.resizeSection(col, metrics.horizontalAdvance(text) + PADDING)
