"""The Dashboard with the seller-a samples at 2026-11-20T15:00Z shows expected.json's numbers.

Its numbers come from the health feed (as in the app, where the window owns one); the
rest of the page loads in the background, so tests settle before they look.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.metrics.result import RateResult
from gui.health_feed import HealthFeed
from gui.views.dashboard import DashboardView
from gui.widgets.metric_text import headroom_sentence
from gui.widgets.performance_panel import NO_PERFORMANCE_TEXT
from gui.widgets.trend_chart import EMPTY_TEXT
from services.changes import Changes
from tests.gui.conftest import AS_OF, import_files

Settle = Callable[[], None]
Held = Callable[[DashboardView], DashboardView]


def fed_dashboard(held: Held, store: Any, bridge: Any, clock: Any, settle: Settle) -> DashboardView:
    """A shown dashboard with a health feed, after its first numbers and page arrived."""
    view = held(DashboardView(store, bridge, clock))
    feed = HealthFeed(store, bridge, clock, view)
    view.resize(1200, 900)
    view.show()
    feed.request()
    settle()
    return view


@pytest.fixture
def dashboard(
    held: Held, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> DashboardView:
    return fed_dashboard(held, seller_a_store, bridge, clock, settle)


def test_cards_show_the_worked_example(dashboard: DashboardView) -> None:
    cards = dashboard.cards
    odr = cards["order_defect_rate"]
    assert odr.value_label.text() == "0.63 %"
    assert odr.pill.status == "warning" and "Warning" in odr.pill.text()
    assert dashboard.channel_panels["afn"].value_label.text() == "0.82 %"
    assert dashboard.channel_panels["mfn"].value_label.text() == "0.33 %"
    assert cards["late_response_rate"].value_label.text() == "16.67 %"
    assert cards["late_response_rate"].pill.status == "breach"
    assert "Breach" in cards["late_response_rate"].pill.text()  # a word, not only red
    assert cards["negative_feedback_rate"].value_label.text() == "4.40 %"
    assert cards["negative_feedback_rate"].pill.status == "ok"
    assert cards["return_dissatisfaction_rate"].value_label.text() == "7.69 %"
    assert cards["return_dissatisfaction_rate"].pill.status == "warning"
    assert odr.count_label.text() == "5 of 796 orders"
    assert (
        cards["late_response_rate"].count_label.text()
        == "8 of 48 buyer messages in the 30 days to Nov 19, 2026"
    )


def test_headroom_sentences(dashboard: DashboardView) -> None:
    afn = dashboard.channel_panels["afn"].headroom_label.text()
    mfn = dashboard.channel_panels["mfn"].headroom_label.text()
    assert afn == "The next defective order breaches FBA ODR."
    # expected.json: FBM headroom 2 (1 of 307): 3 of 307 is still under 1 %, the 4th breaches.
    assert mfn == "2 more defective orders keep FBM ODR under 1 %; the 3rd breaches it."
    assert dashboard.cards["order_defect_rate"].headroom_label.text() == afn
    assert (
        dashboard.cards["return_dissatisfaction_rate"].headroom_label.text()
        == "The next negative return breaches RDR."
    )
    assert (
        dashboard.cards["late_response_rate"].headroom_label.text()
        == "LRR is at or over 10 %: answer the overdue buyer messages in the Inbox."
    )


def test_ages_out_forecast_and_components(dashboard: DashboardView) -> None:
    assert dashboard.ages_out_label.text().startswith(
        "Next defect ages out on Nov 21, 2026 (order 112-7386823-8993316)"
    )
    assert "lowest 0.25 % on Dec 4" in dashboard.forecast_label.text()
    assert "reaches" not in dashboard.forecast_label.text()  # never crosses 1 %
    assert "A-to-z claims 3" in dashboard.components_label.text()
    assert "late decisions 1" in dashboard.rdr_components.text()
    assert "incorrectly rejected 1" in dashboard.rdr_components.text()


def test_trend_charts_draw_the_daily_history_of_the_imported_data(
    held: Held, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> None:
    """Charts from day one: after the first import, four months of trend at once."""
    from services.health import health_at
    from services.history import stored_history, update_history

    view = held(DashboardView(seller_a_store, bridge, clock))
    view.resize(1280, 900)
    view.show()
    settle()
    chart = view.trends["order_defect_rate"]
    assert chart.is_empty and EMPTY_TEXT in chart.empty_label.text()

    run = update_history(seller_a_store, clock())  # the job after an import does this
    assert run.first is not None and run.last == AS_OF.date() - timedelta(days=1)
    assert run.days >= 110  # the samples start in late July
    bridge.metrics_changed.emit(health_at(seller_a_store.db, AS_OF))
    settle()
    assert not chart.is_empty
    stored = stored_history(seller_a_store, "order_defect_rate")
    assert len(stored) == run.days  # one point a finished day
    valued = [v for _, v, _ in stored if v is not None]  # no orders in the window yet: no value
    assert chart.point_count == len(valued) + 1  # then today's live value
    names = [s.name() for s in chart.chart.series()]
    assert names == ["value", "target"]  # the target is drawn as a line
    for key, trend in view.trends.items():
        assert not trend.is_empty, key


def test_trend_axes_never_elide_and_ticks_fall_on_whole_days(
    held: Held, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> None:
    """The NFR axis showed '...' at 1280 and 1440 px: labels are never truncated."""
    from PySide6.QtCharts import QDateTimeAxis

    from services.health import health_at
    from services.history import update_history

    update_history(seller_a_store, clock())
    view = held(DashboardView(seller_a_store, bridge, clock))
    for width in (1280, 1440, 1920):
        view.resize(width - 160, 900)  # the window minus the navigation list
        view.show()
        bridge.metrics_changed.emit(health_at(seller_a_store.db, AS_OF))
        settle()
        for key, chart in [*view.trends.items(), ("forecast", view.odr_card.forecast_chart)]:
            assert not chart.is_empty, key
            axes = chart.chart.axes()
            assert axes and all(not a.truncateLabels() for a in axes), key
            x_axis = next(a for a in axes if isinstance(a, QDateTimeAxis))
            count = x_axis.tickCount()
            assert count >= 2
            span = x_axis.max().toMSecsSinceEpoch() - x_axis.min().toMSecsSinceEpoch()
            step = span / (count - 1) / 86_400_000
            assert step == int(step), (key, width, step)  # whole days between ticks
            assert (chart.width() - 70) // max(1, count) >= 60, (key, width)  # room per label


def test_freshness_is_the_newest_record_of_each_kind_not_the_import_time(
    held: Held, store: Any, bridge: Any, clock: Any, samples: Path, settle: Settle
) -> None:
    """'Orders: today' when the newest order is 16 days old was wrong (issue 16)."""
    import_files(store, [samples / "seller-a" / "claims.csv"], AS_OF - timedelta(days=9))
    import_files(store, [samples / "seller-a" / "orders-2.txt"], AS_OF - timedelta(hours=2))
    clock.set(AS_OF + timedelta(days=16))  # the files end on Nov 20; read them 16 days later
    view = held(DashboardView(store, bridge, clock))
    settle()
    parts = {label: (age, stale) for label, age, stale in view.freshness.parts}
    assert parts["Orders"] == ("Nov 20 (16 days old)", True)  # imported 2 h before: not fresh
    assert parts["Claims"][1] is False  # rare by nature: never marked old
    assert parts["Feedback"] == ("none imported", True)
    text = view.freshness.text()
    assert "ODR misses the orders of Nov 21" in text
    assert "No feedback imported: NFR cannot be computed." in text
    assert "No buyer messages imported: LRR cannot be computed." in text


def test_without_a_performance_report_the_dashboard_says_what_to_import(
    dashboard: DashboardView,
) -> None:
    assert dashboard.performance_hint.isVisible()
    assert dashboard.performance_hint.text() == NO_PERFORMANCE_TEXT
    assert dashboard.shipping_cards == []
    assert dashboard.amazon_label.text() == ""


def test_performance_report_adds_shipping_ahr_and_amazon_odr(
    dashboard: DashboardView, seller_a_store: Any, performance_file: Path, settle: Settle
) -> None:
    import_files(seller_a_store, [performance_file], AS_OF)
    dashboard.refresh()
    settle()
    assert not dashboard.performance_hint.isVisible()
    titles = [c.title_label.text() for c in dashboard.shipping_cards]
    assert titles == [
        "Late Shipment Rate",
        "Pre-fulfilment Cancel Rate",
        "Valid Tracking Rate",
        "On-Time Delivery Rate",
    ]
    late = dashboard.shipping_cards[0]
    assert late.value_label.text() == "1.20 %"
    assert late.target_label.text() == "target under 4 %"
    assert "4 of 298" in late.count_label.text()
    tracking = dashboard.shipping_cards[2]
    assert tracking.target_label.text() == "target over 95 %"
    assert dashboard.ahr_card is not None
    assert dashboard.ahr_card.value_label.text() == "Great"
    assert dashboard.ahr_card.pill.status == "ok"
    compare = dashboard.amazon_label.text()
    assert "Aug 24, 2026 to Nov 5, 2026" in compare
    assert "FBA: Amazon 0.39 % (2 of 512 orders)" in compare
    assert "FBM: Amazon 1.00 % (3 of 301 orders)" in compare
    assert "Amazon has not counted yet" in compare


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (
            {"status": "ok", "denominator": 200, "headroom": 1, "target": 1.0},
            "1 more defective order keeps ODR under 1 %; the 2nd breaches it.",
        ),
        (
            {"status": "warning", "denominator": 150, "headroom": 0, "numerator": 1, "target": 1.0},
            "The next defective order breaches ODR.",
        ),
        (
            {"status": "breach", "denominator": 50, "headroom": 0, "target": 1.0},
            "ODR is at or over 1 %: work through open claims and removable feedback on the "
            "Defects screen.",
        ),
        (
            {"status": "no_data", "denominator": 0, "headroom": None, "target": 1.0},
            "No data for ODR in this window yet.",
        ),
        (
            {"status": "ok", "denominator": 2000, "headroom": 11, "target": 1.0},
            "11 more defective orders keep ODR under 1 %; the 12th breaches it.",
        ),
    ],
)
def test_headroom_sentence_table(metric: dict[str, Any], expected: str) -> None:
    rate = RateResult(
        **{"value": None, "numerator": 0, "window_start": AS_OF, "window_end": AS_OF, **metric}
    )
    assert headroom_sentence("order_defect_rate", rate) == expected


def test_incomplete_nfr_asks_for_the_feedback_manager_total(
    qtbot: Any,
    held: Held,
    store: Any,
    bridge: Any,
    clock: Any,
    tmp_path: Path,
    samples: Path,
    settle: Settle,
) -> None:
    # A negative/neutral-only feedback file (Amazon's report): NFR cannot be a rate.
    source = (samples / "seller-a" / "feedback.txt").read_text(encoding="utf-8").splitlines()
    header, rows = source[0], source[1:]
    rating_col = header.split("\t").index("Rating")
    low = [r for r in rows if r.split("\t")[rating_col] in ("1", "2", "3")]
    path = tmp_path / "feedback-negative.txt"
    path.write_text("\n".join([header, *low]) + "\n", encoding="utf-8")
    import_files(store, [path], AS_OF)
    view = fed_dashboard(held, store, bridge, clock, settle)
    card = view.cards["negative_feedback_rate"]
    assert card.pill.status == "no_data"
    assert "Incomplete" in card.headroom_label.text()
    assert view.nfr_total_box.isVisible()

    view.nfr_total_spin.clear()
    qtbot.keyClicks(view.nfr_total_spin, "100")
    with qtbot.waitSignal(bridge.changed) as sent:  # a write in the background, broadcast
        qtbot.mouseClick(view.nfr_total_button, Qt.MouseButton.LeftButton)
    assert sent.args == [Changes(settings=True)]
    qtbot.waitUntil(lambda: card.pill.status != "no_data")
    settle()
    from storage.repository.settings import load_settings

    assert load_settings(store.db).feedback_manager_total == 100
    assert "100 ratings" in view.nfr_total_label.text()
    assert card.value_label.text().endswith(" %")


def test_metrics_changed_payload_repaints_without_recomputing(
    dashboard: DashboardView, bridge: Any, seller_a_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from services.health import health_at as compute_health

    health = compute_health(seller_a_store.db, AS_OF + timedelta(days=2))
    calls: list[Any] = []
    monkeypatch.setattr("services.health.current_health", lambda *a, **k: calls.append(a))
    bridge.metrics_changed.emit(health)
    assert "Nov 22, 2026" in dashboard.as_of_label.text()
    assert calls == []


def test_the_cards_draw_a_health_from_the_bridge_without_the_database_on_the_gui_thread(
    held: Held,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Settle,
    gui_thread_db: list[str],
) -> None:
    from services.health import health_at

    view = held(DashboardView(seller_a_store, bridge, clock))
    view.show()
    settle()
    assert view.cards["order_defect_rate"].value_label.text() == "\u2014"  # no numbers yet
    assert "Orders: Nov 20 (today)" in view.freshness.text()  # the page came from a worker
    health = health_at(seller_a_store.db, AS_OF)  # as the feed would publish it
    assert gui_thread_db  # the guard sees the test's own use of the connection
    gui_thread_db.clear()
    bridge.metrics_changed.emit(health)
    settle()
    assert view.cards["order_defect_rate"].value_label.text() == "0.63 %"
    assert view.channel_panels["mfn"].value_label.text() == "0.33 %"
    assert view.cards["late_response_rate"].pill.status == "breach"
    assert "Nov 20, 2026" in view.as_of_label.text()
    assert gui_thread_db == []


def test_building_and_loading_the_dashboard_never_uses_the_gui_thread_connection(
    held: Held,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Settle,
    gui_thread_db: list[str],
) -> None:
    view = fed_dashboard(held, seller_a_store, bridge, clock, settle)
    view.refresh()
    settle()
    assert view.cards["order_defect_rate"].value_label.text() == "0.63 %"
    assert gui_thread_db == []


def test_only_the_import_history_alone_reloads_the_page_directly(dashboard: DashboardView) -> None:
    """Metric inputs reload it through the new numbers they cause (no double load)."""
    assert dashboard.wants(Changes(imports=True))
    assert not dashboard.wants(Changes(orders=True, imports=True))
    assert not dashboard.wants(Changes(warnings=True))


def test_hidden_dashboard_reloads_its_page_when_shown_again(
    dashboard: DashboardView, bridge: Any, seller_a_store: Any, settle: Settle
) -> None:
    from services.health import health_at

    loads: list[object] = []
    dashboard.hide()
    original = dashboard.show_page
    dashboard.show_page = lambda page: (loads.append(page), original(page))  # type: ignore[method-assign]
    bridge.metrics_changed.emit(health_at(seller_a_store.db, AS_OF + timedelta(days=1)))
    settle()
    assert loads == []  # the cards updated, the page waits
    assert "Nov 21, 2026" in dashboard.as_of_label.text()
    dashboard.show()
    settle()
    assert len(loads) == 1
