"""The daily history equals compute_metrics run once per day, edge by edge."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from core.metrics import MetricInputs, compute_metrics
from core.metrics.history import (
    END_OF_DAY,
    DailyPoint,
    daily_history,
    day_instants,
    history_reach,
)
from core.metrics.lrr import contacts_from_messages
from core.model import Claim, Feedback, Message, Order, ReturnRequest
from core.settings import MetricSettings

S = MetricSettings()
D0 = date(2026, 9, 1)
SECOND = timedelta(seconds=1)


def at(day: date, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=UTC)


def days(n: int) -> timedelta:
    return timedelta(days=n)


def naive(
    inputs: MetricInputs, first: date, last: date, settings: MetricSettings, when: time
) -> list[dict[tuple[str, str], object]]:
    """The definition: compute_metrics once per day's as_of."""
    return [
        dict(compute_metrics(inputs, end, settings).rates())
        for end in day_instants(first, last, when)
    ]


def history(
    inputs: MetricInputs,
    first: date,
    last: date,
    settings: MetricSettings = S,
    when: time = END_OF_DAY,
) -> list[DailyPoint]:
    """daily_history, asserted equal to the per-day loop before it is returned."""
    points = daily_history(inputs, first, last, settings, at=when)
    assert [p.as_of for p in points] == day_instants(first, last, when)
    assert [p.day for p in points] == [first + days(k) for k in range(len(points))]
    assert [dict(p.rates()) for p in points] == naive(inputs, first, last, settings, when)
    return points


def series(points: Sequence[DailyPoint], key: tuple[str, str]) -> list[tuple[int, int]]:
    """(numerator, denominator) per day of one rate."""
    return [(p.rates()[key].numerator, p.rates()[key].denominator) for p in points]


ODR = ("order_defect_rate", "")
MFN = ("order_defect_rate", "mfn")
LRR = ("late_response_rate", "")
NFR = ("negative_feedback_rate", "")
RDR = ("return_dissatisfaction_rate", "")


def test_the_point_of_a_day_is_its_last_second() -> None:
    (point,) = history(MetricInputs(), D0, D0)
    assert point.as_of == datetime(2026, 9, 1, 23, 59, 59, tzinfo=UTC)
    # the ODR window is the one of Amazon's report dated that day
    assert point.odr.window_start == at(D0 - days(74))
    assert point.odr.window_end == at(D0 - days(14))


def test_empty_range_and_empty_inputs() -> None:
    assert daily_history(MetricInputs(), D0, D0 - days(1), S) == []
    points = history(MetricInputs(), D0, D0 + days(3))
    assert all(r.status == "no_data" for p in points for r in p.rates().values())


def test_negative_feedback_counts_from_the_point_of_its_date() -> None:
    order = Order("A", at(D0 - days(30), 10), "Shipped", "mfn")
    inputs = MetricInputs.from_records(orders=[order], feedback=[Feedback("A", D0, 1)])
    points = history(inputs, D0 - days(2), D0 + days(2))
    assert series(points, MFN) == [(0, 1), (0, 1), (1, 1), (1, 1), (1, 1)]
    assert series(points, NFR) == [(0, 0), (0, 0), (1, 1), (1, 1), (1, 1)]


def test_claims_on_the_day_edge() -> None:
    orders = [Order(oid, at(D0 - days(30)), "Shipped", "mfn") for oid in ("A", "B")]
    claims = [
        Claim("c1", "A", "a-to-z", at(D0, 23, 59, 59), "not_received", "open"),
        Claim("c2", "B", "chargeback", at(D0 + days(1)), "other", "open"),
    ]
    inputs = MetricInputs.from_records(orders=orders, claims=claims)
    points = history(inputs, D0 - days(1), D0 + days(1))
    assert series(points, ODR) == [(0, 2), (1, 2), (2, 2)]


