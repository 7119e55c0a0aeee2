"""The Defects screen: a status on many selected defects in one go, Undo, and the search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.models.defects_model import KIND, ORDER, STATUS
from gui.views.defects import DefectsView
from tests.gui.conftest import show_active

Settle = Callable[[], None]
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def defects(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> DefectsView:
    view = DefectsView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    result: DefectsView = show_active(qtbot, view, settle)
    return result


def column(view: DefectsView, col: int) -> list[str]:
    p = view.proxy
    return [p.data(p.index(r, col)) for r in range(p.rowCount())]


def click_row(qtbot: Any, view: DefectsView, row: int, modifier: Any = None) -> None:
    index = view.proxy.index(row, ORDER)
    view.table.scrollTo(index)
    mods = modifier if modifier is not None else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        mods,
        view.table.visualRect(index).center(),
    )


def test_a_status_on_three_selected_defects_and_undo(
    qtbot: Any, defects: DefectsView, settle: Settle
) -> None:
    view = defects
    statuses = column(view, STATUS)
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 1, CTRL)
    click_row(qtbot, view, 3, CTRL)
    assert len(view.selected_defects()) == 3
    won = next(a for a in view.status_menu.actions() if a.text() == "Won")
    won.trigger()
    settle()
    assert view.undo_bar.label.text() == "Set 3 defects to Won."
    after = column(view, STATUS)
    assert [after[i] for i in (0, 1, 3)] == ["Won"] * 3
    assert after[2] == statuses[2]
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    settle()
    assert column(view, STATUS) == statuses
    assert view.undo_bar.label.text() == "Undone: set 3 defects to Won."


def test_a_single_status_edit_can_be_undone(defects: DefectsView, settle: Settle) -> None:
    view = defects
    before = column(view, STATUS)
    view.proxy.setData(view.proxy.index(0, STATUS), "accepted", Qt.ItemDataRole.EditRole)
    settle()
    assert column(view, STATUS)[0] == "Accepted"
    assert view.undo_bar.label.text() == "Set 1 defect to Accepted."
    view.undo_bar.button.click()
    settle()
    assert column(view, STATUS) == before


def test_search_finds_order_sku_and_the_buyers_comment(
    qtbot: Any, defects: DefectsView, seller_a_store: Any, qtmodeltester: Any
) -> None:
    view = defects
    qtbot.keyClick(view.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is view.search

    def search(text: str) -> list[str]:
        view.search.clear()
        qtbot.keyClicks(view.search, text)
        qtbot.waitUntil(lambda: view.search.applied == text, timeout=2000)
        return column(view, ORDER)

    order = column(view, ORDER)[0]
    assert set(search(order)) == {order}
    assert view.summary.text().startswith(f"Showing {len(search(order))} of 27 rows")
    sku = seller_a_store.db.execute(
        "SELECT sku FROM order_items WHERE order_id = ?", [order]
    ).fetchone()[0]
    assert order in search(sku)
    found = search("arrived broken")
    assert found and all("broken" in d.lower() for d in column(view, 9))
    assert set(column(view, KIND)) <= {"Negative feedback", "Neutral feedback"}
    qtmodeltester.check(view.proxy)
    view.search.clear()
    assert view.proxy.rowCount() == 27


def test_navigating_to_a_defect_the_search_hides_clears_it(
    qtbot: Any, defects: DefectsView, bridge: Any
) -> None:
    view = defects
    first, last = column(view, ORDER)[0], column(view, ORDER)[-1]
    view.search.setText(first)
    view.search.apply()
    assert last not in column(view, ORDER)
    bridge.navigate.emit("defects", last)
    assert view.search.text() == "" and view.current_defect() is not None
    assert view.current_defect().order_id == last  # type: ignore[union-attr]
