"""The small review-request sample set (tests/data/samples/review-requests) and what it holds.

Every order of orders.txt is there for one rule; NOW is the instant the expectations hold at.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.conftest import SAMPLES

SET = SAMPLES / "review-requests"
FILES = tuple(
    SET / n
    for n in (
        "orders.txt",
        "feedback.txt",
        "messages.csv",
        "returns-fbm.txt",
        "returns-fba.txt",
        "claims.csv",
    )
)
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)

ELIGIBLE = [  # soonest closing first
    "111-1000004-0000004",  # NextDay: delivered Oct 23 (estimated), last day Nov 21
    "111-1000001-0000001",  # FBA Standard
    "202-1000003-0000003",  # Amazon.co.uk, SecondDay
    "111-1000005-0000005",  # blank service level (+7 days); its message was answered
    "111-1000002-0000002",  # Expedited, window opened Nov 18
]
EXCLUDED = {
    "111-2000001-0000001": "unanswered message",
    "111-2000002-0000002": "return requested",
    "111-2000003-0000003": "A-to-z claim or chargeback",
    "111-2000004-0000004": "FBA return",
}
FEEDBACK = "111-3000001-0000001"
BUSINESS = "111-3000002-0000002"
REQUESTED = "111-3000003-0000003"  # not requested in the files: tests mark it
CANCELLED = "111-3000004-0000004"
NOT_YET = "111-3000005-0000005"  # window opens Nov 26
CLOSED = "111-3000006-0000006"  # window closed Nov 14
CLOSES_TODAY = "111-3000007-0000007"  # delivered 30 days ago exactly: not any more


def import_set(store: Any, files: tuple[Path, ...] = FILES) -> None:
    """Import the set the way the app does; every file must be accepted."""
    from storage.imports.apply import apply_import

    for f in files:
        outcome = apply_import(store, f, now=NOW)
        assert outcome.ok, outcome.error
