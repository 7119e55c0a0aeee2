"""ODR rules of spec/metrics.md, one small case per rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.metrics import MetricInputs, compute_metrics
from core.metrics.odr import claim_defect_kind, claim_exclusion, feedback_exclusion
from core.model import Channel, Claim, Feedback, Order
from core.settings import MetricSettings

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # window [2026-09-07, 2026-11-06)
IN_WINDOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
SETTINGS = MetricSettings()


def order(
    oid: str, when: datetime = IN_WINDOW, channel: Channel = "mfn", status: str = "Shipped"
) -> Order:
    return Order(oid, when, status, channel)


def fillers(n: int, channel: Channel = "mfn", when: datetime = IN_WINDOW) -> list[Order]:
    return [order(f"{channel}-{i}", when, channel) for i in range(n)]


def feedback(
    oid: str,
    rating: int = 1,
    day: date = date(2026, 10, 5),
    *,
    struck_through: bool = False,
    removed: bool = False,
) -> Feedback:
    return Feedback(oid, day, rating, struck_through=struck_through, removed=removed)


def claim(
    oid: str,
    kind: str = "a-to-z",
    reason: str = "not_as_described",
    status: str = "open",
    filed: datetime = datetime(2026, 10, 10, tzinfo=UTC),
    protected: bool = False,
) -> Claim:
    return Claim(
        f"C-{oid}-{kind}-{reason}",
        oid,
        kind,
        filed,
        reason,
        status,
        buy_shipping_protected=protected,
    )


def odr(**records: object) -> tuple[int, int]:
    result = compute_metrics(MetricInputs.from_records(**records), AS_OF, SETTINGS)  # type: ignore[arg-type]
    return result.odr.rate.numerator, result.odr.rate.denominator


@pytest.mark.parametrize(
    ("purchased", "counted"),
    [
        (datetime(2026, 9, 7, 0, 0, 0, tzinfo=UTC), True),  # D-74 00:00 is inside
        (datetime(2026, 9, 6, 23, 59, 59, tzinfo=UTC), False),
        (datetime(2026, 11, 5, 23, 59, 59, tzinfo=UTC), True),
        (datetime(2026, 11, 6, 0, 0, 0, tzinfo=UTC), False),  # D-14 00:00 is outside
    ],
)
def test_window_edges(purchased: datetime, counted: bool) -> None:
    o = order("A", purchased)
    n, d = odr(orders=[o], feedback=[feedback("A", day=date(2026, 11, 10))])
    assert (n, d) == ((1, 1) if counted else (0, 0))


def test_window_is_reported_as_instants() -> None:
    r = compute_metrics(MetricInputs(), AS_OF, SETTINGS).odr.rate
    assert r.window_start == datetime(2026, 9, 7, tzinfo=UTC)
    assert r.window_end == datetime(2026, 11, 6, tzinfo=UTC)
    assert (r.value, r.status) == (None, "no_data")


@pytest.mark.parametrize(
    ("fb", "counted"),
    [
        (feedback("A", rating=1), True),
        (feedback("A", rating=2), True),
        (feedback("A", rating=3), False),
        (feedback("A", rating=5), False),
        (feedback("A", rating=1, struck_through=True), False),
        (feedback("A", rating=1, removed=True), False),
        (feedback("A", rating=1, day=date(2026, 11, 20)), True),  # today, placed at 00:00
        (feedback("A", rating=1, day=date(2026, 11, 21)), False),  # after as_of: not yet
    ],
)
def test_negative_feedback_rules(fb: Feedback, counted: bool) -> None:
    assert odr(orders=[order("A")] + fillers(9), feedback=[fb]) == (int(counted), 10)


@pytest.mark.parametrize(
    ("channel", "c", "counted"),
    [
        ("afn", claim("A", reason="not_received"), False),  # Amazon's fulfilment
        ("afn", claim("A", reason="late_delivery"), False),
        ("afn", claim("A", reason="damaged_in_transit"), False),
        ("afn", claim("A", reason="not_as_described"), True),  # the product itself
        ("afn", claim("A", reason="defective"), True),
        ("mfn", claim("A", reason="not_received"), True),  # seller's fulfilment
        ("mfn", claim("A", status="denied"), False),
        ("mfn", claim("A", status="withdrawn"), False),
        ("mfn", claim("A", status="granted"), True),
        ("mfn", claim("A", status="refunded_after_filing"), True),
        ("mfn", claim("A", protected=True), False),
        ("mfn", claim("A", filed=AS_OF), True),
        ("mfn", claim("A", filed=AS_OF + timedelta(seconds=1)), False),
        ("mfn", claim("A", kind="chargeback", reason="fraud"), False),
        ("mfn", claim("A", kind="chargeback", status="won"), False),
        ("mfn", claim("A", kind="chargeback", status="withdrawn"), False),
        ("mfn", claim("A", kind="chargeback", status="lost"), True),
        ("afn", claim("A", kind="chargeback", reason="not_received"), True),
    ],
)
def test_claim_rules(channel: Channel, c: Claim, counted: bool) -> None:
    assert odr(orders=[order("A", channel=channel)], claims=[c]) == (int(counted), 1)


def test_order_with_two_defects_counts_once_but_in_both_components() -> None:
    inputs = MetricInputs.from_records(
        orders=[order("A")] + fillers(3),
        feedback=[feedback("A")],
        claims=[claim("A"), claim("A", kind="chargeback")],
    )
    r = compute_metrics(inputs, AS_OF, SETTINGS).odr
    assert (r.rate.numerator, r.rate.denominator) == (1, 4)
    assert (
        r.components.negative_feedback,
        r.components.a_to_z_claims,
        r.components.chargebacks,
    ) == (1, 1, 1)


@pytest.mark.parametrize("defect_on_cancelled", [True, False])
def test_cancelled_orders_count_nowhere(defect_on_cancelled: bool) -> None:
    orders = [order("X", status="Cancelled"), order("A")] + fillers(2)
    target = "X" if defect_on_cancelled else "A"
    n, d = odr(orders=orders, feedback=[feedback(target)])
    assert (n, d) == ((0, 3) if defect_on_cancelled else (1, 3))


def test_defect_is_attributed_to_purchase_date_whenever_it_arrived() -> None:
    # Purchased in the window, claim filed today: counts today.
    assert odr(orders=[order("A")], claims=[claim("A", filed=AS_OF - timedelta(hours=1))]) == (1, 1)
    # Purchased too recently: the claim waits until the order enters the window.
    recent = order("B", AS_OF - timedelta(days=3))
    assert odr(orders=[recent], claims=[claim("B", filed=AS_OF - timedelta(hours=1))]) == (0, 0)


def test_defect_on_unknown_order_is_ignored() -> None:
    assert odr(orders=fillers(5), feedback=[feedback("nope")]) == (0, 5)


def test_by_channel_status_is_worst_and_headroom_smallest() -> None:
    afn = fillers(150, "afn")
    mfn = fillers(400, "mfn")
    inputs = MetricInputs.from_records(orders=afn + mfn, feedback=[feedback("afn-0")])
    r = compute_metrics(inputs, AS_OF, SETTINGS).odr
    assert r.by_channel["afn"].rate.status == "warning"  # 1/150: ceil(1.5) - 1 - 1 = 0
    assert r.by_channel["afn"].rate.headroom == 0
    assert r.by_channel["mfn"].rate.status == "ok"
    assert r.by_channel["mfn"].rate.headroom == 3
    assert r.rate.value == pytest.approx(100 / 550)  # overall 1/550
    assert (r.rate.status, r.rate.headroom) == ("warning", 0)


def test_channel_without_orders_does_not_decide_status() -> None:
    inputs = MetricInputs.from_records(orders=fillers(300, "mfn"))
    r = compute_metrics(inputs, AS_OF, SETTINGS).odr
    assert r.by_channel["afn"].rate.status == "no_data"
    assert (r.rate.status, r.rate.headroom) == ("ok", 2)


def test_ages_out_lists_window_defects_by_date() -> None:
    a = order("A", datetime(2026, 9, 8, 4, 0, tzinfo=UTC))
    b = order("B", datetime(2026, 9, 20, 4, 0, tzinfo=UTC), "afn")
    old = order("C", datetime(2026, 9, 1, tzinfo=UTC))
    inputs = MetricInputs.from_records(
        orders=[b, a, old],
        feedback=[feedback("B"), feedback("A", day=date(2026, 9, 9)), feedback("C")],
    )
    ages = compute_metrics(inputs, AS_OF, SETTINGS).odr.ages_out
    assert [(x.order_id, x.day) for x in ages] == [
        ("A", date(2026, 11, 21)),
        ("B", date(2026, 12, 3)),
    ]


def test_forecast_moves_the_window_and_keeps_todays_defects() -> None:
    leaving = order("L", datetime(2026, 9, 7, 10, tzinfo=UTC))  # leaves on day 1
    entering = order("E", datetime(2026, 11, 8, 10, tzinfo=UTC))  # enters on 11-23
    inputs = MetricInputs.from_records(
        orders=[leaving, entering] + fillers(98),
        feedback=[feedback("L", day=date(2026, 9, 10)), feedback("E", day=date(2026, 11, 12))],
    )
    r = compute_metrics(inputs, AS_OF, SETTINGS).odr
    assert (r.rate.numerator, r.rate.denominator) == (1, 99)
    days = {f.day: (f.rate.numerator, f.rate.denominator) for f in r.forecast}
    assert len(r.forecast) == 14
    assert days[date(2026, 11, 21)] == (0, 98)
    assert days[date(2026, 11, 22)] == (0, 98)  # the window end is exclusive
    assert days[date(2026, 11, 23)] == (1, 99)
    assert r.forecast[0].day == date(2026, 11, 21) and r.forecast[-1].day == date(2026, 12, 4)


def test_window_settings_are_honoured() -> None:
    s = MetricSettings(odr_window_days=30, odr_lag_days=0)
    inputs = MetricInputs.from_records(orders=[order("A", AS_OF - timedelta(days=2))])
    r = compute_metrics(inputs, AS_OF, s).odr.rate
    assert r.denominator == 1
    assert r.window_start == datetime(2026, 10, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fb", "reason"),
    [
        (feedback("A", rating=1), None),
        (feedback("A", rating=2), None),
        (feedback("A", rating=3), "neutral - not an ODR defect"),
        (feedback("A", rating=4), "positive - not an ODR defect"),
        (feedback("A", rating=5, removed=True), "positive - not an ODR defect"),
        (feedback("A", rating=1, removed=True), "removed"),
        (feedback("A", rating=2, struck_through=True), "struck through"),
        (feedback("A", rating=1, removed=True, struck_through=True), "removed"),
        (feedback("A", rating=3, struck_through=True), "neutral - not an ODR defect"),
    ],
)
def test_feedback_exclusion_reasons(fb: Feedback, reason: str | None) -> None:
    assert feedback_exclusion(fb) == reason
    # the engine counts exactly the feedback without a reason
    assert odr(orders=[order("A")], feedback=[fb]) == (int(reason is None), 1)


@pytest.mark.parametrize(
    ("channel", "c", "reason"),
    [
        ("afn", claim("A", reason="not_received"), "FBA fulfilment claim: Amazon's responsibility"),
        (
            "afn",
            claim("A", reason="late_delivery"),
            "FBA fulfilment claim: Amazon's responsibility",
        ),
        (
            "afn",
            claim("A", reason="damaged_in_transit"),
            "FBA fulfilment claim: Amazon's responsibility",
        ),
        ("afn", claim("A", reason="defective"), None),
        ("mfn", claim("A", reason="not_received"), None),
        ("mfn", claim("A", status="denied"), "denied"),
        ("mfn", claim("A", status="withdrawn"), "withdrawn"),
        ("afn", claim("A", status="denied", reason="not_received"), "denied"),
        ("mfn", claim("A", protected=True), "buy shipping protected"),
        ("mfn", claim("A", status="granted"), None),
        ("mfn", claim("A", kind="chargeback", reason="fraud"), "fraud chargeback"),
        ("mfn", claim("A", kind="chargeback", reason="fraud", status="won"), "fraud chargeback"),
        ("mfn", claim("A", kind="chargeback", status="won"), "won"),
        ("mfn", claim("A", kind="chargeback", status="withdrawn"), "withdrawn"),
        ("mfn", claim("A", kind="chargeback", status="lost"), None),
        ("afn", claim("A", kind="chargeback", reason="not_received"), None),
        ("mfn", claim("A", kind="guarantee"), "neither an A-to-z claim nor a chargeback"),
    ],
)
def test_claim_exclusion_reasons(channel: Channel, c: Claim, reason: str | None) -> None:
    o = order("A", channel=channel)
    assert claim_exclusion(c, o) == reason
    assert (claim_defect_kind(c, o) is None) is (reason is not None)
    assert odr(orders=[o], claims=[c]) == (int(reason is None), 1)
