"""Columns fit their content, long text elides with the whole text in a tooltip, and the
widths the seller set are remembered per screen (issue 17)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView, QToolTip

from gui.views.table_sizing import ElidedTipDelegate, content_width, fit_columns

LONG = "Return D30661561RMA: Defective (customer) - Digital kitchen scale, 5 kg; authorise it"


def _table(qtbot: Any) -> QTableView:
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Kind", "Subject", "Order"])
    for i in range(5):
        model.appendRow(
            [QStandardItem("Return request"), QStandardItem(LONG), QStandardItem(f"111-{i}")]
        )
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    return view


def test_columns_fit_content_and_the_long_text_column_takes_the_rest(
    qtbot: Any, clean_qsettings: None
) -> None:
    view = _table(qtbot)
    fitter = fit_columns(view, "test-fit", elastic=(1,), key=(0, 1, 2))
    fitter.fit()
    header = view.horizontalHeader()
    assert header.sectionSize(0) == content_width(view, 0)
    assert header.sectionSize(2) == content_width(view, 2)
    total = sum(header.sectionSize(c) for c in range(3))
    assert total <= view.viewport().width()  # every key column in view
    assert isinstance(view.itemDelegate(), ElidedTipDelegate)


def test_an_elided_cell_shows_its_whole_text_as_a_tooltip(
    qtbot: Any, clean_qsettings: None
) -> None:
    view = _table(qtbot)
    fit_columns(view, "test-tip", elastic=(1,), key=(0, 1, 2)).fit()
    index = view.model().index(0, 1)
    rect = view.visualRect(index)
    option = QStyleOptionViewItem()
    option.rect = rect
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(QPoint()))
    delegate = view.itemDelegate()
    assert delegate.helpEvent(event, view, option, index)
    assert "Digital kitchen scale" in QToolTip.text()


def test_widths_set_by_hand_are_remembered_per_screen(qtbot: Any, clean_qsettings: None) -> None:
    first = _table(qtbot)
    fitter = fit_columns(first, "test-remember", elastic=(1,), key=(0, 1, 2))
    fitter.fit()
    first.horizontalHeader().resizeSection(0, 77)
    fitter.by_hand = True
    fitter.save()
    second = _table(qtbot)
    again = fit_columns(second, "test-remember", elastic=(1,), key=(0, 1, 2))
    again.fit()
    assert second.horizontalHeader().sectionSize(0) == 77
    assert again.by_hand  # a wider window no longer re-spreads the seller's widths
    other = _table(qtbot)
    fit_columns(other, "another-screen", elastic=(1,), key=(0, 1, 2)).fit()
    assert other.horizontalHeader().sectionSize(0) != 77
