"""Countdown texts and states: every boundary, and agreement with core.deadlines."""

from __future__ import annotations

import pytest

from core.countdown import due_soon_margin, format_countdown, kind_label, state_for
from core.deadlines import item_state
from core.settings import MetricSettings


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00 left"),
        (59, "00:00 left"),
        (60, "00:01 left"),
        (3 * 3600 + 10 * 60 + 59, "03:10 left"),
        (58340, "16:12 left"),  # the open message of the worked example
        (86399, "23:59 left"),
        (86400, "1 d 00:00 left"),
        (1933200, "22 d 09:00 left"),
        (-1, "overdue < 1 min"),
        (-59, "overdue < 1 min"),
        (-60, "overdue 1 min"),
        (-(3 * 3600 + 10 * 60), "overdue 3 h 10 min"),
        (-3600, "overdue 1 h 0 min"),
        (-86400, "overdue 1 d 0 h"),
        (-8411244, "overdue 97 d 8 h"),  # the first message of the worked example
    ],
)
def test_format_countdown(seconds: float, text: str) -> None:
    assert format_countdown(seconds) == text


KINDS = ("message", "return", "claim_info", "appeal", "feedback_removal")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "seconds",
    [-86400, -1, -0.5, 0, 1, 3 * 3600, 4 * 3600, 4 * 3600 + 1, 3 * 86400, 3 * 86400 + 1, 10**7],
)
@pytest.mark.parametrize(
    "settings",
    [MetricSettings(), MetricSettings(due_soon_short_hours=1, due_soon_long_days=7)],
)
def test_state_matches_the_engine(kind: str, seconds: float, settings: MetricSettings) -> None:
    """The inbox colours must never disagree with the board's own state."""
    assert state_for(seconds, due_soon_margin(kind, settings)) == item_state(
        kind,  # type: ignore[arg-type]
        seconds,
        settings,
    )


def test_margins_follow_settings() -> None:
    s = MetricSettings(due_soon_short_hours=6, due_soon_long_days=2)
    assert due_soon_margin("message", s) == 6 * 3600
    assert due_soon_margin("claim_info", s) == 6 * 3600
    assert due_soon_margin("appeal", s) == 2 * 86400


def test_kind_labels_are_words() -> None:
    assert kind_label("claim_info") == "A-to-z info request"
    assert kind_label("something_new") == "Something new"
