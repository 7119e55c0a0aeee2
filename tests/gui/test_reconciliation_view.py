"""The "Amazon vs ours" screen: Amazon's report beside ours, explanations, the typed AHR."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from gui.models.text_table import DIFF_COLOR
from gui.operations import wait_idle
from gui.views.reconciliation import NO_REPORT_TEXT, ReconciliationView
from services.changes import Changes
from tests.gui.conftest import AS_OF, import_files
from tests.gui.rendered import shown


def make_view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> ReconciliationView:
    view = ReconciliationView(store, bridge, clock)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    assert wait_idle()
    return view


@pytest.fixture
def view(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, performance_file: Path
) -> ReconciliationView:
    import_files(seller_a_store, [performance_file], AS_OF)
    return make_view(qtbot, seller_a_store, bridge, clock)


def cell(model: Any, row: int, col: int, role: Any = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, col), role)


@pytest.fixture
def empty_view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> ReconciliationView:
    return make_view(qtbot, store, bridge, clock)


def test_without_a_report_it_says_what_to_import(
    empty_view: ReconciliationView, qtmodeltester: Any
) -> None:
    view = empty_view
    assert view.hint.isVisible() and view.hint.text() == NO_REPORT_TEXT
    assert not view.report_box.isVisible()
    assert view.band_label.text().startswith("No Account Health Rating entered yet")
    for model in (view.odr_model, view.shipping_model, view.history_model):
        qtmodeltester.check(model)


def test_odr_side_by_side_for_amazons_window(view: ReconciliationView, qtmodeltester: Any) -> None:
    assert not view.hint.isVisible()
    assert "Amazon.com: Amazon's seller performance report of Nov 20, 2026" in (
        view.report_label.text()
    )
    assert "Aug 24, 2026 to Nov 5, 2026" in view.odr_title.text()
    m = view.odr_model
    qtmodeltester.check(m)
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "",
        "FBA: Amazon",
        "FBA: here",
        "FBM: Amazon",
        "FBM: here",
    ]
    assert [cell(m, 0, c) for c in range(5)] == ["Orders", "512", "613", "301", "406"]
    assert [cell(m, 1, c) for c in range(5)] == ["Defective orders", "2", "6", "3", "2"]
    assert [cell(m, 5, c) for c in range(5)] == ["ODR", "0.39 %", "0.98 %", "1.00 %", "0.49 %"]
    assert cell(m, 6, 3) == "\u2715 Breach"  # Amazon's BAD, a word and not only a colour
    assert cell(m, 0, 4, Qt.ItemDataRole.ForegroundRole) == DIFF_COLOR  # 406 vs 301
    assert cell(m, 0, 3, Qt.ItemDataRole.ForegroundRole) is None


def test_each_difference_is_explained_in_words(view: ReconciliationView) -> None:
    text = view.explanations.text()
    assert "FBM: Amazon 1.00 % (3 of 301 orders), here 0.49 % (2 of 406 orders)." in text
    assert (
        "1 defective FBM order here that Amazon has not counted yet: 113-3704448-8735614 "
        "(A-to-z claim filed Nov 17, after Amazon&#x27;s window ended on Nov 5)."
    ) in text
    assert "which is why Amazon marks it BAD although 3 of 301 is under it" in text
    assert view.explanations.isVisible()


def test_shipping_metrics_against_their_targets(
    view: ReconciliationView, qtmodeltester: Any
) -> None:
    m = view.shipping_model
    qtmodeltester.check(m)
    assert m.rowCount() == 4
    assert [cell(m, 0, c) for c in range(3)] == ["Late Shipment Rate", "1.20 %", "under 4 %"]
    assert cell(m, 2, 2) == "over 95 %"
    assert cell(m, 0, 3) == "\u2713 OK"
    assert cell(m, 0, 6) == "7 more late shipments keep it under 4 %."
    assert shown(cell(m, 0, 6, Qt.ItemDataRole.ToolTipRole)) == (
        "1.20 % (4 of 298 orders) is under the 4 % target: 7 more late shipments keep it there."
    )
    assert "Product condition customer complaints: 1" in view.policy_label.text()
    assert "Account Health Great" in view.ahr_report_label.text()


def test_typing_an_out_of_range_ahr_is_refused_with_a_sentence(
    qtbot: Any, view: ReconciliationView
) -> None:
    qtbot.keyClicks(view.ahr_input, "1200")
    qtbot.mouseClick(view.ahr_add, Qt.MouseButton.LeftButton)
    assert view.ahr_error.isVisible()
    assert view.ahr_error.text() == (
        "1200 is not an Account Health Rating: it is always from 0 to 1000."
    )
    assert view.history_model.rowCount() == 0
    view.ahr_input.clear()
    qtbot.keyClicks(view.ahr_input, "high")
    qtbot.keyClick(view.ahr_input, Qt.Key.Key_Return)
    assert view.ahr_error.text().startswith("'high' is not a whole number")


def test_ahr_entry_history_band_and_assurance(
    qtbot: Any, view: ReconciliationView, bridge: Any, qtmodeltester: Any, settle: Any
) -> None:
    past = AS_OF.date() - timedelta(days=200)
    view.ahr_date.setDate(QDate(past.year, past.month, past.day))
    qtbot.keyClicks(view.ahr_input, "320")
    with qtbot.waitSignal(bridge.changed):
        qtbot.mouseClick(view.ahr_add, Qt.MouseButton.LeftButton)
    settle()
    assert not view.ahr_error.isVisible()
    assert view.ahr_input.text() == ""
    qtbot.keyClicks(view.ahr_input, "180")
    qtbot.keyClick(view.ahr_input, Qt.Key.Key_Return)
    settle()
    m = view.history_model
    qtmodeltester.check(m)
    assert m.rowCount() == 2
    assert [cell(m, 0, c) for c in range(4)] == ["Nov 20, 2026", "180", "At risk", "typed in"]
    assert cell(m, 1, 1) == "320"
    assert view.band_label.text().startswith("AHR 180: at risk (100-199)")
    assert view.assurance_label.text() == (
        "Eligible for Account Health Assurance: AHR stayed at 250 or more since May 20 2026 "
        "except on 1 day (at most 10 allowed)."
    )

    view.history_table.selectRow(0)
    assert view.delete_selected() is True
    settle()
    assert m.rowCount() == 1
    assert view.band_label.text() == "AHR 320: healthy (200 or more)."


def test_refreshes_when_a_report_is_imported(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, performance_file: Path
) -> None:
    view = make_view(qtbot, seller_a_store, bridge, clock)
    assert view.hint.isVisible()
    import_files(seller_a_store, [performance_file], AS_OF)
    bridge.changed.emit(Changes(performance=True, imports=True))  # what an import broadcasts
    qtbot.waitUntil(lambda: not view.hint.isVisible())
    assert view.odr_model.rowCount() == 7


def test_dashboard_panel_uses_the_same_explanations(
    qtbot: Any, seller_a_store: Any, performance_file: Path
) -> None:
    from gui.widgets.performance_panel import PerformancePanel, comparison_html
    from services.dashboard import dashboard_page
    from storage.repository.reconciliation_inputs import reconcile_latest

    import_files(seller_a_store, [performance_file], AS_OF)
    panel = PerformancePanel()
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.comparison.isVisible()
    panel.show_reconciliations(reconcile_latest(seller_a_store.db, AS_OF))
    text = panel.comparison.text()
    assert text == comparison_html(dashboard_page(seller_a_store, AS_OF).amazon)  # as shown
    assert text.startswith("<b>Amazon's ODR vs here, orders of Aug 24, 2026 to Nov 5, 2026</b><br>")
    assert "FBA: Amazon 0.39 % (2 of 512 orders), here 0.98 % (6 of 613 orders)." in text
    assert "Amazon has not counted yet" in text
    assert panel.comparison.isVisible()


def test_the_new_figures_of_a_us_report_are_shown(
    qtbot: Any, store: Any, bridge: Any, clock: Any, tmp_path: Path
) -> None:
    """Unit On-Time Delivery (US) as a shipping row; warning states and policy warnings."""
    import json

    from tests.test_performance_variants import VARIANTS

    path = tmp_path / "perf.json"
    path.write_text(json.dumps(VARIANTS), encoding="utf-8")
    import_files(store, [path], AS_OF)
    view = make_view(qtbot, store, bridge, clock)
    m = view.shipping_model
    titles = [cell(m, r, 0) for r in range(m.rowCount())]
    assert "Unit On-Time Delivery Rate (US, 14 days)" in titles
    row = titles.index("Unit On-Time Delivery Rate (US, 14 days)")
    assert [cell(m, row, c) for c in (1, 2, 4)] == ["90.00 %", "over 95 %", "\u2715 Breach"]
    assert (
        "Warnings: Policy violation warnings: 2; Warning: listing policy (bad); "
        "Warning: shipping (good)."
    ) in view.policy_label.text()
