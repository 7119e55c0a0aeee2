"""RDR rules: FBM requests in the window; negative feedback, late decisions, wrong rejections."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.metrics import MetricInputs, compute_metrics
from core.metrics.result import RdrResult
from core.model import ReturnRequest

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
REQ = date(2026, 11, 1)
REQ_AT = datetime(2026, 11, 1, tzinfo=UTC)
H = timedelta(hours=1)


def ret(status: str = "Approved", day: date = REQ, **kw: object) -> ReturnRequest:
    return ReturnRequest("111-0000000-0000000", f"R{day}{status}{len(kw)}", day, status, **kw)  # type: ignore[arg-type]


def rdr(*returns: ReturnRequest, as_of: datetime = AS_OF) -> RdrResult:
    return compute_metrics(MetricInputs.from_records(returns=returns), as_of).rdr


def flags(r: RdrResult) -> tuple[int, int, int, int]:
    c = r.components
    return r.rate.numerator, c.negative_feedback, c.late, c.incorrectly_rejected


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (ret("Approved", decided_at=REQ_AT + 47 * H), (0, 0, 0, 0)),
        (ret("Approved", decided_at=REQ_AT + 48 * H), (0, 0, 0, 0)),  # exactly 48 h is in time
        (ret("Approved", decided_at=REQ_AT + 49 * H), (1, 0, 1, 0)),
        (ret("Pending"), (1, 0, 1, 0)),  # undecided long past 48 h
        (ret("Approved", first_seen_decided=True), (0, 0, 0, 0)),
        (ret("Approved", first_seen_decided=True, decided_at=REQ_AT + 200 * H), (0, 0, 0, 0)),
        (ret("Closed"), (0, 0, 0, 0)),  # decided at an unknown time: on time
        (ret("Rejected", in_policy=True, first_seen_decided=True), (1, 0, 0, 1)),
        (ret("Rejected", in_policy=False, first_seen_decided=True), (0, 0, 0, 0)),
        (ret("Rejected", in_policy=None, first_seen_decided=True), (0, 0, 0, 0)),
        (ret("Approved", first_seen_decided=True, negative_feedback=True), (1, 1, 0, 0)),
        (
            ret("Rejected", in_policy=True, negative_feedback=True, decided_at=REQ_AT + 72 * H),
            (1, 1, 1, 1),
        ),
    ],
)
def test_negative_request_rules(
    request_: ReturnRequest, expected: tuple[int, int, int, int]
) -> None:
    r = rdr(request_)
    assert r.rate.denominator == 1
    assert flags(r) == expected


def test_pending_within_48_hours_is_not_late_yet() -> None:
    today = ret("Pending", day=date(2026, 11, 19))  # due 11-21 00:00
    assert flags(rdr(today)) == (0, 0, 0, 0)
    assert flags(rdr(today, as_of=datetime(2026, 11, 21, 0, 0, 1, tzinfo=UTC))) == (1, 0, 1, 0)


def test_decision_after_as_of_is_unknown_at_as_of() -> None:
    later = ret("Approved", decided_at=REQ_AT + 10 * H)
    r = rdr(later, as_of=REQ_AT + 50 * H)
    assert flags(r) == (0, 0, 0, 0)  # decided in time, known by then
    slow = ret("Approved", decided_at=REQ_AT + 60 * H)
    assert flags(rdr(slow, as_of=REQ_AT + 50 * H)) == (1, 0, 1, 0)  # undecided past 48 h


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (date(2026, 9, 22), True),
        (date(2026, 9, 21), False),
        (date(2026, 11, 20), True),
        (date(2026, 11, 21), False),
    ],
)
def test_window_by_request_date(day: date, inside: bool) -> None:
    assert rdr(ret(day=day, first_seen_decided=True)).rate.denominator == int(inside)


def test_headroom_and_status() -> None:
    good = [
        ret("Approved", day=REQ - timedelta(days=i), first_seen_decided=True) for i in range(19)
    ]
    r = rdr(ret("Pending"), *good)
    assert (r.rate.numerator, r.rate.denominator) == (1, 20)
    assert r.rate.value == pytest.approx(5.0)
    assert (r.rate.headroom, r.rate.status) == (0, "warning")  # ceil(2) - 1 - 1
