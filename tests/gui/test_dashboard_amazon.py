"""Amazon's own red flags on the dashboard, and Amazon's figures typed from the Account
Health page (the form on the dashboard and on Amazon vs ours): they count like a report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import shiboken6

from gui.views.reconciliation import NO_REPORT_TEXT, ReconciliationView
from services.health import current_health
from tests.gui.conftest import AS_OF, import_files
from tests.gui.test_dashboard import fed_dashboard

Settle = Callable[[], None]
Held = Callable[[Any], Any]


def test_amazons_bad_odr_and_policy_breach_show_beside_ours(
    held: Held, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle, performance_file: Path
) -> None:
    """The sample report marks FBM ODR Bad and a product-condition complaint: today these
    appeared only on Amazon vs ours while the ODR pill stayed calm."""
    import_files(seller_a_store, [performance_file], AS_OF)
    view = fed_dashboard(held, seller_a_store, bridge, clock, settle)
    odr = view.cards["order_defect_rate"]
    assert odr.pill.status == "warning"  # ours
    assert odr.amazon_pill.isVisible() and odr.amazon_pill.status == "breach"
    assert odr.amazon_pill.text() == "Amazon: \u2715 Bad"
    assert view.channel_panels["mfn"].pill.status == "ok"
    assert view.channel_panels["mfn"].amazon_pill.status == "breach"
    assert view.channel_panels["afn"].amazon_pill.status == "ok"
    assert not view.cards["late_response_rate"].amazon_pill.isVisible()  # Amazon gave none
    box = view.amazon_flags
    assert box.isVisible()
    assert box.lines.text().splitlines() == [
        "\u2022 FBM Order Defect Rate: 1.00 % (3 of 301 orders), Bad",
        "\u2022 Product condition customer complaints: 1 complaint, Bad",
    ]
    went: list[tuple[str, str]] = []
    bridge.navigate.connect(lambda screen, ref: went.append((screen, ref)))
    box.compare_button.click()
    assert went == [("reconciliation", "")]


def test_the_warnings_raise_amazons_flags_as_critical(
    seller_a_store: Any, performance_file: Path
) -> None:
    import_files(seller_a_store, [performance_file], AS_OF)
    alerts = [
        a for a in current_health(seller_a_store, AS_OF).alerts if a.key.startswith("amazon.")
    ]
    assert [(a.severity, a.screen) for a in alerts] == [("critical", "reconciliation")] * 2


def _open_form(view: Any, settle: Settle) -> Any:
    view.open_figures_form()
    settle()
    dialog = view.figures_form
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_typed_figures_from_the_dashboard_count_like_a_report(
    held: Held, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> None:
    view = fed_dashboard(held, seller_a_store, bridge, clock, settle)
    assert not view.amazon_flags.isVisible()
    dialog = _open_form(view, settle)
    assert dialog.market.currentText() == "Amazon.com"  # the seller's orders' marketplace
    mfn = next(r for r in dialog.odr_rows if r.channel == "mfn")
    mfn.rate.setText("1.4")
    mfn.defective.setText("4")
    mfn.orders.setText("290")
    dialog.rates["lateResponseRate"].setText("12")
    dialog.ahr.setText("240")
    dialog.save_button.click()
    settle()
    assert not shiboken6.isValid(dialog)  # closed and gone
    lrr = view.cards["late_response_rate"]
    assert lrr.amazon_pill.isVisible() and lrr.amazon_pill.status == "breach"
    assert view.channel_panels["mfn"].amazon_pill.status == "breach"
    assert "typed" in view.channel_panels["mfn"].amazon_pill.toolTip()
    assert "the figures you typed from Account Health" in view.amazon_flags.title.text()
    assert "Late Response Rate: 12.00 %, Bad" in view.amazon_flags.lines.text()
    keys = {a.key for a in current_health(seller_a_store, AS_OF).alerts}
    assert "amazon.ATVPDKIKX0DER.lateResponseRate" in keys
    assert view.performance.ahr_card is not None
    assert view.performance.ahr_card.value_label.text() == "Good"


def test_a_figure_that_cannot_be_right_keeps_the_form_open_with_a_sentence(
    held: Held, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> None:
    view = fed_dashboard(held, seller_a_store, bridge, clock, settle)
    dialog = _open_form(view, settle)
    dialog.save_button.click()
    assert dialog.isVisible() and "at least one figure" in dialog.error.text()
    dialog.rates["validTrackingRate"].setText("ninety")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.error.text() == "Valid Tracking Rate: 'ninety' is not a percent such as 0.52."
    dialog.reject()
    settle()
    assert seller_a_store.db.execute("SELECT count(*) FROM typed_performance").fetchone()[0] == 0


def test_amazon_vs_ours_no_longer_promises_a_json_download_and_takes_typed_figures(
    held: Held, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> None:
    view = held(ReconciliationView(seller_a_store, bridge, clock))
    view.show()
    settle()
    assert view.hint.isVisible() and view.hint.text() == NO_REPORT_TEXT
    assert "offers no download" in NO_REPORT_TEXT and "save the JSON file" not in NO_REPORT_TEXT
    dialog = _open_form(view, settle)
    dialog.reading_date.setDate(dialog.reading_date.date().addDays(-2))
    afn = next(r for r in dialog.odr_rows if r.channel == "afn")
    afn.rate.setText("0,5")
    dialog.save_button.click()
    settle()
    assert not view.hint.isVisible()
    assert "typed from the Account Health page, read on Nov 18, 2026" in view.report_label.text()
    assert view.typed_box.isVisible()
    assert view.typed_box.list.item(0).text() == "Nov 18, 2026, Amazon.com: FBA ODR 0.5 %"
    odr = view.odr_title.text()
    assert "orders of" in odr  # Amazon's typed window, compared with ours
    view.typed_box.list.setCurrentRow(0)
    view.typed_box.delete_button.click()
    settle()
    assert not view.typed_box.isVisible() and view.hint.isVisible()


def test_typed_figures_newer_than_the_report_win(
    held: Held,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Settle,
    performance_file: Path,
) -> None:
    """The newest of an imported report and typed figures is Amazon's current word."""
    from core.reconciliation.typed import TypedFigures
    from services.reconciliation import add_typed_figures

    import_files(seller_a_store, [performance_file], AS_OF - timedelta(days=3))
    figures = TypedFigures(AS_OF.date(), "ATVPDKIKX0DER", policy_warnings=0)
    add_typed_figures(seller_a_store, figures, AS_OF)
    flags = current_health(seller_a_store, AS_OF).amazon
    assert flags and all(f.typed for f in flags)
    assert not [f for f in flags if f.raised]  # the older report's Bad ODR no longer holds
    view = fed_dashboard(held, seller_a_store, bridge, clock, settle)
    assert not view.amazon_flags.isVisible()
    assert not view.cards["order_defect_rate"].amazon_pill.isVisible()
    assert view.performance.type_button.isVisible()
    view.performance.type_button.click()
    settle()
    assert view.figures_form is not None and view.figures_form.isVisible()
    view.figures_form.close()
