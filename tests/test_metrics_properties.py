"""Properties of the metric engine on random valid inputs (hypothesis)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from core.metrics import MetricInputs, compute_metrics, headroom
from core.metrics.common import exact
from core.metrics.result import MetricsResult, RateResult
from core.model import (
    CLAIM_REASONS,
    CLAIM_STATUSES,
    RETURN_STATUSES,
    Claim,
    Feedback,
    Message,
    Order,
    ReturnRequest,
)
from core.settings import MetricSettings

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
EARLIEST = AS_OF - timedelta(days=120)
S = MetricSettings()

instants = st.datetimes(
    min_value=EARLIEST.replace(tzinfo=None),
    max_value=AS_OF.replace(tzinfo=None),
    timezones=st.just(UTC),
)
days = st.dates(min_value=EARLIEST.date(), max_value=AS_OF.date())


@st.composite
def records(draw: st.DrawFn) -> dict[str, list[Any]]:
    n = draw(st.integers(min_value=0, max_value=25))
    orders = [
        Order(
            f"O{i}",
            draw(instants),
            draw(st.sampled_from(["Shipped", "Shipped", "Pending", "Cancelled"])),
            draw(st.sampled_from(["afn", "mfn"])),
        )
        for i in range(n)
    ]
    ids = st.sampled_from([o.order_id for o in orders] + ["unknown"])
    feedback = [
        Feedback(
            oid,
            draw(days),
            draw(st.integers(1, 5)),
            struck_through=draw(st.booleans()),
            removed=draw(st.booleans()),
            from_full_report=draw(st.booleans()),
        )
        for oid in dict.fromkeys(draw(st.lists(ids, max_size=10)))
    ]
    claims = [
        Claim(
            f"C{i}",
            draw(ids),
            draw(st.sampled_from(["a-to-z", "chargeback"])),
            draw(instants),
            draw(st.sampled_from(CLAIM_REASONS)),
            draw(st.sampled_from(CLAIM_STATUSES)),
            buy_shipping_protected=draw(st.booleans()),
            info_requested_at=draw(st.none() | instants),
            decided_at=draw(st.none() | instants),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    messages = [
        Message(
            f"M{i}",
            draw(st.sampled_from(["t1", "t2", "t3"])),
            draw(st.sampled_from(["in", "out"])),
            draw(instants),
            automated=draw(st.booleans()),
            no_response_needed=draw(st.booleans()),
            responded_at=draw(st.none() | instants),
        )
        for i in range(draw(st.integers(0, 12)))
    ]
    returns = [
        ReturnRequest(
            f"R{i}",
            "rma",
            draw(days),
            draw(st.sampled_from(RETURN_STATUSES)),
            in_policy=draw(st.none() | st.booleans()),
            decided_at=draw(st.none() | instants),
            first_seen_decided=draw(st.booleans()),
            negative_feedback=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 8)))
    ]
    return {
        "orders": orders,
        "feedback": feedback,
        "claims": claims,
        "messages": messages,
        "returns": returns,
    }


def inputs() -> st.SearchStrategy[MetricInputs]:
    return records().map(lambda r: MetricInputs.from_records(**r))  # type: ignore[arg-type]


def all_rates(m: MetricsResult) -> list[RateResult]:
    rates = [m.odr.rate, m.lrr.rate, m.nfr.rate, m.rdr.rate]
    rates += [s.rate for s in m.odr.by_channel.values()]
    rates += [w.rate for w in m.lrr.by_window.values()]
    rates += [w.rate for w in m.nfr.by_window.values()]
    for f in m.odr.forecast:
        rates += [f.rate, *f.by_channel.values()]
    return rates


@settings(max_examples=150, deadline=None)
@given(inputs())
def test_never_raises_and_value_is_the_ratio(data: MetricInputs) -> None:
    m = compute_metrics(data, AS_OF, S)
    for r in all_rates(m):
        assert r.numerator >= 0
        if r.denominator == 0:
            assert r.value is None
        else:
            assert r.value is not None
            assert abs(r.value - r.numerator / r.denominator * 100) <= 1e-9 * max(1.0, r.value)
        if r.headroom is not None:
            assert r.headroom >= 0
    assert m.odr.rate.numerator <= m.odr.rate.denominator


@settings(max_examples=100, deadline=None)
@given(records(), st.data(), st.booleans())
def test_adding_a_defect_never_lowers_odr(
    recs: dict[str, list[Any]], draw: st.DataObject, as_feedback: bool
) -> None:
    orders: list[Order] = recs["orders"]
    if not orders:
        return
    before = compute_metrics(MetricInputs.from_records(**recs), AS_OF, S).odr  # type: ignore[arg-type]
    oid = draw.draw(st.sampled_from([o.order_id for o in orders]))
    more = dict(recs)
    if as_feedback:
        others = [f for f in recs["feedback"] if f.order_id != oid]
        more["feedback"] = [*others, Feedback(oid, AS_OF.date(), 1)]
    else:
        extra = Claim("NEW", oid, "chargeback", AS_OF, "not_as_described", "open")
        more["claims"] = [*recs["claims"], extra]
    after = compute_metrics(MetricInputs.from_records(**more), AS_OF, S).odr  # type: ignore[arg-type]
    assert after.rate.denominator == before.rate.denominator
    assert after.rate.numerator >= before.rate.numerator
    for ch in ("afn", "mfn"):
        assert after.by_channel[ch].rate.numerator >= before.by_channel[ch].rate.numerator


@settings(max_examples=100, deadline=None)
@given(inputs())
def test_forecast_day_one_is_the_metric_a_day_later(data: MetricInputs) -> None:
    now = compute_metrics(data, AS_OF, S).odr
    later = compute_metrics(data, AS_OF + timedelta(days=1), S).odr
    day1 = now.forecast[0]
    assert day1.day == date(2026, 11, 21)
    assert (day1.rate.numerator, day1.rate.denominator) == (
        later.rate.numerator,
        later.rate.denominator,
    )
    assert day1.rate.status == later.rate.status
    for ch, rate in day1.by_channel.items():
        assert (rate.numerator, rate.denominator) == (
            later.by_channel[ch].rate.numerator,
            later.by_channel[ch].rate.denominator,
        )


targets = st.decimals(min_value="0.1", max_value="20", places=2).map(float)


@settings(max_examples=300, deadline=None)
@given(targets, st.integers(0, 50), st.integers(1, 5000))
def test_headroom_is_exactly_the_room_under_target(target: float, n: int, d: int) -> None:
    h = headroom(target, n, d)
    if Fraction(n * 100, d) >= exact(target):
        assert h == 0
        return
    assert Fraction((n + h) * 100, d) < exact(target)  # h more still under target
    assert Fraction((n + h + 1) * 100, d) >= exact(target)  # one more breaches