def test_orders_at_the_edges_of_the_lagging_window() -> None:
    orders = [
        Order("late", at(D0 - days(14), 23, 59, 59), "Shipped", "afn"),  # enters on D0 + 1
        Order("early", at(D0 - days(74)), "Shipped", "mfn"),  # leaves on D0 + 1
        Order("cancelled", at(D0 - days(20)), "Cancelled", "mfn"),
    ]
    feedback = [Feedback(o.order_id, D0 - days(10), 2) for o in orders]
    points = history(MetricInputs.from_records(orders=orders, feedback=feedback), D0, D0 + days(1))
    assert series(points, ("order_defect_rate", "afn")) == [(0, 0), (1, 1)]
    assert series(points, MFN) == [(1, 1), (0, 0)]
    assert series(points, ODR) == [(1, 1), (1, 1)]


def test_a_defect_never_counts_before_it_arrives_nor_after_its_order_ages_out() -> None:
    order = Order("A", at(D0 - days(60), 9), "Shipped", "afn")
    claims = [
        Claim("c1", "A", "a-to-z", at(D0 + days(5), 8), "defective", "open"),
        Claim("c2", "A", "chargeback", at(D0 + days(80)), "other", "open"),
    ]
    points = history(MetricInputs.from_records(orders=[order], claims=claims), D0, D0 + days(20))
    # counts from D0 + 5; its order's last day in [D - 74, D - 14) is purchase + 74 = D0 + 14
    assert [p.odr.numerator for p in points] == [0] * 5 + [1] * 10 + [0] * 6
    assert [p.odr.denominator for p in points] == [1] * 15 + [0] * 6


def test_messages_answered_across_midnight_and_pending_ones() -> None:
    messages = [
        Message("m1", "t1", "in", at(D0, 10)),  # answered next day, 23 h: on time
        Message("r1", "t1", "out", at(D0 + days(1), 9)),
        Message("m2", "t2", "in", at(D0, 1)),  # answered next day, 25 h: late
        Message("r2", "t2", "out", at(D0 + days(1), 2)),
        Message("m3", "t3", "in", at(D0, 20)),  # never answered: late from the next day
        Message("m4", "t4", "in", at(D0, 23, 59, 59)),  # received at the as_of: not yet
        Message("m5", "t5", "in", at(D0, 5), responded_at=at(D0 + days(1), 4)),  # marked
    ]
    points = history(MetricInputs.from_records(messages=messages), D0 - days(1), D0 + days(2))
    # D0 + 1: m4 has waited exactly 24 h, still pending; late on D0 + 2
    assert series(points, LRR) == [(0, 0), (0, 0), (2, 4), (3, 5)]
    assert points[2].lrr.value == 50.0


def test_contacts_loaded_for_a_later_day_do_not_answer_earlier_days() -> None:
    """Storage loads contacts with their response by its as_of; a reply after a day's as_of
    did not exist yet on that day, so the message was pending then."""
    messages = [
        Message("m1", "t1", "in", at(D0, 10)),
        Message("r1", "t1", "out", at(D0 + days(1), 9)),
        Message("m2", "t2", "in", at(D0, 1)),
        Message("r2", "t2", "out", at(D0 + days(3), 2)),
    ]
    plain = MetricInputs.from_records(messages=messages)
    last = D0 + days(4)
    loaded = MetricInputs(contacts=tuple(contacts_from_messages(messages, at(last, 23, 59, 59))))
    points = history(loaded, D0 - days(1), last)
    assert [p.rates() for p in points] == [p.rates() for p in history(plain, D0 - days(1), last)]
    assert series(points, LRR) == [(0, 0), (0, 0), (1, 2), (1, 2), (1, 2), (1, 2)]
    assert compute_metrics(loaded, at(D0, 23, 59, 59), S).lrr.pending == 2


def _return(rma: str, day: date, status: str = "Pending", **kw: object) -> ReturnRequest:
    return ReturnRequest("O", rma, day, status, **kw)  # type: ignore[arg-type]


