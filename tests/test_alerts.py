"""Warnings before breach: keys, severities, states and the sentences a seller reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.alerts import Alert, evaluate_alerts, format_duration, format_pct
from core.deadlines import build_board
from core.metrics import MetricInputs, compute_metrics
from core.model import Channel, Feedback, Message, Order
from core.serialize import alerts_to_json
from core.settings import MetricSettings

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
FRESH = NOW - timedelta(days=1)
S = MetricSettings()


def orders(
    n: int, channel: Channel, when: datetime = datetime(2026, 10, 1, tzinfo=UTC)
) -> list[Order]:
    return [Order(f"{channel}-{when:%m%d}-{i}", when, "Shipped", channel) for i in range(n)]


def alerts_for(inputs: MetricInputs, **kw: object) -> dict[str, Alert]:
    metrics = compute_metrics(inputs, NOW, S)
    board = build_board(inputs, NOW, S)
    opts: dict[str, object] = {"last_orders_import": FRESH, "weekly_review_due": False}
    opts.update(kw)
    found = evaluate_alerts(metrics, board, NOW, settings=S, **opts)  # type: ignore[arg-type]
    return {a.key: a for a in found}


def neg(oid: str) -> Feedback:
    return Feedback(oid, date(2026, 10, 5), 1)


def test_nothing_to_say_when_all_is_well() -> None:
    assert alerts_for(MetricInputs.from_records(orders=orders(300, "afn"))) == {}


def test_headroom_zero_says_one_more_defect_breaches() -> None:
    found = alerts_for(
        MetricInputs.from_records(orders=orders(150, "afn"), feedback=[neg("afn-1001-0")])
    )
    a = found["odr.afn.status"]
    assert a.title == "One more defective order puts your FBA ODR at 1.33 %, above the 1 % limit"
    assert a.detail.startswith("FBA ODR is 0.67 % now, close to the 1 % limit. 1 of 150 orders")
    assert a.severity == "warning"
    assert a.state == "last:n=1"
    # one warning for one condition: the status and "one more breaches" are the same alert
    assert [k for k in found if k.startswith("odr.afn.")] == ["odr.afn.status"]
    assert not any(k.startswith("odr.mfn.") for k in found)


@pytest.mark.parametrize(("defects", "severity"), [(3, "warning"), (4, "critical")])
def test_status_alerts(defects: int, severity: str) -> None:
    base = orders(400, "mfn")
    found = alerts_for(
        MetricInputs.from_records(orders=base, feedback=[neg(o.order_id) for o in base[:defects]])
    )
    a = found["odr.mfn.status"]
    assert a.severity == severity
    assert a.state == ("last:n=3" if defects == 3 else "breach")
    # 3 of 400 (0.75 %) leaves no room: the warning says what the next defect does
    expected = {
        3: "One more defective order puts your FBM ODR at the 1 % limit",
        4: "FBM ODR is 1 %, at the 1 % limit",
    }
    assert a.title == expected[defects]


def test_forecast_crossing_names_the_day_and_the_order() -> None:
    base = orders(150, "afn")
    recent = Order("112-0000001-0000001", datetime(2026, 11, 10, 9, tzinfo=UTC), "Shipped", "afn")
    inputs = MetricInputs.from_records(
        orders=base + [recent],
        feedback=[neg(base[0].order_id), Feedback(recent.order_id, date(2026, 11, 15), 1)],
    )
    found = alerts_for(inputs)
    a = found["odr.afn.forecast"]
    # purchased Nov 10, the order is inside the window from Nov 25: 2 of 151 orders
    assert a.title == "FBA ODR will reach 1.32 % on Nov 25, 2026, above the 1 % limit"
    assert a.detail == (
        "Order 112-0000001-0000001 enters the window on Nov 25, 2026: then 2 of 151 orders "
        "have a defect. Defects that have not arrived yet would add to this."
    )
    assert a.state == "2026-11-25"


def test_no_forecast_alert_when_already_in_breach() -> None:
    base = orders(100, "afn")
    found = alerts_for(MetricInputs.from_records(orders=base, feedback=[neg(base[0].order_id)]))
    assert "odr.afn.forecast" not in found
    assert found["odr.afn.status"].severity == "critical"


def test_deadline_alerts() -> None:
    soon = Message("M1", "T1", "in", NOW - timedelta(hours=20, minutes=50), order_id="112-1")
    late = Message("M2", "T2", "in", NOW - timedelta(hours=26), order_id="112-2")
    calm = Message("M3", "T3", "in", NOW - timedelta(hours=1), order_id="112-3")
    found = alerts_for(MetricInputs.from_records(messages=[soon, late, calm]))
    assert found["deadline.message.M1"].title == "Buyer message on order 112-1 is due in 3 h 10 min"
    assert found["deadline.message.M1"].severity == "warning"
    assert found["deadline.message.M1"].state == "due_soon"
    assert found["deadline.message.M2"].title == "Buyer message on order 112-2 is overdue by 2 h"
    assert found["deadline.message.M2"].severity == "critical"
    assert (found["deadline.message.M2"].screen, found["deadline.message.M2"].ref) == (
        "inbox",
        "M2",
    )
    assert "deadline.message.M3" not in found


@pytest.mark.parametrize(
    ("last", "expected_title"),
    [
        (None, "No orders report imported yet"),
        (datetime(2026, 11, 12, 8, tzinfo=UTC), "No orders report imported for 8 days"),
        (NOW - timedelta(days=7), "No orders report imported for 7 days"),
        (NOW - timedelta(days=6, hours=23), None),
    ],
)
def test_stale_data(last: datetime | None, expected_title: str | None) -> None:
    found = alerts_for(MetricInputs(), last_orders_import=last)
    if expected_title is None:
        assert "data.stale" not in found
    else:
        assert found["data.stale"].title == expected_title
        assert found["data.stale"].severity == "info"


def test_weekly_review_state_changes_each_week() -> None:
    a = alerts_for(MetricInputs(), weekly_review_due=True)["review.weekly"]
    assert (a.severity, a.state) == ("info", "2026-W47")


def test_most_severe_first() -> None:
    late = Message("M2", "T2", "in", NOW - timedelta(hours=26), order_id="112-2")
    metrics = compute_metrics(MetricInputs.from_records(messages=[late]), NOW, S)
    board = build_board(MetricInputs.from_records(messages=[late]), NOW, S)
    found = evaluate_alerts(
        metrics, board, NOW, last_orders_import=None, weekly_review_due=True, settings=S
    )
    severities = [a.severity for a in found]
    assert severities == sorted(severities, key=["critical", "warning", "info"].index)
    assert [a.key for a in found] == [
        "lrr.status",  # metrics before deadlines within a severity
        "deadline.message.M2",
        "data.stale",
        "review.weekly",
    ]


def test_alerts_json_shape() -> None:
    late = Message("M2", "T2", "in", NOW - timedelta(hours=26), order_id="112-2")
    inputs = MetricInputs.from_records(messages=[late])
    found = evaluate_alerts(
        compute_metrics(inputs, NOW, S),
        build_board(inputs, NOW, S),
        NOW,
        last_orders_import=FRESH,
        weekly_review_due=False,
        settings=S,
    )
    doc = alerts_to_json(found, NOW)
    assert doc["now"] == "2026-11-20T15:00:00+00:00"
    assert all(set(a) == {"key", "severity", "title", "detail"} for a in doc["alerts"])
    assert [a["key"] for a in doc["alerts"]] == ["lrr.status", "deadline.message.M2"]


def test_same_inputs_same_alerts() -> None:
    inputs = MetricInputs.from_records(orders=orders(150, "afn"), feedback=[neg("afn-1001-0")])
    assert alerts_for(inputs) == alerts_for(inputs)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (11400, "3 h 10 min"),
        (-7200, "2 h"),
        (45 * 60, "45 min"),
        (30, "less than a minute"),
        (2 * 86400 + 5 * 3600, "2 d 5 h"),
        (86400, "1 d"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("value", "text"), [(1.0, "1 %"), (0.8179959, "0.82 %"), (16.666, "16.67 %"), (10.5, "10.5 %")]
)
def test_format_pct(value: float, text: str) -> None:
    assert format_pct(value) == text
