"""Dates the New claim dialog accepts: ISO and what spreadsheets write (issue 17)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.typed_dates import parse_typed_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC)),
        ("2026-11-20 14:00", datetime(2026, 11, 20, 14, tzinfo=UTC)),
        ("2026-11-20T14:00:00Z", datetime(2026, 11, 20, 14, tzinfo=UTC)),
        ("11/20/2026", datetime(2026, 11, 20, tzinfo=UTC)),
        ("11/20/2026 14:05", datetime(2026, 11, 20, 14, 5, tzinfo=UTC)),
        ("1/2/2026", datetime(2026, 1, 2, tzinfo=UTC)),  # month first, as in the US
        ("20.11.2026", datetime(2026, 11, 20, tzinfo=UTC)),
        (" 20.11.2026  9:30 ", datetime(2026, 11, 20, 9, 30, tzinfo=UTC)),
    ],
)
def test_accepted(text: str, expected: datetime) -> None:
    assert parse_typed_time(text) == expected


@pytest.mark.parametrize("text", ["", "20/11/2026", "11.20.2026", "yesterday", "2026-13-01"])
def test_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_typed_time(text)
