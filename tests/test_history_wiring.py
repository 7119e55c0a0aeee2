"""History, not alarms, wired: first imports from storage, through current_health to the
alerts, the tray's counts and the inbox page; the metrics stay exactly as they were."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import main
from core.deadline_history import split_history
from services.health import current_health
from services.inbox import inbox_page
from storage.imports.apply import apply_import
from storage.imports.history import first_import_times, log_failure

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SUMMER = datetime(2026, 8, 1, tzinfo=UTC)  # before seller-a's first deadline
FILES = (
    "orders-1.txt",
    "orders-2.txt",
    "feedback.txt",
    "returns-fbm.txt",
    "messages.csv",
    "claims.csv",
)


def imported(store: Any, samples: Path, at: datetime) -> Any:
    for name in FILES:
        assert apply_import(store, samples / "seller-a" / name, now=at).ok
    return store


def test_first_import_times_are_the_earliest_successful_import_per_kind(
    store: Any, samples: Path
) -> None:
    log_failure(
        store.db, "old.csv", "x" * 64, "messages", SUMMER - timedelta(days=9), "refused", ""
    )
    apply_import(store, samples / "seller-a" / "messages.csv", now=AS_OF - timedelta(days=3))
    apply_import(store, samples / "seller-a" / "feedback.txt", now=AS_OF)
    later = samples / "seller-a" / "orders-1.txt"
    apply_import(store, later, now=AS_OF + timedelta(days=1))
    first = first_import_times(store.db)
    assert first == {
        "messages": AS_OF - timedelta(days=3),  # the refused attempt does not count
        "feedback": AS_OF,
        "orders": AS_OF + timedelta(days=1),
    }
    # As known at an instant: an import made after it did not exist yet.
    assert first_import_times(store.db, until=AS_OF) == {
        "messages": AS_OF - timedelta(days=3),
        "feedback": AS_OF,
    }
    assert first_import_times(store.db, until=SUMMER) == {}


def test_a_first_import_of_history_raises_no_deadline_warning_but_counts_in_the_metrics(
    tmp_path: Path, samples: Path
) -> None:
    from storage.db import Store

    calm = imported(Store(tmp_path / "now.sqlite3"), samples, AS_OF)
    tracked = imported(Store(tmp_path / "summer.sqlite3"), samples, SUMMER)
    first, since_summer = current_health(calm, AS_OF), current_health(tracked, AS_OF)

    assert first.metrics == since_summer.metrics  # history still counts, exactly as before
    assert first.board == since_summer.board
    assert first.first_imports["messages"] == AS_OF
    assert since_summer.first_imports["messages"] == SUMMER

    def deadline_keys(alerts: list[Any]) -> set[str]:
        return {a.key for a in alerts if a.key.startswith("deadline.")}

    old = {f"deadline.{i.kind}.{i.ref}" for i in first.board if i.due_at < AS_OF}
    assert old and old <= deadline_keys(since_summer.alerts)
    assert not old & deadline_keys(first.alerts)
    # The one message still answerable raises its warning; the metric warnings are the same.
    assert deadline_keys(first.alerts) == {
        f"deadline.{i.kind}.{i.ref}"
        for i in first.board
        if i.due_at >= AS_OF and f"deadline.{i.kind}.{i.ref}" in deadline_keys(since_summer.alerts)
    }
    metric_keys = {a.key for a in first.alerts} - deadline_keys(first.alerts)
    stale = {"data.stale"}  # the summer import is months old: that one differs, rightly
    assert (
        metric_keys
        == {a.key for a in since_summer.alerts} - deadline_keys(since_summer.alerts) - stale
    )


def test_the_inbox_page_marks_history_and_sums_it_up_per_kind(store: Any, samples: Path) -> None:
    page = inbox_page(imported(store, samples, AS_OF), AS_OF)
    history = [r for r in page.rows if r.history]
    assert {r.kind for r in history} == {"message", "appeal", "claim_info", "return"}
    assert all(r.due_at < AS_OF and not r.no_response_needed for r in history)
    assert dict(page.history) == {
        "message": "14 messages from before your first import have no reply on file",
        "appeal": "2 granted A-to-z claims from before your first import have no appeal on file",
        "claim_info": "1 A-to-z claim from before your first import still waits for your "
        "information",
        "return": "1 return request from before your first import has no decision on file",
    }
    counts = page.table.counts(AS_OF.timestamp())
    assert counts["all"] == 2 and counts["overdue"] == 0  # the list starts calm
    expanded = page.table.counts(AS_OF.timestamp(), {"message"})
    assert expanded["all"] == 16 and expanded["overdue"] == 14


def test_the_tray_counts_only_current_clocks(store: Any, samples: Path) -> None:
    from gui.tray import due_counts

    health = current_health(imported(store, samples, AS_OF), AS_OF)
    current, history = split_history(health.board, health.first_imports)
    assert len(history) == 18
    assert due_counts(current) == (0, 0, 0)
    assert due_counts(health.board)[0] == 14


def test_cli_alerts_drop_history_after_the_first_import(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    samples: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The CLI imports at its clock; asked after that, the old clocks are history; asked
    at an instant before the import, they were current then and still warn."""
    import cli.commands

    monkeypatch.setattr(cli.commands, "system_clock", lambda: AS_OF)
    db = str(tmp_path / "cli.sqlite3")
    files = [str(samples / "seller-a" / n) for n in FILES]
    assert main.main(["--db", db, "import", *files]) == 0
    capsys.readouterr()

    def keys(now: datetime) -> set[str]:
        main.main(["--db", db, "alerts", "--now", now.isoformat(), "--json"])
        import json

        return {a["key"] for a in json.loads(capsys.readouterr().out)["alerts"]}

    after, before = keys(AS_OF + timedelta(minutes=1)), keys(AS_OF - timedelta(minutes=1))
    assert any(k.startswith("deadline.message.") for k in before)
    assert not any(k.startswith("deadline.message.") for k in after)
    assert {k for k in after if not k.startswith("deadline.")} == {
        k for k in before if not k.startswith("deadline.")
    }
