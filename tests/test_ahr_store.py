"""The typed-in Account Health Rating history (ahr_manual) and the report's scores."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.reconciliation import ahr_summary
from storage.repository.ahr_store import add_reading, delete_reading, history, list_readings

T1 = datetime(2026, 5, 1, 9, tzinfo=UTC)
T2 = datetime(2026, 11, 1, 9, tzinfo=UTC)
NOW = datetime(2026, 11, 20, 15, tzinfo=UTC)


def test_readings_come_back_oldest_first(store: Any) -> None:
    db = store.db
    second = add_reading(db, 180, T2)
    first = add_reading(db, 320, T1)
    readings = list_readings(db)
    assert [(r.at, r.score, r.source, r.id) for r in readings] == [
        (T1, 320, "manual", first),
        (T2, 180, "manual", second),
    ]
    assert history(db) == [(T1, 320), (T2, 180)]


@pytest.mark.parametrize("score", [-1, 1001, 5000])
def test_out_of_range_is_refused_and_nothing_is_written(store: Any, score: int) -> None:
    with pytest.raises(ValueError, match="is not an Account Health Rating: it is always from 0"):
        add_reading(store.db, score, T1)
    assert list_readings(store.db) == []


def test_delete_a_mistyped_reading(store: Any) -> None:
    rid = add_reading(store.db, 999, T1)
    add_reading(store.db, 300, T2)
    assert delete_reading(store.db, rid) is True
    assert delete_reading(store.db, rid) is False
    assert history(store.db) == [(T2, 300)]


def test_marketplace_readings_include_unassigned_ones(store: Any) -> None:
    db = store.db
    add_reading(db, 300, T1)  # typed without a marketplace
    add_reading(db, 210, T2, "A1F83G8C2ARO7P")  # UK
    assert [r.score for r in list_readings(db, "ATVPDKIKX0DER")] == [300]
    assert [r.score for r in list_readings(db, "A1F83G8C2ARO7P")] == [300, 210]
    assert [r.score for r in list_readings(db)] == [300, 210]


def test_a_score_in_amazons_report_joins_the_history(
    store: Any, samples: Path, tmp_path: Path
) -> None:
    from storage.imports.apply import apply_import

    data = json.loads(
        (samples / "performance" / "seller-performance-2026-11-20.json").read_text("utf-8")
    )
    data["performanceMetrics"][0]["accountHealthRating"]["ahrScore"] = 412
    path = tmp_path / "perf.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert apply_import(store, path, now=T2).ok
    add_reading(store.db, 300, T1)
    readings = list_readings(store.db, "ATVPDKIKX0DER")
    assert [(r.score, r.source, r.id) for r in readings] == [
        (300, "manual", readings[0].id),
        (412, "report", None),
    ]


def test_history_feeds_the_assurance_verdict(store: Any) -> None:
    add_reading(store.db, 300, T1)
    add_reading(store.db, 240, datetime(2026, 11, 15, 9, tzinfo=UTC))  # 6 days below 250
    summary = ahr_summary(history(store.db), NOW)
    assert summary.score == 240 and summary.band == "healthy"
    assert summary.assurance.days_below == 6
    assert summary.assurance_text.startswith("Eligible for Account Health Assurance")
