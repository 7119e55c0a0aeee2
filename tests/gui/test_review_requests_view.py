"""The Review requests screen: today's orders (copy, open, mark one, a selection, all shown,
undo), the held-back orders, the log and its CSV export, the numbers and chart, the request
text checked live, and the planner's settings on the Settings screen."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from core.review_requests import ReviewRequestSettings
from gui.models.review_requests_model import DAYS_LEFT, DELIVERED, ORDER, PAGE
from gui.operations import wait_idle
from gui.plain import plain_tip
from gui.views.review_requests import ReviewRequestsView
from services.review_requests import mark_requested
from storage.repository.review_requests import request_log
from storage.repository.settings import load_review_request_settings
from tests.review_request_fixtures import ELIGIBLE, EXCLUDED, NOW, REQUESTED, import_set

UK = "202-1000003-0000003"


@pytest.fixture
def rr_store(store: Any) -> Any:
    import_set(store)
    mark_requested(store, [REQUESTED], NOW - timedelta(days=8))
    return store


def make_view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> ReviewRequestsView:
    view = ReviewRequestsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    assert wait_idle()
    return view


@pytest.fixture
def view(qtbot: Any, rr_store: Any, bridge: Any, clock: Any) -> ReviewRequestsView:
    return make_view(qtbot, rr_store, bridge, clock)


def shown_ids(view: ReviewRequestsView) -> list[str]:
    return [e.order_id for e in view.model.shown()]


def click_cell(
    qtbot: Any, view: ReviewRequestsView, row: int, col: int, double: bool = False
) -> None:
    table = view.table
    rect = table.visualRect(view.model.index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # Qt takes a double click only on the item the first click pressed
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def select_rows(view: ReviewRequestsView, rows: list[int]) -> None:
    sel = view.table.selectionModel()
    sel.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in rows:
        sel.select(view.model.index(r, 0), flags)


def test_today_lists_the_eligible_orders(view: ReviewRequestsView, qtmodeltester: Any) -> None:
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.excluded_model)
    qtmodeltester.check(view.log_model)
    assert shown_ids(view) == ELIGIBLE
    m = view.model
    assert m.data(m.index(0, DELIVERED)) == "Oct 23, 2026 (est.)"
    assert m.data(m.index(0, DAYS_LEFT)) == "2"
    uk = ELIGIBLE.index(UK)
    assert m.data(m.index(uk, PAGE)) == f"sellercentral.amazon.co.uk/orders-v3/order/{UK}"
    tip = m.data(m.index(uk, PAGE), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"https://sellercentral.amazon.co.uk/orders-v3/order/{UK}\n")
    assert view.summary.text().startswith("Nov 20, 2026 (UTC): 5 orders to ask for a review.")
    assert "Nothing is sent from this app" in view.summary.text()
    assert [x.order_id for x in view.excluded_model.rows] == sorted(EXCLUDED)
    em = view.excluded_model
    assert em.data(em.index(0, 2), Qt.ItemDataRole.ToolTipRole) == plain_tip(
        f"https://sellercentral.amazon.com/orders-v3/order/{sorted(EXCLUDED)[0]}"
    )
    assert view.tabs.tabText(0) == "Not now (4)" and view.tabs.tabText(1) == "Log (1)"
    assert [r.order_id for r in view.log_model.rows] == [REQUESTED]


def test_the_rows_are_keyed_for_the_search_off_the_gui_thread(
    view: ReviewRequestsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """60,000 eligible orders (a year of 1M orders) take ~30 ms to key: the load does it."""

    def keyed_here(_row: object) -> str:
        raise AssertionError("keyed on the GUI thread")

    monkeypatch.setattr(view.model, "search_text", keyed_here)
    monkeypatch.setattr(view.model._search, "_key", keyed_here)
    view.refresh()
    assert wait_idle()
    assert shown_ids(view) == ELIGIBLE
    view.model.set_search(UK[:6])
    assert shown_ids(view) == [UK]


def test_one_click_copies_the_order_id(qtbot: Any, view: ReviewRequestsView) -> None:
    QGuiApplication.clipboard().clear()
    click_cell(qtbot, view, 1, ORDER)
    assert QGuiApplication.clipboard().text() == ELIGIBLE[1]
    assert view.message.text() == f"Copied {ELIGIBLE[1]}."


def test_the_order_page_opens_from_a_double_click_or_the_button(
    qtbot: Any, view: ReviewRequestsView
) -> None:
    opened: list[str] = []
    view.open_url = opened.append
    uk = ELIGIBLE.index(UK)
    click_cell(qtbot, view, uk, PAGE, double=True)
    select_rows(view, [0])
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert opened == [
        f"https://sellercentral.amazon.co.uk/orders-v3/order/{UK}",
        f"https://sellercentral.amazon.com/orders-v3/order/{ELIGIBLE[0]}",
    ]


def test_mark_one_then_undo(qtbot: Any, view: ReviewRequestsView, rr_store: Any) -> None:
    select_rows(view, [0])
    qtbot.mouseClick(view.mark_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert shown_ids(view) == ELIGIBLE[1:]
    assert view.message.text() == "Marked 1 order as requested at Nov 20, 2026 15:00 UTC."
    assert ELIGIBLE[0] in [r.order_id for r in request_log(rr_store.db)]
    assert view.tabs.tabText(1) == "Log (2)"
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert shown_ids(view) == ELIGIBLE
    assert not view.undo_button.isEnabled()


def test_mark_a_selection(qtbot: Any, view: ReviewRequestsView, rr_store: Any) -> None:
    select_rows(view, [1, 3])
    qtbot.mouseClick(view.mark_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert shown_ids(view) == [ELIGIBLE[0], ELIGIBLE[2], ELIGIBLE[4]]
    logged = {r.order_id: r.requested_at for r in request_log(rr_store.db)}
    assert logged[ELIGIBLE[1]] == logged[ELIGIBLE[3]] == view._clock()


def test_mark_without_a_selection_says_what_to_do(qtbot: Any, view: ReviewRequestsView) -> None:
    view.table.selectionModel().clearSelection()
    qtbot.mouseClick(view.mark_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert view.message.text() == "Select the orders you requested in Seller Central first."
    assert shown_ids(view) == ELIGIBLE


def test_mark_all_shown_respects_the_marketplace_filter(
    qtbot: Any, view: ReviewRequestsView, rr_store: Any
) -> None:
    combo = view.market_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All marketplaces",
        "Amazon.co.uk",
        "Amazon.com",
    ]
    combo.setCurrentIndex(combo.findData("Amazon.com"))
    assert UK not in shown_ids(view)
    assert view.summary.text().startswith("Nov 20, 2026 (UTC): 4 orders to ask for a review.")
    qtbot.mouseClick(view.mark_all_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert {r.order_id for r in request_log(rr_store.db)} == {REQUESTED, *ELIGIBLE} - {UK}
    # nothing is left on Amazon.com: the list shows every marketplace again
    assert combo.currentData() == "" and shown_ids(view) == [UK]
    combo.setCurrentIndex(combo.findData("Amazon.co.uk"))
    qtbot.mouseClick(view.mark_all_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert shown_ids(view) == [] and not view.mark_all_button.isEnabled()


def test_a_mark_refused_meanwhile_is_explained_and_the_list_reloads(
    qtbot: Any, view: ReviewRequestsView, rr_store: Any
) -> None:
    mark_requested(rr_store, [ELIGIBLE[0]], view._clock() - timedelta(hours=1))  # the CLI, say
    select_rows(view, [0])
    qtbot.mouseClick(view.mark_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert "already requested" in view.message.text()
    assert "Nothing was marked." in view.message.text()
    assert shown_ids(view) == ELIGIBLE[1:]


def test_export_writes_the_log(qtbot: Any, view: ReviewRequestsView, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    view.ask_path = lambda: str(out)
    view.tabs.setCurrentIndex(1)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows == [
        ["order_id", "requested_at", "marketplace"],
        [REQUESTED, "2026-11-12T15:00:00+00:00", "Amazon.com"],
    ]
    assert view.message.text() == f"Wrote 1 request to {out}."
    view.ask_path = lambda: ""  # cancelled: nothing happens
    view.export_log()
    assert wait_idle()


def test_numbers_and_chart(view: ReviewRequestsView) -> None:
    text = view.numbers_label.text()
    assert "<b>Request rate</b>, last 30 days: 1 of " in text
    assert "<b>After a request</b> (windows opened since Aug 29, 2026): 0 of 1 order" in text
    assert not view.chart.is_empty
    assert view.chart.series_names() == [
        "Weekly request rate",
        "Feedback without a request",
        "Feedback after a request",
    ]


def test_request_text_is_checked_and_kept(
    qtbot: Any, view: ReviewRequestsView, rr_store: Any, clock: Any, bridge: Any
) -> None:
    from services.review_requests import review_requests_page

    pane = view.text_pane
    view.tabs.setCurrentIndex(2)
    pane.editor.setPlainText("If you are happy with the knife, please leave us 5 stars!")
    assert pane.check_now() >= 2
    codes = {f.code for f in pane.findings_model.items()}
    assert {"conditional_review_request", "positive_feedback_request"} <= codes
    assert pane.status.text().startswith("\u26a0")
    pane.editor.setPlainText("Could you take a moment to review your purchase on Amazon?")
    QTest.qWait(400)  # the debounced check runs by itself
    assert pane.findings_model.rowCount() == 0
    assert pane.status.text().startswith("\u2714")
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert review_requests_page(rr_store, clock()).request_text.startswith("Could you take")
    assert not pane.save_button.isEnabled()
    again = make_view(qtbot, rr_store, bridge, clock)
    assert again.text_pane.editor.toPlainText().startswith("Could you take")


def test_empty_database(qtbot: Any, store: Any, bridge: Any, clock: Any) -> None:
    view = make_view(qtbot, store, bridge, clock)
    assert view.model.rowCount() == 0
    assert view.summary.text().startswith(
        "Nov 20, 2026 (UTC): no order is in its review window today."
    )
    assert view.chart.is_empty
    assert not view.export_button.isEnabled() and not view.mark_all_button.isEnabled()


def test_loading_never_touches_the_database_on_the_gui_thread(
    qtbot: Any, rr_store: Any, bridge: Any, clock: Any, gui_thread_db: list[str]
) -> None:
    view = make_view(qtbot, rr_store, bridge, clock)
    select_rows(view, [0])
    view.mark_selected()
    assert wait_idle()
    assert gui_thread_db == []


def test_settings_screen_edits_the_planner_numbers(
    qtbot: Any, store: Any, bridge: Any, clock: Any
) -> None:
    from gui.views.settings import SettingsView

    settings = SettingsView(store, bridge, clock)
    qtbot.addWidget(settings)
    settings.show()
    assert wait_idle()
    box = settings.review_requests
    assert box.skip_business.isChecked() and box.opens.value() == 5 and box.closes.value() == 30
    assert box.daily_reminder.isChecked()
    assert [spin.value() for spin, _ in box.transit] + [box.other.value()] == [1, 2, 3, 5, 7]
    assert not settings.dirty
    box.skip_business.setChecked(False)
    box.transit[3][0].setValue(4)  # standard
    box.rate_days.setValue(14)
    assert settings.dirty
    assert settings.save()
    assert wait_idle()
    got = load_review_request_settings(store.db)
    assert got.skip_business_orders is False and got.rate_days == 14
    assert dict(got.transit_days)["standard"] == 4
    assert got == ReviewRequestSettings(
        skip_business_orders=False,
        transit_days=tuple((n, 4 if n == "standard" else d) for n, d in got.transit_days),
        rate_days=14,
    )
    box.opens.setValue(10)
    box.closes.setValue(10)
    assert not settings.save()
    assert settings.message.text() == "The review-request window must open before it closes."
