"""Amazon's performance report beside our ODR for the same window, differences in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core.ahr import AssuranceStatus
from core.clock import day_start
from core.metrics.inputs import MetricInputs
from core.metrics.odr import day_window
from core.model import Channel, Claim, Feedback, Order
from core.reconciliation import (
    SHIPPING,
    AmazonFigure,
    Gap,
    WindowData,
    ahr_summary,
    assurance_sentence,
    coverage_gaps,
    figures_of,
    odr_windows,
    parse_ahr_score,
    reconcile_channel,
    reconciliation_to_json,
    report_time,
    shipping_row,
    window_settings,
)

DAYS = (date(2026, 9, 1), date(2026, 10, 1))  # Amazon's "Sep 1 .. Sep 30 23:59:59"
NOW = datetime(2026, 10, 15, 12, tzinfo=UTC)
REPORT_AT = datetime(2026, 10, 15, tzinfo=UTC)


def oid(day: date, i: int) -> str:
    return f"{day:%m%d}-{i}"


@dataclass
class Case:
    """Hand-made data: `per_day` MFN orders on each day of DAYS except `missing` days."""

    amazon: dict[str, int]
    rate: float
    channel: Channel = "mfn"
    per_day: int = 10
    missing: Iterable[date] = ()
    feedback: list[Feedback] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    not_shipped: dict[str, int] = field(default_factory=dict)
    days: tuple[date, date] = DAYS

    def run(self) -> list[tuple[str, str]]:
        skip = set(self.missing)
        orders = [
            Order(oid(d, i), day_start(d) + timedelta(hours=9), "Shipped", self.channel)
            for n in range((self.days[1] - self.days[0]).days)
            if (d := self.days[0] + timedelta(days=n)) not in skip
            for i in range(self.per_day)
        ]
        daily: dict[date, int] = {}
        for o in orders:
            daily[o.purchase_date.date()] = daily.get(o.purchase_date.date(), 0) + 1
        cfg, as_of = window_settings(self.days, NOW)
        data = WindowData(
            days=self.days,
            as_of=as_of,
            inputs=MetricInputs.from_records(
                orders=orders, feedback=self.feedback, claims=self.claims
            ),
            settings=cfg,
            daily_orders=daily,
            not_shipped=self.not_shipped,
        )
        fig = AmazonFigure(
            name="orderDefectRate",
            channel=self.channel,
            rate=self.rate,
            target=0.01,
            condition="LESS_THAN",
            status="GOOD",
            date_from=day_start(self.days[0]),
            date_to=day_start(self.days[1]) - timedelta(seconds=1),
            counts=self.amazon,
        )
        result = reconcile_channel(fig, data, REPORT_AT)
        return [(e.code, e.text) for e in result.explanations]


def amazon(
    orders: int, defective: int, claims: int = 0, cb: int = 0, nf: int = 0
) -> dict[str, int]:
    return {
        "orderCount": orders,
        "orderWithDefects": defective,
        "claims": claims,
        "chargebacks": cb,
        "negativeFeedback": nf,
    }


def negative(order_id: str, day: date) -> Feedback:
    return Feedback(order_id, day, 1, "broken")


def claim(order_id: str, filed: datetime, reason: str = "not_as_described") -> Claim:
    return Claim(f"c-{order_id}", order_id, "a-to-z", filed, reason, "granted", Decimal("10"))


SEP = date(2026, 9, 1)

CASES: dict[str, tuple[Case, list[tuple[str, str]]]] = {
    "exact match": (
        Case(amazon(200, 1, nf=1), 0.005, days=(SEP, date(2026, 9, 21)),
             feedback=[negative(oid(date(2026, 9, 3), 0), date(2026, 9, 10))]),
        [("match", "The numbers agree with Amazon's.")],
    ),
    "rounding only": (
        Case(amazon(300, 2, nf=2), 0.0067,
             feedback=[negative(oid(date(2026, 9, d), 0), date(2026, 9, 20)) for d in (3, 4)]),
        [
            ("counts_agree", "The order and defect counts agree with Amazon's."),
            ("rounding", "Amazon's 0.67 % is 2 of 300 orders = 0.6667 %, rounded to 4 decimals."),
        ],
    ),
    "coverage gap inside the window": (
        Case(amazon(300, 0), 0.0, missing=[date(2026, 9, d) for d in range(10, 15)]),
        [
            ("coverage_gap", "No orders at all on Sep 10, 2026 to Sep 14, 2026 (5 days), where you "
             "usually have about 10 orders a day: import the All Orders report for "
             "Sep 10, 2026 to Sep 14, 2026."),
            ("orders_missing", "Amazon counts 50 more FBM orders than are imported here for "
             "Sep 1, 2026 to Sep 30, 2026: import the All Orders report covering those dates (a report "
             "by last-update date also brings orders whose status changed)."),
        ],
    ),
    "orders begin late": (
        Case(amazon(300, 0), 0.0, missing=[date(2026, 9, d) for d in range(1, 6)]),
        [
            ("coverage_gap", "Imported orders begin only on Sep 6, 5 days into Amazon's window, "
             "where you usually have about 10 orders a day: import the All Orders report for "
             "Sep 1, 2026 to Sep 5, 2026."),
            ("orders_missing", "Amazon counts 50 more FBM orders than are imported here for "
             "Sep 1, 2026 to Sep 30, 2026: import the All Orders report covering those dates (a report "
             "by last-update date also brings orders whose status changed)."),
        ],
    ),
    "a late defect Amazon has not counted yet": (
        Case(amazon(300, 0), 0.0,
             claims=[claim(oid(date(2026, 9, 20), 1), datetime(2026, 10, 10, 8, tzinfo=UTC))]),
        [
            ("late_defect", "1 defective FBM order here that Amazon has not counted yet: "
             "0920-1 (A-to-z claim filed Oct 10, after Amazon's window ended on Sep 30)."),
        ],
    ),
    "a defect after the report": (
        Case(amazon(300, 0), 0.0,
             feedback=[negative(oid(date(2026, 9, 28), 2), date(2026, 10, 15))]),
        [
            ("late_defect", "1 defective FBM order here that Amazon has not counted yet: "
             "0928-2 (negative feedback dated Oct 15, after Amazon's report was made on "
             "Oct 15)."),
        ],
    ),
    "Amazon counts an FBA fulfilment claim": (
        Case(amazon(300, 1, claims=1), 0.0033, channel="afn",
             claims=[claim(oid(SEP, 0), datetime(2026, 9, 9, tzinfo=UTC), "not_received")]),
        [
            ("rule_difference", "Left out here by rule for these orders: \"FBA fulfilment "
             "claim: Amazon's responsibility\" (1). If Amazon counted them, ask Seller Support "
             "to remove them from your ODR."),
            ("rounding", "Amazon's 0.33 % is 1 of 300 orders = 0.3333 %, rounded to 4 "
             "decimals."),
        ],
    ),
    "defects not imported here": (
        Case(amazon(300, 2, claims=1, nf=1), 0.0067),
        [
            ("defects_missing", "Amazon counts 2 defective FBM orders not known here (Amazon: "
             "1 A-to-z claim, 0 chargebacks, 1 negative feedback; here: 0, 0 and 0): import "
             "your latest feedback and enter the claims and chargebacks Seller Central shows "
             "(Amazon offers no export of them)."),
            ("rounding", "Amazon's 0.67 % is 2 of 300 orders = 0.6667 %, rounded to 4 "
             "decimals."),
        ],
    ),
    "more orders here, some not shipped": (
        Case(amazon(290, 0), 0.0, not_shipped={"mfn": 3}),
        [
            ("orders_extra", "10 more FBM orders here than Amazon counts for the same dates; "
             "3 of the orders here are still Pending or Unshipped: Amazon's count leaves out "
             "orders it has not finished processing or that changed after its report was "
             "made, so the rate here is taken over more orders."),
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_explanations(name: str) -> None:
    case, expected = CASES[name]
    assert case.run() == expected


def test_window_settings_make_the_engine_use_amazons_days() -> None:
    cfg, as_of = window_settings(DAYS, NOW)
    assert day_window(as_of.date(), cfg) == DAYS
    assert as_of == NOW
    early, at = window_settings(DAYS, datetime(2026, 9, 15, tzinfo=UTC))
    assert at == datetime(2026, 10, 1, tzinfo=UTC) and day_window(at.date(), early) == DAYS


@pytest.mark.parametrize(
    ("daily", "expected"),
    [
        ({}, [Gap(date(2026, 9, 1), date(2026, 9, 30), "all", 0.0)]),
        ({date(2026, 9, d): 10 for d in range(1, 31)}, []),
        # one empty day at 3 orders a day: P(0) is not small enough to call it a gap
        ({date(2026, 9, d): 3 for d in range(1, 31) if d != 12}, []),
        (
            {date(2026, 9, d): 3 for d in range(1, 31) if d not in (12, 13)},
            [Gap(date(2026, 9, 12), date(2026, 9, 13), "inside", 3.0)],
        ),
        (
            {date(2026, 9, d): 8 for d in range(1, 28)},
            [Gap(date(2026, 9, 28), date(2026, 9, 30), "end", 8.0)],
        ),
    ],
)
def test_coverage_gaps(daily: dict[date, int], expected: list[Gap]) -> None:
    assert coverage_gaps(daily, DAYS) == expected


@pytest.mark.parametrize(
    ("name", "figure", "status", "verdict"),
    [
        (
            "lateShipmentRate",
            {"rate": 0.012, "target": 0.04, "condition": "LESS_THAN",
             "counts": {"lateShipmentCount": 4, "orderCount": 298}},
            "ok",
            "1.20 % (4 of 298 orders) is under the 4 % target: 7 more late shipments keep it "
            "there.",
        ),
        (
            "validTrackingRate",
            {"rate": 0.987, "target": 0.95, "condition": "GREATER_THAN",
             "counts": {"validTrackingCount": 293, "shipmentCount": 297}},
            "ok",
            "98.70 % (293 of 297 shipments) is over the 95 % target: 10 more shipments without "
            "valid tracking keep it there.",
        ),
        (
            "preFulfillmentCancellationRate",
            {"rate": 0.02, "target": 0.025, "condition": "LESS_THAN",
             "counts": {"cancellationCount": 2, "orderCount": 100}},
            "warning",
            "2.00 % (2 of 100 orders) is under the 2.5 % target: the next cancellation breaches "
            "it.",
        ),
        (
            "onTimeDeliveryRate",
            {"rate": 0.85, "target": 0.9, "condition": "GREATER_THAN", "status": "BAD",
             "counts": {"onTimeDeliveryCount": 85, "shipmentCountWithValidTracking": 100}},
            "breach",
            "85.00 % (85 of 100 shipments) is not over the 90 % target.",
        ),
        ("lateShipmentRate", None, "no_data", "Not in this report."),
    ],
)  # fmt: skip
def test_shipping_verdicts(
    name: str, figure: dict[str, Any] | None, status: str, verdict: str
) -> None:
    spec = next(s for s in SHIPPING if s.name == name)
    fig = None if figure is None else AmazonFigure(name=name, **figure)
    row = shipping_row(fig, spec)
    assert (row.status, row.verdict) == (status, verdict)


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("245", 245),
        (" 0 ", 0),
        ("1000", 1000),
        ("", "Type the Account Health Rating: a whole number from 0 to 1000."),
        ("abc", "'abc' is not a whole number: type the Account Health Rating as Seller Central "
                "shows it, from 0 to 1000."),
        ("12.5", "'12.5' is not a whole number: type the Account Health Rating as Seller "
                 "Central shows it, from 0 to 1000."),
        ("1001", "1001 is not an Account Health Rating: it is always from 0 to 1000."),
        ("-5", "-5 is not an Account Health Rating: it is always from 0 to 1000."),
    ],
)  # fmt: skip
def test_ahr_entry_validation(text: str, result: int | str) -> None:
    if isinstance(result, int):
        assert parse_ahr_score(text) == result
    else:
        with pytest.raises(ValueError) as info:
            parse_ahr_score(text)
        assert str(info.value) == result


AHR_NOW = datetime(2026, 11, 20, 15, tzinfo=UTC)  # Assurance window from 2026-05-20


@pytest.mark.parametrize(
    ("history", "band", "band_text", "assurance"),
    [
        ([], None, "No Account Health Rating entered yet: type the number Seller Central's "
         "Account Health page shows.",
         "Account Health Assurance needs AHR 250 or more for 6 months with at most 10 days "
         "below; no readings are entered yet."),
        ([(datetime(2026, 5, 1, tzinfo=UTC), 300)], "healthy", "AHR 300: healthy (200 or more).",
         "Eligible for Account Health Assurance: AHR stayed at 250 or more since May 20 2026 "
         "except on 0 days (at most 10 allowed)."),
        ([(datetime(2026, 5, 1, tzinfo=UTC), 300), (datetime(2026, 11, 1, tzinfo=UTC), 150)],
         "at_risk", "AHR 150: at risk (100-199): resolve the policy issues Account Health lists "
         "before it falls under 100.",
         "Not eligible for Account Health Assurance: AHR was under 250 on 20 days since "
         "May 20 2026 (at most 10 allowed)."),
        ([(datetime(2026, 10, 1, tzinfo=UTC), 80)], "deactivation_risk",
         "AHR 80: under 100, the account may be deactivated: act on every item on the Account "
         "Health page now.",
         "Account Health Assurance needs AHR 250 or more for 6 months with at most 10 days "
         "below. The readings here do not reach back to May 20 2026, so eligibility cannot "
         "be judged yet: add older readings if you have them."),
    ],
)  # fmt: skip
def test_ahr_band_and_assurance_in_words(
    history: list[tuple[datetime, int]], band: str | None, band_text: str, assurance: str
) -> None:
    summary = ahr_summary(history, AHR_NOW)
    assert summary.band == band
    assert summary.band_text == band_text
    assert summary.assurance_text == assurance


def test_assurance_sentence_counts_one_day_in_singular() -> None:
    a = AssuranceStatus(True, date(2026, 5, 20), date(2026, 11, 20), 1, True, 300, "")
    assert "except on 1 day (at most 10 allowed)" in assurance_sentence(a)


# --- the sample report against seller-a ---------------------------------------------------

SAMPLE_AS_OF = datetime(2026, 11, 20, 15, tzinfo=UTC)
SELLER_A = ("orders-1.txt", "orders-2.txt", "feedback.txt", "claims.csv", "returns-fbm.txt")


@pytest.fixture
def sample_store(store: Any, samples: Path) -> Any:
    from storage.imports.apply import apply_import

    files = [samples / "seller-a" / n for n in SELLER_A]
    files.append(samples / "performance" / "seller-performance-2026-11-20.json")
    for f in files:
        assert apply_import(store, f, now=SAMPLE_AS_OF).ok
    return store


def test_sample_snapshot_windows_and_report_time(sample_store: Any) -> None:
    from storage.repository.records import latest_performance

    snap = latest_performance(sample_store.db)[0]
    assert odr_windows(snap) == [(date(2026, 8, 24), date(2026, 11, 6))]
    assert report_time(snap) == datetime(2026, 11, 20, tzinfo=UTC)
    assert {f.name for f in figures_of(snap)} >= {"orderDefectRate", "lateShipmentRate"}


def test_sample_report_against_seller_a(sample_store: Any) -> None:
    from storage.repository.reconciliation_inputs import reconcile_latest

    (rec,) = reconcile_latest(sample_store.db, SAMPLE_AS_OF)
    assert rec.marketplace == "Amazon.com"
    afn, mfn = rec.odr
    assert (mfn.amazon.orders, mfn.amazon.defective, mfn.amazon.status) == (301, 3, "breach")
    assert (mfn.ours.orders, mfn.ours.defective) == (406, 2)
    assert mfn.headline == "FBM: Amazon 1.00 % (3 of 301 orders), here 0.49 % (2 of 406 orders)."
    assert [e.code for e in mfn.explanations] == [
        "orders_extra",
        "late_defect",
        "defects_missing",
        "rounding",
    ]
    texts = [e.text for e in mfn.explanations]
    assert texts[1] == (
        "1 defective FBM order here that Amazon has not counted yet: 113-3704448-8735614 "
        "(A-to-z claim filed Nov 17, after Amazon's window ended on Nov 5)."
    )
    assert texts[2].startswith(
        "Amazon counts 2 defective FBM orders not known here (Amazon: 2 A-to-z claims, "
        "1 chargeback, 1 negative feedback; here: 1, 0 and 1)"
    )
    assert texts[3] == (
        "Amazon's 1.00 % is 3 of 301 orders = 0.9967 %, rounded to 4 decimals; on the rounded "
        "figure it reaches the 1 % target, which is why Amazon marks it BAD although 3 of 301 "
        "is under it."
    )
    assert texts[0].startswith("105 more FBM orders here than Amazon counts for the same dates")
    assert afn.headline == "FBA: Amazon 0.39 % (2 of 512 orders), here 0.98 % (6 of 613 orders)."
    assert [e.code for e in afn.explanations] == ["orders_extra", "defects_extra", "rounding"]
    assert [s.status for s in rec.shipping] == ["ok", "ok", "ok", "ok"]
    assert rec.policies[0].title == "Product condition customer complaints"
    assert rec.policies[0].defects == 1

    payload = reconciliation_to_json(rec)
    assert payload["order_defect_rate"]["mfn"]["window"] == {
        "from": "2026-08-24",
        "to": "2026-11-05",
    }
    assert payload["order_defect_rate"]["mfn"]["amazon"]["orders"] == 301
    assert payload["order_defect_rate"]["mfn"]["ours"]["defective_orders"] == 2


def test_the_report_before_a_defect_existed(sample_store: Any) -> None:
    """At the report's own day, the Nov 17 claim existed; on Nov 16 it did not."""
    from storage.repository.reconciliation_inputs import reconcile_latest

    (rec,) = reconcile_latest(sample_store.db, datetime(2026, 11, 16, tzinfo=UTC))
    mfn = rec.odr[1]
    assert mfn.ours.defective == 1
    assert "late_defect" not in [e.code for e in mfn.explanations]
