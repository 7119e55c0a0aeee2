"""services.inbox: the page equals the whole-history reference, reads only what it shows,
and each action stops its clock and says what it changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.deadline_history import split_history
from core.inbox import (
    InboxRow,
    no_response_needed_rows,
    nrn_window_start,
    rows_from_board,
    threads_since,
)
from core.model import Message
from services.changes import Changes
from services.health import current_health
from services.inbox import InboxPage, inbox_page, set_no_response_needed, stop_clock
from services.triage import classify
from storage.repository import records
from storage.repository.settings import load_settings

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def seller_a(store: Any, samples: Path) -> Any:
    from storage.imports.apply import apply_import

    for path in sorted((samples / "seller-a").iterdir()):
        if path.suffix in (".txt", ".csv"):
            assert apply_import(store, path, now=AS_OF).error is None
    return store


def reference(store: Any, now: datetime) -> tuple[list[InboxRow], dict[str, list[Message]]]:
    """What the inbox showed before it read only its rows' records: every message since the
    oldest listed one, every claim, return and feedback."""
    settings = load_settings(store.db)
    health = current_health(store, now)
    board = health.board
    messages = [
        m
        for m in records.list_messages(store, since=threads_since(board, now, settings))
        if m.timestamp <= now
    ]
    triaged = classify(store.db, messages) | dict(health.triage)
    rows = rows_from_board(
        board,
        messages,
        records.list_claims(store.db),
        records.list_returns_fbm(store.db),
        records.list_feedback(store),
        triaged,
    )
    old = {(i.kind, i.ref) for i in split_history(board, health.first_imports)[1]}
    rows = [replace(r, history=(r.kind, r.ref) in old) for r in rows]
    rows += no_response_needed_rows(messages, now, settings, triaged)
    threads: dict[str, list[Message]] = {}
    for m in messages:
        threads.setdefault(m.thread_id, []).append(m)
    return rows, threads


def test_the_page_shows_what_the_whole_history_shows(seller_a: Any) -> None:
    page = inbox_page(seller_a, AS_OF)
    rows, threads = reference(seller_a, AS_OF)
    assert list(page.rows) == rows
    # 3 removal windows are for feedback that is not eligible: not on the board
    assert len([r for r in rows if not r.no_response_needed]) == 20
    assert any(r.no_response_needed for r in rows)
    listed = {r.thread_id for r in rows if r.kind == "message"}
    assert set(page.threads) == listed
    assert {t: list(ms) for t, ms in page.threads.items()} == {t: threads[t] for t in listed}
    assert all(r.ref in page.triage for r in rows if r.kind == "message")


def test_the_page_reads_only_the_listed_threads(seller_a: Any, monkeypatch: Any) -> None:
    def whole_history(*_args: Any, **_kw: Any) -> list[Message]:
        raise AssertionError("the inbox must not read every message")

    monkeypatch.setattr(records, "list_messages", whole_history)
    page = inbox_page(seller_a, AS_OF)
    loaded = sum(len(ms) for ms in page.threads.values())
    stored = seller_a.db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    assert 0 < loaded < stored


def test_a_health_from_elsewhere_is_used_and_triaged(seller_a: Any) -> None:
    health = current_health(seller_a, AS_OF)
    item = next(i for i in health.board if i.kind == "message")
    page = inbox_page(seller_a, AS_OF, replace(health, board=[item], triage={}))
    board = [r for r in page.rows if not r.no_response_needed]
    assert [r.ref for r in board] == [item.ref]
    assert board[0].contact_type == health.triage[item.ref].classification.contact_type


def test_an_empty_database_has_an_empty_page(store: Any) -> None:
    page = inbox_page(store, AS_OF)
    assert isinstance(page, InboxPage) and list(page.rows) == [] and page.threads == {}


def first_row(page: InboxPage, kind: str) -> InboxRow:
    return next(r for r in page.rows if r.kind == kind and not r.no_response_needed)


@pytest.mark.parametrize(
    ("kind", "changes"),
    [
        ("message", Changes(messages=True)),
        ("return", Changes(returns=True)),
        ("appeal", Changes(claims=True, defect_status=True)),
        ("feedback_removal", Changes(feedback=True, defect_status=True)),
    ],
)
def test_stop_clock_takes_the_row_off_the_board(seller_a: Any, kind: str, changes: Changes) -> None:
    row = first_row(inbox_page(seller_a, AS_OF), kind)
    assert stop_clock(seller_a, row, AS_OF) == changes
    after = inbox_page(seller_a, AS_OF + timedelta(seconds=1))
    assert row.ref not in {r.ref for r in after.rows if r.kind == kind}


def test_stop_clock_of_an_info_request_changes_nothing(seller_a: Any) -> None:
    row = first_row(inbox_page(seller_a, AS_OF), "claim_info")
    assert stop_clock(seller_a, row, AS_OF) == Changes()


def test_no_response_needed_moves_a_message_to_its_own_list(seller_a: Any) -> None:
    start = AS_OF - timedelta(days=90)  # marked older ones are not listed any more
    page = inbox_page(seller_a, AS_OF)
    row = next(r for r in page.rows if r.kind == "message" and r.received_at >= start)  # type: ignore[operator]
    assert set_no_response_needed(seller_a, row.ref, True) == Changes(messages=True)
    marked = {r.ref: r for r in inbox_page(seller_a, AS_OF).rows}[row.ref]
    assert marked.no_response_needed and marked.target_at is None
    set_no_response_needed(seller_a, row.ref, False)
    assert not {r.ref: r for r in inbox_page(seller_a, AS_OF).rows}[row.ref].no_response_needed


def test_the_unneeded_window_is_the_longest_lrr_window(seller_a: Any) -> None:
    settings = load_settings(seller_a.db)
    start = nrn_window_start(AS_OF, settings)
    assert start == AS_OF - timedelta(days=90)
    rows = [r for r in inbox_page(seller_a, AS_OF).rows if r.no_response_needed]
    assert rows and all(r.received_at is not None and start <= r.received_at for r in rows)
