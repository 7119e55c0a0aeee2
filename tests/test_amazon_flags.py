"""Amazon's own red flags (core.reconciliation.flags, core.alerts.amazon) and the figures a
seller types from the Account Health page (core.reconciliation.typed)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction
from typing import Any

import pytest

from core.alerts.amazon import amazon_alert, amazon_alerts
from core.reconciliation import reconcile_snapshot
from core.reconciliation.flags import amazon_flags, card_flags, red_flags
from core.reconciliation.typed import (
    TypedFigures,
    TypedOdr,
    amazon_word,
    check_typed,
    figures_from_json,
    figures_to_json,
    parse_count,
    parse_percent,
    typed_snapshot,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
TODAY = NOW.date()


def _metric(name: str, status: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": name,
        "channel": "",
        "rate": None,
        "target": None,
        "target_condition": "",
        "status": status,
        "date_from": None,
        "date_to": "2026-11-19T23:59:59+00:00",
        "counts": {},
    }
    return base | extra


def report(*metrics: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A stored report's snapshot, as storage.repository.records.latest_performance gives it."""
    snapshot: dict[str, Any] = {
        "id": 1,
        "imported_at": "2026-11-20T08:00:00+00:00",
        "marketplace_id": "ATVPDKIKX0DER",
        "account_status": "NORMAL",
        "ahr_status": "GREAT",
        "ahr_score": None,
        "metrics": list(metrics),
    }
    return snapshot | extra


ODR_BAD = _metric(
    "orderDefectRate",
    "BAD",
    channel="mfn",
    rate=0.01,
    target=0.01,
    target_condition="LESS_THAN",
    date_from="2026-08-24T00:00:00+00:00",
    date_to="2026-11-05T23:59:59+00:00",
    counts={"orderCount": 301, "orderWithDefects": 3},
)
ODR_GOOD = ODR_BAD | {"channel": "afn", "status": "GOOD", "rate": 0.0039}
COMPLAINTS = _metric("productConditionCustomerComplaints", "BAD", counts={"defectsCount": 1})


def test_a_bad_odr_and_a_policy_breach_are_red_flags_with_amazons_words() -> None:
    flags = amazon_flags(report(ODR_GOOD, ODR_BAD, COMPLAINTS))
    raised = red_flags(flags)
    assert [f.text for f in raised] == [
        "FBM Order Defect Rate: 1.00 % (3 of 301 orders), Bad",
        "Product condition customer complaints: 1 complaint, Bad",
    ]
    assert all(f.status == "breach" for f in raised)
    assert [f.text for f in card_flags(flags, "order_defect_rate", "afn")] == [
        "FBA Order Defect Rate: 0.39 % (3 of 301 orders), Good"
    ]
    assert {f.key for f in flags} >= {"ahr", "account", "orderDefectRate.mfn"}


@pytest.mark.parametrize(
    ("metric", "status", "severity"),
    [
        (ODR_BAD, "breach", "critical"),
        (COMPLAINTS, "breach", "critical"),
        (_metric("lateShipmentRate", "BAD", rate=0.05, target=0.04), "breach", "critical"),
        (_metric("policyViolationWarnings", "", counts={"warningsCount": 2}), "breach", "critical"),
        (_metric("lateShipmentRate", "GOOD", rate=0.01, target=0.04), "ok", None),
        (
            _metric("productSafetyCustomerComplaints", "GOOD", counts={"defectsCount": 0}),
            "ok",
            None,
        ),
    ],
)
def test_each_bad_figure_is_one_warning_of_its_own(
    metric: dict[str, Any], status: str, severity: str | None
) -> None:
    flags = [f for f in amazon_flags(report(metric)) if f.key not in ("ahr", "account")]
    assert [f.status for f in flags] == [status]
    alerts = amazon_alerts(flags)
    assert [a.severity for a in alerts] == ([severity] if severity else [])
    for alert in alerts:
        assert alert.screen == "reconciliation"  # the link to Amazon vs ours
        assert alert.key.startswith("amazon.ATVPDKIKX0DER.")
        assert alert.title.startswith("Amazon marks ")
        assert alert.detail.startswith("From Amazon's seller performance report of Nov ")
        assert "(Amazon.com). Amazon acts on its own status" in alert.detail


def test_an_ahr_at_risk_and_an_account_at_risk_are_warnings() -> None:
    flags = amazon_flags(report(ahr_status="AT_RISK", account_status="AT_RISK", ahr_score=180))
    alerts = amazon_alerts(flags)
    assert [(a.key, a.severity) for a in alerts] == [
        ("amazon.ATVPDKIKX0DER.ahr", "warning"),
        ("amazon.ATVPDKIKX0DER.account", "warning"),
    ]
    assert alerts[0].title == "Amazon marks Account Health Rating At risk: 180"


