"""Help > Guide (F1) and CSV export of every table, as shown (issue 17)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QStandardItem, QStandardItemModel

from gui import export
from gui.guide import GLOSSARY, GuideDialog, page_html, page_names
from gui.guide.glossary import DEADLINES, METRICS
from gui.main_window import MainWindow
from gui.screens import NAMES
from gui.window_actions import export_current, show_guide


def test_every_screen_has_a_guide_page_and_the_glossary_every_metric_and_deadline() -> None:
    assert page_names() == [*NAMES, GLOSSARY]
    glossary = page_html(GLOSSARY)
    for name in ("Order Defect Rate", "Late Response Rate", "Negative Feedback Rate"):
        assert name in glossary
    kinds = {anchor for anchor, *_ in DEADLINES}
    assert {"message", "return", "claim_info", "appeal", "feedback_removal"} <= kinds
    for _anchor, _name, measures, target, action in (*METRICS, *DEADLINES):
        assert measures and target and action
    for name in page_names():  # local pages: nothing reaches the network
        assert "http" not in page_html(name) and "<img" not in page_html(name)


def test_f1_opens_the_page_of_the_screen_shown(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any
) -> None:
    window = MainWindow(store, bridge, clock)
    qtbot.addWidget(window)
    settle()
    guide = next(a for a in window.menuBar().actions()[-1].menu().actions() if a.text() == "&Guide")
    assert guide.shortcut().toString() == "F1"
    window.show_screen("defects")
    show_guide(window)
    dialog = window.guide_dialog
    assert isinstance(dialog, GuideDialog)
    qtbot.addWidget(dialog)
    assert dialog.current == "defects"
    assert "Weekly review done" in dialog.browser.toPlainText()
    dialog.browser.anchorClicked.emit(QUrl("#odr"))  # a link in a page: the glossary entry
    assert dialog.current == GLOSSARY
    dialog.browser.anchorClicked.emit(QUrl("#inbox"))
    assert dialog.current == "inbox"


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_write_csv_writes_what_the_model_shows_with_children(tmp_path: Path) -> None:
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Case", "Value"])
    parent = [QStandardItem("Claimable (1)"), QStandardItem("$12.50")]
    parent[0].appendRow([QStandardItem('Lost, "warehouse"'), QStandardItem("€3")])
    model.appendRow(parent)
    path = tmp_path / "out.csv"
    assert export.write_csv(model, path) == 2
    assert _cells(path) == [
        ["Case", "Value"],
        ["Claimable (1)", "$12.50"],
        ['Lost, "warehouse"', "€3"],
    ]


def test_file_export_writes_the_shown_screen_table(
    qtbot: Any,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "defects.csv"
    monkeypatch.setattr(export, "ask_path", lambda _parent, name: str(target))
    window = MainWindow(seller_a_store, bridge, clock)
    qtbot.addWidget(window)
    window.show_screen("defects")
    settle()
    defects = window.screens["defects"]
    export_current(window)
    rows = _cells(target)
    model = defects.table.model()
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert rows[0] == header
    assert len(rows) == 1 + model.rowCount()
    assert rows[1] == [str(model.index(0, c).data() or "") for c in range(model.columnCount())]
    assert f"Saved {target}" in window.statusBar().currentMessage()
    window.show_screen("dashboard")
    export_current(window)
    assert window.statusBar().currentMessage() == "This screen has no table to export."