def test_decided_and_undecided_returns() -> None:
    returns = [
        _return("in-time", D0, "Authorized", decided_at=at(D0 + days(1), 23)),
        _return("decided-late", D0, "Authorized", decided_at=at(D0 + days(2), 0, 0, 1)),
        _return("undecided", D0),
        _return("first-seen", D0, "Closed", first_seen_decided=True),
        _return("status-only", D0, "Approved"),
        _return("rejected", D0, "Rejected", in_policy=True, first_seen_decided=True),
        _return("unhappy", D0, "Closed", first_seen_decided=True, negative_feedback=True),
        _return("old", D0 - days(60)),  # leaves the 60-day window on D0
    ]
    points = history(MetricInputs.from_records(returns=returns), D0 - days(1), D0 + days(3))
    # 48 h run out at D0 + 2 00:00: from that day's point the two undecided-by-then are late
    assert series(points, RDR) == [(1, 1), (2, 7), (2, 7), (4, 7), (4, 7)]


def test_negative_only_feedback_and_the_typed_total() -> None:
    feedback = [
        Feedback("A", D0, 1, from_full_report=False),
        Feedback("B", D0 + days(1), 3, from_full_report=False),
        Feedback("C", D0 + days(2), 5, from_full_report=False),
    ]
    inputs = MetricInputs.from_records(feedback=feedback)
    points = history(inputs, D0, D0 + days(2))
    assert [p.nfr.status for p in points] == ["no_data", "no_data", "breach"]
    typed = MetricInputs.from_records(feedback=feedback, feedback_manager_total=40)
    points = history(typed, D0, D0 + days(2))
    assert series(points, NFR) == [(1, 40), (1, 40), (1, 3)]


SETTINGS = [
    S,
    MetricSettings(odr_window_days=30, odr_lag_days=0, lrr_days=7, nfr_days=30, rdr_days=30),
    MetricSettings(response_hours=48, return_decision_hours=24, warn_ratio=0.5, odr_target=2.5),
    MetricSettings(lrr_days=90, nfr_days=365, feedback_manager_total=7),
]


@pytest.mark.parametrize("settings", SETTINGS, ids=["default", "short", "lenient", "long"])
@pytest.mark.parametrize(
    "when", [END_OF_DAY, time(0, 0), time(12, 0)], ids=["end", "midnight", "noon"]
)
def test_every_edge_under_other_settings_and_times_of_day(
    settings: MetricSettings, when: time
) -> None:
    orders = [
        Order("late", at(D0 - days(14), 23, 59, 59), "Shipped", "afn"),
        Order("early", at(D0 - days(74)), "Shipped", "mfn"),
        Order("mid", at(D0 - days(30), 12), "Shipped", "mfn"),
        Order("gone", at(D0 - days(31)), "Cancelled", "afn"),
    ]
    feedback = [
        Feedback("late", D0 - days(1), 1),
        Feedback("early", D0, 2, struck_through=True),
        Feedback("mid", D0 + days(1), 5),
        Feedback("gone", D0, 1),
    ]
    claims = [
        Claim("c1", "early", "a-to-z", at(D0, 12), "defective", "granted"),
        Claim("c2", "mid", "a-to-z", at(D0 + days(1)), "not_received", "open"),
        Claim("c3", "late", "chargeback", at(D0, 23, 59, 59), "fraud", "open"),
    ]
    messages = [
        Message("m1", "t1", "in", at(D0, 10)),
        Message("r1", "t1", "out", at(D0 + days(1), 9)),
        Message("m2", "t1", "in", at(D0, 11)),
        Message("m3", "t2", "in", at(D0, 0), automated=False),
        Message("r3", "t2", "out", at(D0, 1), automated=True),
        Message("m4", "t3", "in", at(D0 - days(7))),
        Message("m5", "t4", "in", at(D0 + days(1)), no_response_needed=True),
    ]
    returns = [
        _return("a", D0, "Authorized", decided_at=at(D0 + days(1), 12)),
        _return("b", D0 - days(1)),
        _return("c", D0 - days(30), "Rejected", in_policy=True, decided_at=at(D0 - days(30), 1)),
    ]
    inputs = MetricInputs.from_records(
        orders=orders, feedback=feedback, claims=claims, messages=messages, returns=returns
    )
    history(inputs, D0 - days(8), D0 + days(8), settings, when)


