"""Charts from day one: the daily history stored from the imported data (services.history,
storage.repository.metric_days). One point per finished UTC day, exactly what the engine
gives at that day's last second; after an import only the days its records reach."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.metrics import compute_metrics
from core.metrics.history import END_OF_DAY
from services.history import HISTORY_DAYS, stored_history, update_history
from storage.imports.apply import apply_import
from storage.repository.metric_days import first_record_day
from storage.repository.metric_inputs import load_inputs
from storage.repository.settings import load_settings, save_settings

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
YESTERDAY = AS_OF.date() - timedelta(days=1)
FILES = ("orders-1.txt", "orders-2.txt", "feedback.txt", "returns-fbm.txt", "messages.csv")


@pytest.fixture
def sample_store(store: Any, samples: Path) -> Any:
    for name in FILES:
        assert apply_import(store, samples / "seller-a" / name, now=AS_OF).ok
    return store


def stored_rows(store: Any) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    rows = store.db.execute(
        "SELECT day, metric, channel, value, numerator, denominator, status FROM metric_days"
    ).fetchall()
    return {(d, m, c): (v, n, den, s) for d, m, c, v, n, den, s in rows}


def test_each_stored_day_is_the_engine_at_that_days_last_second(sample_store: Any) -> None:
    run = update_history(sample_store, AS_OF)
    first = first_record_day(sample_store.db)
    assert (run.first, run.last) == (first, YESTERDAY) and run.changes.snapshots
    rows = stored_rows(sample_store)
    assert {k[0] for k in rows} == {
        (first + timedelta(days=k)).isoformat() for k in range(run.days)
    }  # one point a day, today never
    settings = load_settings(sample_store.db)
    assert first is not None
    for day in [first, *(first + timedelta(days=k) for k in range(5, run.days, 9)), YESTERDAY]:
        end = datetime.combine(day, END_OF_DAY, tzinfo=UTC)
        inputs = load_inputs(sample_store.db, end, settings)
        for (metric, channel), rate in compute_metrics(inputs, end, settings).rates().items():
            expected = (rate.value, rate.numerator, rate.denominator, rate.status)
            assert rows[(day.isoformat(), metric, channel)] == expected, (day, metric, channel)


def test_the_next_run_adds_only_the_days_that_ended(sample_store: Any) -> None:
    update_history(sample_store, AS_OF)
    again = update_history(sample_store, AS_OF + timedelta(minutes=30))
    assert again.days == 0 and not again.changes  # snapshots minutes apart add nothing
    later = update_history(sample_store, AS_OF + timedelta(days=2))
    assert (later.first, later.last, later.days) == (AS_OF.date(), YESTERDAY + timedelta(2), 2)


def test_an_import_recomputes_from_its_earliest_record_only(
    sample_store: Any, samples: Path
) -> None:
    update_history(sample_store, AS_OF)
    assert apply_import(sample_store, samples / "seller-a" / "claims.csv", now=AS_OF).ok
    filed = sample_store.db.execute("SELECT min(filed_at) FROM claims").fetchone()[0]
    run = update_history(sample_store, AS_OF)
    assert run.first == date.fromisoformat(filed[:10]) and run.last == YESTERDAY
    assert run.first > first_record_day(sample_store.db)  # not the whole range
    assert run.changes.snapshots  # claims are ODR defects: the days changed
    assert update_history(sample_store, AS_OF).days == 0  # that import is now reflected


def test_a_change_made_in_the_app_recomputes_every_day(sample_store: Any) -> None:
    full = update_history(sample_store, AS_OF)
    before = stored_history(sample_store, "late_response_rate")
    settings = load_settings(sample_store.db)
    save_settings(sample_store.db, replace(settings, lrr_target=50.0))
    assert update_history(sample_store, AS_OF).days == 0  # no import: only new days
    run = update_history(sample_store, AS_OF, whole=True)
    assert run.days == full.days and run.changes.snapshots  # statuses follow the new target
    after = stored_history(sample_store, "late_response_rate")
    assert [v for _, v, _ in after] == [v for _, v, _ in before]  # the same values
    assert any(s == "breach" for _, _, s in before)
    assert not any(s == "breach" for _, _, s in after)


def test_the_history_keeps_a_year(store: Any, samples: Path) -> None:
    assert apply_import(store, samples / "seller-a" / "orders-2.txt", now=AS_OF).ok
    two_years = AS_OF + timedelta(days=600)
    run = update_history(store, two_years)
    assert run.days == HISTORY_DAYS
    assert run.first == two_years.date() - timedelta(days=HISTORY_DAYS)


def test_nothing_to_do_without_data(store: Any) -> None:
    run = update_history(store, AS_OF)
    assert run.days == 0 and not run.changes
