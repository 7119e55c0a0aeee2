"""Account Health Rating bands and Account Health Assurance eligibility."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.ahr import add_months, ahr_band, assurance_status, assurance_to_json

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # window: 2026-05-20 .. 2026-11-20


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1000, "healthy"),
        (200, "healthy"),
        (199, "at_risk"),
        (100, "at_risk"),
        (99, "deactivation_risk"),
        (0, "deactivation_risk"),
    ],
)
def test_bands(score: int, band: str) -> None:
    assert ahr_band(score) == band


@pytest.mark.parametrize("score", [-1, 1001])
def test_out_of_range_scores_are_refused(score: int) -> None:
    with pytest.raises(ValueError):
        ahr_band(score)


@pytest.mark.parametrize(
    ("d", "months", "expected"),
    [
        (date(2026, 11, 20), -6, date(2026, 5, 20)),
        (date(2026, 8, 31), -6, date(2026, 2, 28)),
        (date(2028, 8, 31), -6, date(2028, 2, 29)),
        (date(2026, 3, 15), -6, date(2025, 9, 15)),
    ],
)
def test_add_months(d: date, months: int, expected: date) -> None:
    assert add_months(d, months) == expected


def _days_below(history: list[tuple[datetime | date, int]]) -> tuple[bool, int]:
    status = assurance_status(history, AS_OF)
    return status.eligible, status.days_below


@pytest.mark.parametrize(
    ("history", "eligible", "days_below"),
    [
        # one reading before the window that holds all along
        ([(date(2026, 1, 1), 300)], True, 0),
        # a reading on the window start itself covers it
        ([(date(2026, 5, 20), 260)], True, 0),
        # below for exactly 10 days (May 30 .. Jun 8), then back up: still eligible
        ([(date(2026, 1, 1), 300), (date(2026, 5, 30), 240), (date(2026, 6, 9), 260)], True, 10),
        # 11 days below: not eligible
        ([(date(2026, 1, 1), 300), (date(2026, 5, 30), 240), (date(2026, 6, 10), 260)], False, 11),
        # a dip that starts and ends inside one day counts that day once
        (
            [
                (date(2026, 1, 1), 300),
                (datetime(2026, 7, 1, 8, tzinfo=UTC), 200),
                (datetime(2026, 7, 1, 18, tzinfo=UTC), 300),
            ],
            True,
            1,
        ),
        # a dip before the window does not count
        ([(date(2026, 1, 1), 100), (date(2026, 5, 1), 300)], True, 0),
        # exactly 250 is not below
        ([(date(2026, 1, 1), 250)], True, 0),
        # below today counts (today's reading exists)
        ([(date(2026, 1, 1), 300), (datetime(2026, 11, 20, 9, tzinfo=UTC), 249)], True, 1),
        # a reading after as_of does not exist yet
        ([(date(2026, 1, 1), 300), (datetime(2026, 11, 20, 16, tzinfo=UTC), 10)], True, 0),
    ],
)
def test_assurance_days_below(
    history: list[tuple[datetime | date, int]], eligible: bool, days_below: int
) -> None:
    assert _days_below(history) == (eligible, days_below)


def test_history_too_short_is_not_eligible() -> None:
    status = assurance_status([(date(2026, 6, 1), 900)], AS_OF)
    assert not status.eligible and not status.covered
    assert "2026-05-20" in status.reason and "2026-06-01" in status.reason
    empty = assurance_status([], AS_OF)
    assert not empty.eligible and empty.current_score is None


def test_json_shape() -> None:
    status = assurance_status([(date(2026, 1, 1), 300), (date(2026, 11, 1), 180)], AS_OF)
    data = assurance_to_json(status)
    assert data == {
        "eligible": False,
        "window_start": "2026-05-20",
        "window_end": "2026-11-20",
        "days_below": 20,
        "covered": True,
        "current_score": 180,
        "current_band": "at_risk",
        "reason": status.reason,
    }
