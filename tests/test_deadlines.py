"""The countdown board: which records make an item, due times, states and order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.deadlines import DeadlineItem, build_board, item_state
from core.metrics import MetricInputs
from core.model import Claim, Feedback, Message, ReturnRequest
from core.serialize import board_rows, board_to_json
from core.settings import MetricSettings

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
H = timedelta(hours=1)
S = MetricSettings()


def board(**records: object) -> list[DeadlineItem]:
    return build_board(MetricInputs.from_records(**records), NOW, S)  # type: ignore[arg-type]


def msg(mid: str, at: datetime, direction: str = "in", **kw: object) -> Message:
    return Message(mid, "T", direction, at, order_id="111-1", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("messages", "expected_due"),
    [
        ([msg("a", NOW - 2 * H)], NOW + 22 * H),
        ([msg("a", NOW - 30 * H)], NOW - 6 * H),
        ([msg("a", NOW - 2 * H), msg("r", NOW - H, "out")], None),  # answered
        (
            [msg("a", NOW - 2 * H), msg("r", NOW - H, "out", automated=True)],
            NOW + 22 * H,
        ),  # an auto-reply is no answer
        ([msg("a", NOW - 2 * H), msg("r", NOW + H, "out")], NOW + 22 * H),  # reply not yet sent
        ([msg("a", NOW - 2 * H, responded_at=NOW - H)], None),  # mark responded
        ([msg("a", NOW - 2 * H, no_response_needed=True)], None),
        ([msg("a", NOW + H)], None),  # does not exist yet
    ],
)
def test_message_items(messages: list[Message], expected_due: datetime | None) -> None:
    items = board(messages=messages)
    if expected_due is None:
        assert items == []
    else:
        assert [(i.kind, i.ref, i.order_id, i.due_at) for i in items] == [
            ("message", "a", "111-1", expected_due)
        ]


def test_escalation_target_is_reported_beside_amazons_deadline() -> None:
    m = msg("a", NOW - 2 * H)
    items = build_board(MetricInputs.from_records(messages=[m]), NOW, S, targets={"a": 4})
    assert items[0].due_at == NOW + 22 * H
    assert items[0].target_at == NOW + 2 * H
    assert items[0].seconds_left == 22 * 3600


def ret(day: date, status: str = "Pending", **kw: object) -> ReturnRequest:
    return ReturnRequest("111-2", "RMA1", day, status, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("request_", "due"),
    [
        (ret(date(2026, 11, 16)), datetime(2026, 11, 18, tzinfo=UTC)),  # request date + 48 h
        (ret(date(2026, 11, 20)), datetime(2026, 11, 22, tzinfo=UTC)),
        (ret(date(2026, 11, 21)), None),  # not requested yet
        (ret(date(2026, 11, 16), "Authorized", first_seen_decided=True), None),
        (ret(date(2026, 11, 16), decided_at=NOW - H), None),  # seller marked it decided
        (
            ret(date(2026, 11, 16), "Approved", decided_at=NOW + H),
            datetime(2026, 11, 18, tzinfo=UTC),
        ),
        (ret(date(2026, 11, 16), "Closed"), None),
    ],
)
def test_return_items(request_: ReturnRequest, due: datetime | None) -> None:
    items = board(returns=[request_])
    assert [i.due_at for i in items] == ([] if due is None else [due])
    if items:
        assert (items[0].kind, items[0].ref) == ("return", "111-2|RMA1")


def claim(status: str, **kw: object) -> Claim:
    return Claim("AZ-1", "111-3", "a-to-z", NOW - timedelta(days=40), "not_received", status, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("c", "expected"),
    [
        (claim("info_requested", info_requested_at=NOW - 10 * H), ("claim_info", NOW + 38 * H)),
        (claim("info_requested", info_requested_at=NOW + H), None),
        (claim("open"), None),
        (
            claim("granted", decided_at=NOW - timedelta(days=10)),
            ("appeal", NOW + timedelta(days=20)),
        ),
        (claim("granted", decided_at=NOW - timedelta(days=10), appeal_logged=True), None),
        (
            claim("granted", decided_at=NOW - timedelta(days=35)),
            ("appeal", NOW - timedelta(days=5)),
        ),
        (claim("denied", decided_at=NOW - timedelta(days=10)), None),
    ],
)
def test_claim_items(c: Claim, expected: tuple[str, datetime] | None) -> None:
    items = board(claims=[c])
    assert [(i.kind, i.due_at) for i in items] == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("f", "due"),
    [
        (Feedback("111-4", date(2026, 9, 14), 2), datetime(2026, 12, 13, tzinfo=UTC)),
        (Feedback("111-4", date(2026, 9, 14), 3), None),
        (Feedback("111-4", date(2026, 9, 14), 1, removal_requested=True), None),
        (Feedback("111-4", date(2026, 9, 14), 1, removed=True), None),
        (Feedback("111-4", date(2026, 9, 14), 1, struck_through=True), None),
        (Feedback("111-4", date(2026, 11, 21), 1), None),
    ],
)
def test_feedback_removal_items(f: Feedback, due: datetime | None) -> None:
    items = board(feedback=[f])
    assert [(i.kind, i.ref, i.due_at) for i in items] == (
        [] if due is None else [("feedback_removal", "111-4", due)]
    )


@pytest.mark.parametrize(
    ("kind", "seconds", "state"),
    [
        ("message", -1, "overdue"),
        ("message", 0, "due_soon"),
        ("message", 4 * 3600, "due_soon"),
        ("message", 4 * 3600 + 1, "open"),
        ("return", 3 * 3600, "due_soon"),
        ("claim_info", 5 * 3600, "open"),
        ("appeal", 3 * 86400, "due_soon"),
        ("appeal", 3 * 86400 + 1, "open"),
        ("feedback_removal", 2 * 86400, "due_soon"),
        ("feedback_removal", -0.5, "overdue"),
    ],
)
def test_states(kind: str, seconds: float, state: str) -> None:
    assert item_state(kind, seconds, S) == state  # type: ignore[arg-type]


def test_margins_are_settings() -> None:
    s = MetricSettings(due_soon_short_hours=1, due_soon_long_days=10)
    assert item_state("message", 2 * 3600, s) == "open"
    assert item_state("appeal", 9 * 86400, s) == "due_soon"


def test_sorted_by_due_at_with_negative_seconds_when_overdue() -> None:
    items = board(
        messages=[msg("late", NOW - 30 * H), msg("soon", NOW - 21 * H)],
        returns=[ret(date(2026, 11, 20))],
        feedback=[Feedback("111-4", date(2026, 9, 14), 2)],
    )
    assert [i.kind for i in items] == ["message", "message", "return", "feedback_removal"]
    assert [i.state for i in items] == ["overdue", "due_soon", "open", "open"]
    assert items[0].seconds_left == -6 * 3600
    assert items == sorted(items, key=lambda i: i.due_at)


def test_board_json_and_rows() -> None:
    m = msg("a", NOW - 2 * H)
    items = build_board(MetricInputs.from_records(messages=[m]), NOW, S, targets={"a": 4})
    doc = board_to_json(items, NOW)
    assert doc == {
        "now": "2026-11-20T15:00:00+00:00",
        "items": [
            {
                "kind": "message",
                "ref": "a",
                "order_id": "111-1",
                "due_at": "2026-11-21T13:00:00+00:00",
                "target_at": "2026-11-20T17:00:00+00:00",
                "seconds_left": 79200.0,
                "state": "open",
            }
        ],
    }
    assert board_rows(items)[1] == ["message", "111-1", "2026-11-21 13:00", "22 h", "open"]
