"""LRR rules: contacts, replies, late, pending, windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.metrics import MetricInputs, compute_metrics
from core.metrics.lrr import LRR_WINDOWS, compute_lrr, contacts_from_messages
from core.metrics.result import LrrResult
from core.model import Message
from core.settings import MetricSettings

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
H = timedelta(hours=1)
SETTINGS = MetricSettings()
_ids = iter(range(10**6))


def inbound(at: datetime, thread: str = "T", **kw: object) -> Message:
    return Message(f"in-{next(_ids)}", thread, "in", at, **kw)  # type: ignore[arg-type]


def outbound(at: datetime, thread: str = "T", automated: bool = False) -> Message:
    return Message(f"out-{next(_ids)}", thread, "out", at, automated=automated)


def lrr(*messages: Message, as_of: datetime = AS_OF) -> LrrResult:
    return compute_metrics(MetricInputs.from_records(messages=messages), as_of, SETTINGS).lrr


def counts(result: LrrResult) -> tuple[int, int, int]:
    return result.rate.numerator, result.rate.denominator, result.pending


T0 = AS_OF - timedelta(days=5)


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ([inbound(T0), outbound(T0 + 2 * H)], (0, 1, 0)),  # answered in time
        ([inbound(T0), outbound(T0 + 24 * H)], (0, 1, 0)),  # exactly 24 h is in time
        ([inbound(T0), outbound(T0 + 24 * H + timedelta(seconds=1))], (1, 1, 0)),
        ([inbound(T0)], (1, 1, 0)),  # never answered, 5 days passed
        ([inbound(T0), outbound(T0 + H, automated=True)], (1, 1, 0)),  # auto-reply only
        ([inbound(T0), outbound(T0 + H, thread="other")], (1, 1, 0)),  # other thread
        ([inbound(T0), outbound(T0 - H)], (1, 1, 0)),  # reply before the message
        ([inbound(T0, no_response_needed=True)], (0, 0, 0)),
        ([inbound(T0, responded_at=T0 + 3 * H)], (0, 1, 0)),  # mark responded
        ([inbound(T0, responded_at=T0 + 30 * H)], (1, 1, 0)),  # marked late
        ([inbound(AS_OF - 2 * H)], (0, 0, 1)),  # pending: excluded from both sides
        ([inbound(AS_OF - 24 * H)], (0, 0, 1)),  # exactly 24 h passed: still pending
        ([inbound(AS_OF - 25 * H)], (1, 1, 0)),
        ([inbound(AS_OF + H)], (0, 0, 0)),  # after as_of: does not exist yet
    ],
)
def test_single_contact_rules(messages: list[Message], expected: tuple[int, int, int]) -> None:
    assert counts(lrr(*messages)) == expected


def test_reply_after_as_of_does_not_count() -> None:
    start = AS_OF - 30 * H
    result = lrr(inbound(start), outbound(AS_OF + H))
    assert counts(result) == (1, 1, 0)
    # seen later, the same reply (31 h after receipt) is late too
    assert counts(lrr(inbound(start), outbound(AS_OF + H), as_of=AS_OF + 2 * H)) == (1, 1, 0)


def test_reply_after_as_of_keeps_recent_message_pending() -> None:
    assert counts(lrr(inbound(AS_OF - 3 * H), outbound(AS_OF + H))) == (0, 0, 1)


def test_one_reply_answers_every_earlier_message_in_the_thread() -> None:
    first, second = inbound(T0), inbound(T0 + 20 * H)
    result = lrr(first, second, outbound(T0 + 26 * H))
    assert counts(result) == (1, 2, 0)  # first waited 26 h, second 6 h


def test_two_buyer_messages_one_reply_before_the_second() -> None:
    result = lrr(inbound(T0), outbound(T0 + H), inbound(T0 + 2 * H))
    assert counts(result) == (1, 2, 0)  # the second is never answered


def test_windows_and_status_window() -> None:
    old = inbound(AS_OF - timedelta(days=60))  # late, only in the 90-day view
    mid = inbound(AS_OF - timedelta(days=20))  # late, in 30 and 90
    new = inbound(AS_OF - timedelta(days=2))
    result = lrr(old, mid, new, outbound(new.timestamp + H, thread="T"))
    w = result.by_window
    assert (w[7].rate.numerator, w[7].rate.denominator) == (0, 1)
    assert (w[30].rate.numerator, w[30].rate.denominator) == (1, 2)
    assert (w[90].rate.numerator, w[90].rate.denominator) == (2, 3)
    assert result.rate == w[30].rate
    assert result.rate.window_start == AS_OF - timedelta(days=30)
    assert result.rate.window_end == AS_OF


def test_window_start_is_inclusive_end_exclusive() -> None:
    at_start = inbound(AS_OF - timedelta(days=30))
    assert counts(lrr(at_start)) == (1, 1, 0)
    assert counts(lrr(inbound(AS_OF - timedelta(days=30, seconds=1)))) == (0, 0, 0)


def test_status_and_headroom() -> None:
    msgs = [inbound(T0 - timedelta(hours=i), thread=f"t{i}") for i in range(10)]
    replies = [outbound(m.timestamp + H, thread=m.thread_id) for m in msgs[1:]]
    result = lrr(*msgs, *replies)
    assert result.rate.value == pytest.approx(10.0)
    assert (result.rate.status, result.rate.headroom) == ("breach", 0)
    assert lrr(*msgs[1:], *replies).rate.status == "ok"


# --- contacts: the light (received, answered) pairs storage hands over ---


def test_contacts_from_messages_pairs_each_contact_with_its_response() -> None:
    first, second = inbound(T0), inbound(T0 + 20 * H)
    ignored = [
        inbound(T0, no_response_needed=True),
        inbound(AS_OF),  # received at as_of: not a contact yet
        outbound(T0 + 26 * H),
    ]
    got = contacts_from_messages([first, second, *ignored], AS_OF)
    assert got == [(first.timestamp, T0 + 26 * H), (second.timestamp, T0 + 26 * H)]


@pytest.mark.parametrize(
    ("received", "answered", "expected"),
    [
        (T0, T0 + 2 * H, (0, 1, 0)),
        (T0, T0 + 24 * H, (0, 1, 0)),
        (T0, T0 + 24 * H + timedelta(seconds=1), (1, 1, 0)),
        (T0, None, (1, 1, 0)),
        (AS_OF - 24 * H, None, (0, 0, 1)),  # exactly 24 h: still pending
        (AS_OF - timedelta(days=30), None, (1, 1, 0)),  # window start is inclusive
        (AS_OF - timedelta(days=30, seconds=1), None, (0, 0, 0)),
        (AS_OF, None, (0, 0, 0)),  # window end is exclusive
    ],
)
def test_compute_lrr_on_contacts(
    received: datetime, answered: datetime | None, expected: tuple[int, int, int]
) -> None:
    assert counts(compute_lrr([(received, answered)], AS_OF, SETTINGS)) == expected


def test_contacts_in_any_order_give_the_same_windows() -> None:
    contacts: list[tuple[datetime, datetime | None]] = [
        (AS_OF - timedelta(days=d, hours=d % 5), None if d % 3 else AS_OF - timedelta(days=d - 2))
        for d in range(1, 95)
    ]
    in_order = compute_lrr(sorted(contacts), AS_OF, SETTINGS)
    shuffled = compute_lrr(contacts[::-1], AS_OF, SETTINGS)
    assert in_order == shuffled
    w = in_order.by_window
    # day 7 is 7 days 2 hours back: outside the 7-day window; days 30 and 90 sit on the edge
    assert [w[n].rate.denominator for n in LRR_WINDOWS] == [6, 30, 90]


def test_explicit_contacts_take_precedence_over_messages() -> None:
    late = (AS_OF - timedelta(days=3), None)
    inputs = MetricInputs(messages=(inbound(T0), outbound(T0 + H)), contacts=(late,))
    assert counts(compute_metrics(inputs, AS_OF, SETTINGS).lrr) == (1, 1, 0)
    assert counts(compute_metrics(MetricInputs(contacts=()), AS_OF, SETTINGS).lrr) == (0, 0, 0)