# Random small inputs: instants fall on midnights, last seconds and the hours of the
# rules' clocks as often as anywhere else, so the edges are where hypothesis looks.
SPAN = 50
EDGE_TIMES = [time(0, 0), time(23, 59, 59), time(0, 0, 1), time(12, 0), time(23, 0)]
SMALL = MetricSettings(
    odr_window_days=10, odr_lag_days=3, lrr_days=7, nfr_days=9, rdr_days=8, response_hours=24
)
when_times = st.sampled_from([END_OF_DAY, time(0, 0), time(6, 30)])
day_offsets = st.integers(min_value=0, max_value=SPAN)
small_dates = day_offsets.map(lambda n: D0 + days(n))


@st.composite
def instants(draw: st.DrawFn) -> datetime:
    day = draw(small_dates)
    if draw(st.booleans()):
        return datetime.combine(day, draw(st.sampled_from(EDGE_TIMES)), tzinfo=UTC)
    return at(day) + timedelta(seconds=draw(st.integers(0, 86_399)))


@st.composite
def replies(draw: st.DrawFn, received: datetime) -> datetime:
    hours = draw(st.sampled_from([0, 1, 23, 24, 25, 47, 48, 49]))
    return received + timedelta(hours=hours, seconds=draw(st.sampled_from([-1, 0, 1])))