def test_the_alert_state_changes_with_what_amazon_says() -> None:
    bad = amazon_alert(red_flags(amazon_flags(report(ODR_BAD)))[0])
    worse = ODR_BAD | {"rate": 0.012, "counts": {"orderCount": 301, "orderWithDefects": 4}}
    again = amazon_alert(red_flags(amazon_flags(report(worse)))[0])
    assert bad is not None and again is not None
    assert bad.key == again.key and bad.state != again.state


# --- typed figures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "percent", "word"),
    [
        ("orderDefectRate", "0.99", "GOOD"),
        ("orderDefectRate", "1", "BAD"),  # the target is "under 1 %"
        ("lateResponseRate", "9.9", "GOOD"),
        ("lateResponseRate", "10", "BAD"),
        ("preFulfillmentCancellationRate", "2.49", "GOOD"),
        ("preFulfillmentCancellationRate", "2.5", "BAD"),
        ("lateShipmentRate", "3.99", "GOOD"),
        ("lateShipmentRate", "4", "BAD"),
        ("validTrackingRate", "95.01", "GOOD"),
        ("validTrackingRate", "95", "BAD"),  # the target is "over 95 %"
    ],
)
def test_a_typed_rate_is_judged_by_the_account_health_pages_rule(
    name: str, percent: str, word: str
) -> None:
    assert amazon_word(name, Fraction(percent)) == word


def typed(**extra: Any) -> TypedFigures:
    base: dict[str, Any] = {
        "reading_date": TODAY,
        "marketplace_id": "ATVPDKIKX0DER",
        "odr": (TypedOdr("mfn", Fraction("1.2"), date(2026, 9, 7), date(2026, 11, 5), 250, 3),),
        "rates": {"lateResponseRate": Fraction(12), "validTrackingRate": Fraction("98.5")},
        "policy_warnings": 1,
        "ahr": 180,
    }
    return TypedFigures(**(base | extra))


def test_typed_figures_read_like_a_report() -> None:
    snapshot = typed_snapshot(typed(), NOW, 7)
    flags = amazon_flags(snapshot)
    assert all(f.typed for f in flags)
    raised = {f.key: (f.status, f.value) for f in red_flags(flags)}
    assert raised == {
        "orderDefectRate.mfn": ("breach", "1.20 % (3 of 250 orders)"),
        "lateResponseRate": ("breach", "12.00 %"),
        "policyViolationWarnings": ("breach", "1"),
        "ahr": ("warning", "180"),
    }
    rec = reconcile_snapshot(snapshot, {})
    assert rec.typed and rec.report_at == NOW  # they held when they were read
    assert [r.title for r in rec.shipping if r.rate is not None] == [
        "Valid Tracking Rate",
        "Late Response Rate",
    ]
    [alert] = [a for a in amazon_alerts(flags) if a.key.endswith("lateResponseRate")]
    assert "the figures you typed from the Account Health page of Nov 20, 2026" in alert.detail


def test_typed_figures_survive_storage_as_json() -> None:
    figures = typed()
    back = figures_from_json(figures_to_json(figures), TODAY, "ATVPDKIKX0DER")
    assert back == figures


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"odr": (), "rates": {}, "policy_warnings": None, "ahr": None}, "at least one figure"),
        ({"reading_date": date(2026, 11, 21)}, "cannot be in the future"),
        ({"ahr": 1001}, "from 0 to 1000"),
        ({"rates": {"lateShipmentRate": Fraction(101)}}, "percent from 0 to 100"),
        (
            {"odr": (TypedOdr("afn", Fraction(1), date(2026, 11, 5), date(2026, 9, 7)),)},
            "end before they start",
        ),
        (
            {"odr": (TypedOdr("afn", Fraction(1), date(2026, 9, 7), date(2026, 11, 21)),)},
            "after the day you read them",
        ),
        (
            {"odr": (TypedOdr("mfn", Fraction(1), date(2026, 9, 7), date(2026, 11, 5), 2, 3),)},
            "more orders with a defect than orders",
        ),
    ],
)
def test_figures_that_cannot_be_right_are_refused_with_a_sentence(
    change: dict[str, Any], sentence: str
) -> None:
    with pytest.raises(ValueError, match=sentence):
        check_typed(typed(**change), TODAY)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.52", Fraction(13, 25)), ("0,52 %", Fraction(13, 25)), (" 1 ", Fraction(1)), ("", None)],
)
def test_percents_are_read_as_typed(text: str, value: Fraction | None) -> None:
    assert parse_percent(text, "ODR") == value


def test_a_percent_or_a_count_that_is_not_one_is_a_sentence() -> None:
    with pytest.raises(ValueError, match="'abc' is not a percent such as 0.52"):
        parse_percent("abc", "ODR")
    with pytest.raises(ValueError, match="is not a whole number"):
        parse_count("3.5", "Orders")
    assert parse_count("1,204", "Orders") == 1204
