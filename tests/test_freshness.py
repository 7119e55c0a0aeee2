"""Freshness is about the data (core.freshness, storage.repository.data_freshness): the newest
record of each kind, amber after three days, with what the gap does to the numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.freshness import FRESH_DAYS, data_ages, rests_on
from storage.imports.apply import apply_import
from storage.repository.data_freshness import newest_records

TODAY = date(2026, 11, 20)


def ages(**newest: date) -> dict[str, Any]:
    return {a.kind.key: a for a in data_ages(newest, TODAY)}


@pytest.mark.parametrize(
    ("days_old", "stale"), [(0, False), (FRESH_DAYS, False), (FRESH_DAYS + 1, True)]
)
def test_amber_after_three_days(days_old: int, stale: bool) -> None:
    age = ages(orders=TODAY - timedelta(days=days_old))["orders"]
    assert age.stale is stale
    assert bool(age.meaning) is stale


@pytest.mark.parametrize(
    ("kind", "days_old", "meaning"),
    [
        ("messages", 7, "7-day LRR cannot be computed: no buyer messages after Nov 13."),
        (
            "messages",
            31,
            "7-day and 30-day LRR cannot be computed: no buyer messages after Oct 20.",
        ),
        ("messages", 5, "The last 5 days of LRR count no buyer messages (none after Nov 15)."),
        ("feedback", 30, "30-day NFR cannot be computed: no feedback after Oct 21."),
        ("returns_fbm", 4, "The last 4 days of RDR count no FBM return requests (none after"),
        (
            "orders",
            16,
            "ODR misses the orders of Nov 5 (none imported after Nov 4), and its forecast",
        ),
        ("orders", 20, "ODR misses the orders of Nov 1 to Nov 5 (none imported after Oct 31)"),
        ("orders", 80, "ODR cannot be computed: no orders after Sep 1."),
        ("performance", 10, "Amazon's figures are from Nov 10: import a newer performance"),
    ],
)
def test_each_gap_says_what_it_does_to_the_numbers(kind: str, days_old: int, meaning: str) -> None:
    age = ages(**{kind: TODAY - timedelta(days=days_old)})[kind]
    assert age.stale
    assert age.meaning.startswith(meaning)
    assert age.age == f"{age.age.split(' (')[0]} ({days_old} days old)"


def test_never_imported_kinds_and_rare_ones() -> None:
    found = ages(claims=TODAY - timedelta(days=60))
    assert found["orders"].age == "none imported"
    assert found["orders"].meaning == "No orders imported: ODR cannot be computed."
    assert not found["claims"].stale  # months without a claim is good news, not old data
    assert not found["returns_fba"].stale


def test_rests_on_names_the_newest_day_of_each_kind() -> None:
    found = data_ages({"orders": date(2026, 11, 4), "messages": date(2026, 11, 19)}, TODAY, None)
    assert rests_on(found, ("orders", "messages", "feedback")) == (
        "orders up to Nov 4 and buyer messages up to Nov 19"
    )
    assert rests_on(found, ("feedback",)) == ""


def test_the_newest_record_by_its_own_date_not_the_import(store: Any, samples: Path) -> None:
    imported = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)  # 16 days after the newest order
    for name in ("orders-2.txt", "messages.csv", "feedback.txt", "claims.csv"):
        assert apply_import(store, samples / "seller-a" / name, now=imported).ok
    newest = newest_records(store.db, datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    assert newest["orders"] == date(2026, 11, 20)
    assert newest["messages"] <= date(2026, 11, 20)  # later records do not exist yet then
    assert newest["feedback"] <= date(2026, 11, 20)
    assert "returns_fbm" not in newest
    later = newest_records(store.db, imported)
    assert later["orders"] == date(2026, 11, 20)  # importing on Dec 6 does not make it fresh
    assert data_ages(later, imported.date())[0].age == "Nov 20 (16 days old)"