@st.composite
def small_records(draw: st.DrawFn) -> dict[str, list[Any]]:
    n = draw(st.integers(0, 12))
    orders = [
        Order(
            f"O{i}",
            draw(instants()),
            draw(st.sampled_from(["Shipped", "Shipped", "Cancelled"])),
            draw(st.sampled_from(["afn", "mfn"])),
        )
        for i in range(n)
    ]
    ids = st.sampled_from([o.order_id for o in orders] + ["unknown"])
    feedback = [
        Feedback(
            oid,
            draw(small_dates),
            draw(st.integers(1, 5)),
            struck_through=draw(st.booleans()),
            from_full_report=draw(st.booleans()),
        )
        for oid in dict.fromkeys(draw(st.lists(ids, max_size=8)))
    ]
    claims = [
        Claim(
            f"C{i}",
            draw(ids),
            draw(st.sampled_from(["a-to-z", "chargeback"])),
            draw(instants()),
            draw(st.sampled_from(["defective", "not_received", "fraud", "other"])),
            draw(st.sampled_from(["open", "granted", "denied", "won"])),
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    messages: list[Message] = []
    for i in range(draw(st.integers(0, 8))):
        received = draw(instants())
        thread = draw(st.sampled_from(["t1", "t2", "t3"]))
        marked = draw(st.none() | replies(received))
        messages.append(
            Message(
                f"M{i}",
                thread,
                "in",
                received,
                no_response_needed=draw(st.booleans()),
                responded_at=marked,
            )
        )
        if draw(st.booleans()):
            sent = draw(replies(received))
            messages.append(Message(f"R{i}", thread, "out", sent, automated=draw(st.booleans())))
    returns = []
    for i in range(draw(st.integers(0, 6))):
        requested = draw(small_dates)
        returns.append(
            ReturnRequest(
                f"R{i}",
                "rma",
                requested,
                draw(st.sampled_from(["Pending", "Authorized", "Rejected"])),
                in_policy=draw(st.none() | st.booleans()),
                decided_at=draw(st.none() | replies(at(requested))),
                first_seen_decided=draw(st.booleans()),
                negative_feedback=draw(st.booleans()),
            )
        )
    return {
        "orders": orders,
        "feedback": feedback,
        "claims": claims,
        "messages": messages,
        "returns": returns,
    }


@hsettings(max_examples=200, deadline=None)
@given(small_records(), day_offsets, st.integers(0, 25), when_times, st.booleans())
def test_equal_to_the_per_day_loop(
    records: dict[str, list[Any]], start: int, length: int, when: time, short: bool
) -> None:
    inputs = MetricInputs.from_records(**records)
    first = D0 + days(start - 10)
    history(inputs, first, first + days(length), SMALL if short else S, when)


@hsettings(max_examples=100, deadline=None)
@given(small_records(), st.integers(0, 25), when_times)
def test_contacts_loaded_at_the_last_day_give_the_same_history(
    records: dict[str, list[Any]], length: int, when: time
) -> None:
    """What storage passes (contacts with their response by the last as_of) is enough."""
    plain = MetricInputs.from_records(**records)
    first, last = D0 + days(10), D0 + days(10 + length)
    end = datetime.combine(last, when, tzinfo=UTC)
    loaded = replace(plain, contacts=tuple(contacts_from_messages(plain.messages, end)))
    assert daily_history(loaded, first, last, SMALL, at=when) == history(
        plain, first, last, SMALL, when
    )


def _within_reach(records: dict[str, list[Any]], first: date, last: date) -> MetricInputs:
    """Only what history_reach asks a loader for."""
    reach = history_reach(first, last, S)
    orders = [
        o
        for o in records["orders"]
        if reach.orders_from <= o.purchase_date.date() < reach.orders_until
        and o.purchase_date <= reach.as_of
    ]
    kept = {o.order_id for o in orders}
    return MetricInputs.from_records(
        orders=orders,
        feedback=[
            f
            for f in records["feedback"]
            if (f.feedback_date >= reach.feedback_from or f.order_id in kept)
            and f.feedback_date <= reach.as_of.date()
        ],
        claims=[c for c in records["claims"] if c.order_id in kept and c.filed_at <= reach.as_of],
        messages=[
            m
            for m in records["messages"]
            if (m.direction == "out" or m.timestamp >= reach.contacts_from)
            and m.timestamp <= reach.as_of
        ],
        returns=[r for r in records["returns"] if r.request_date >= reach.returns_from],
    )


@pytest.mark.parametrize("seed", range(6))
def test_history_reach_is_all_a_loader_needs(seed: int) -> None:
    records = _random_year(random.Random(seed))
    first, last = D0 + days(120), D0 + days(200)
    whole = daily_history(MetricInputs.from_records(**records), first, last, S)
    assert daily_history(_within_reach(records, first, last), first, last, S) == whole
    assert any(p.odr.numerator for p in whole) and any(p.lrr.numerator for p in whole)


def _random_year(rnd: random.Random) -> dict[str, list[Any]]:
    """About 300 days of a small seller, beyond every window of the range tested."""

    def moment() -> datetime:
        return at(D0) + timedelta(seconds=rnd.randrange(300 * 86_400))

    orders = [
        Order(
            f"O{i}",
            moment(),
            rnd.choice(["Shipped"] * 9 + ["Cancelled"]),
            rnd.choice(["afn", "mfn"]),
        )
        for i in range(900)
    ]
    feedback = [
        Feedback(o.order_id, (o.purchase_date + days(rnd.randrange(40))).date(), rnd.randint(1, 5))
        for o in rnd.sample(orders, 150)
    ]
    claims = [
        Claim(
            f"C{i}",
            o.order_id,
            "a-to-z",
            o.purchase_date + days(rnd.randrange(90)),
            "defective",
            "open",
        )
        for i, o in enumerate(rnd.sample(orders, 30))
    ]
    messages: list[Message] = []
    for i in range(400):
        received = moment()
        messages.append(Message(f"M{i}", f"t{i}", "in", received))
        if rnd.random() < 0.8:
            sent = received + timedelta(hours=rnd.choice([2, 20, 30, 80]))
            messages.append(Message(f"R{i}", f"t{i}", "out", sent))
    returns = [
        ReturnRequest(f"O{i}", "rma", moment().date(), rnd.choice(["Pending", "Authorized"]))
        for i in range(80)
    ]
    return {
        "orders": orders,
        "feedback": feedback,
        "claims": claims,
        "messages": messages,
        "returns": returns,
    }
