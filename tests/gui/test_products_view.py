"""The Products screen: defects and returns by SKU/ASIN over a chosen period, chart and table."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCharts import QHorizontalBarSeries
from PySide6.QtCore import QDate, Qt

from gui.models.products_model import DEFECTIVE, KEY, ORDERS, RATE, REASONS
from gui.operations import wait_idle
from gui.views.products import EMPTY_CHART_TEXT, ProductsView
from tests.gui.rendered import shown as rendered


def make_view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> ProductsView:
    view = ProductsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    assert wait_idle()
    return view


@pytest.fixture
def view(qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any) -> ProductsView:
    return make_view(qtbot, seller_a_store, bridge, clock)


def shown(view: ProductsView, col: int) -> list[str]:
    p = view.proxy
    return [p.data(p.index(r, col)) for r in range(p.rowCount())]


def test_default_period_is_the_last_90_days(view: ProductsView, qtmodeltester: Any) -> None:
    assert view.from_edit.date() == QDate(2026, 8, 23)
    assert view.to_edit.date() == QDate(2026, 11, 20)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 5
    assert shown(view, KEY)[0] == "KT-KNIFE"
    assert shown(view, RATE)[0] == "1.14 %"
    rates = [p.defect_rate or 0.0 for p in view.model.rows]
    assert rates == sorted(rates, reverse=True)
    assert "5 products (SKU)" in view.summary.text()
    assert "KT-KNIFE has the highest defect rate: 1.14 % (4 of 352 orders)" in view.summary.text()
    assert view.model.headerData(KEY, Qt.Orientation.Horizontal) == "SKU"
    assert "Defective (customer): 7" in shown(view, REASONS)[0]


def test_the_chart_shows_the_worst_products(view: ProductsView) -> None:
    assert not view.chart.is_empty
    assert view.chart.categories[0] == "KT-KNIFE"
    series = view.chart.chart.series()
    assert len(series) == 1 and isinstance(series[0], QHorizontalBarSeries)
    sets = series[0].barSets()
    assert [s.label() for s in sets] == ["Defect rate (%)", "Returns per 100 orders"]
    # horizontal bars are drawn bottom-up, so the worst product is the last value
    assert sets[0].at(sets[0].count() - 1) == pytest.approx(view.model.rows[0].defect_rate)


def test_group_by_asin(qtbot: Any, view: ProductsView) -> None:
    view.group_combo.setCurrentIndex(view.group_combo.findData("asin"))
    qtbot.waitUntil(lambda: view.model.group_by == "asin")
    assert view.model.headerData(KEY, Qt.Orientation.Horizontal) == "ASIN"
    assert all(key.startswith("B0") for key in shown(view, KEY))
    tip = rendered(view.model.data(view.model.index(0, KEY), Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("SKU: KT-")


def test_a_shorter_period_changes_the_numbers(qtbot: Any, view: ProductsView) -> None:
    before = sum(p.orders for p in view.model.rows)
    view.from_edit.setDate(QDate(2026, 11, 1))
    qtbot.waitUntil(lambda: sum(p.orders for p in view.model.rows) < before)
    assert "from Nov 1, 2026 to Nov 20, 2026" in view.summary.text()


def test_first_date_after_last_is_explained(qtbot: Any, view: ProductsView) -> None:
    view.from_edit.setDate(QDate(2026, 12, 1))
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.summary.text().startswith("The first date (Dec 1, 2026) is after the last")
    assert view.chart.is_empty


def test_sorting_by_a_column_sorts_numbers(view: ProductsView) -> None:
    view.table.sortByColumn(ORDERS, Qt.SortOrder.AscendingOrder)
    orders = [int(x.replace(",", "")) for x in shown(view, ORDERS)]
    assert orders == sorted(orders)
    view.table.sortByColumn(DEFECTIVE, Qt.SortOrder.DescendingOrder)
    defective = [int(x) for x in shown(view, DEFECTIVE)]
    assert defective == sorted(defective, reverse=True)


def test_last_90_days_button_restores_the_period(qtbot: Any, view: ProductsView) -> None:
    view.from_edit.setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(view.last_button, Qt.MouseButton.LeftButton)
    assert view.from_edit.date() == QDate(2026, 8, 23)
    assert wait_idle()
    assert "from Aug 23, 2026 to Nov 20, 2026" in view.summary.text()


@pytest.fixture
def empty_view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> ProductsView:
    return make_view(qtbot, store, bridge, clock)


def test_empty_database(empty_view: ProductsView, qtmodeltester: Any) -> None:
    view = empty_view
    qtmodeltester.check(view.model)
    assert view.chart.is_empty and view.chart.empty_label.text() == EMPTY_CHART_TEXT
    assert view.summary.text().startswith("No orders placed from Aug 23, 2026 to Nov 20, 2026")
