"""History, not alarms: clocks already run out before the first import of their report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.alerts import evaluate_alerts
from core.deadline_history import (
    DEADLINE_SOURCES,
    HISTORY_BULK_ACTION,
    first_import_of,
    history_sentence,
    history_summary,
    is_history,
    split_history,
)
from core.deadlines import DeadlineItem, DeadlineKind, build_board
from core.metrics import MetricInputs, compute_metrics
from core.model import REPORT_KINDS, Feedback, Message
from core.settings import MetricSettings

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
FIRST = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)  # the seller's first import


def item(kind: DeadlineKind, due: datetime, ref: str = "R") -> DeadlineItem:
    left = (due - NOW).total_seconds()
    return DeadlineItem(kind, ref, "112-1", due, left, "overdue" if left < 0 else "open")


@pytest.mark.parametrize(
    ("kind", "due", "first_imports", "history"),
    [
        ("message", FIRST - timedelta(seconds=1), {"messages": FIRST}, True),
        ("message", FIRST, {"messages": FIRST}, False),  # due at the import: still current
        ("message", FIRST + timedelta(days=3), {"messages": FIRST}, False),
        # buyer messages come as CSV or e-mail: the earlier first import counts
        ("message", FIRST - timedelta(days=1), {"email": FIRST}, True),
        (
            "message",
            FIRST + timedelta(days=1),
            {"email": FIRST + timedelta(days=5), "messages": FIRST},
            False,
        ),
        ("message", FIRST + timedelta(days=1), {"email": FIRST + timedelta(days=5)}, True),
        # only the clock's own report kind matters
        ("message", FIRST - timedelta(days=9), {"orders": FIRST}, False),
        ("return", FIRST - timedelta(days=9), {"returns_fbm": FIRST}, True),
        ("return", FIRST - timedelta(days=9), {"returns_fba": FIRST}, False),
        ("claim_info", FIRST - timedelta(days=1), {"claims": FIRST}, True),
        ("appeal", FIRST - timedelta(days=1), {"claims": FIRST}, True),
        ("feedback_removal", FIRST - timedelta(days=1), {"feedback": FIRST}, True),
        ("feedback_removal", FIRST + timedelta(days=1), {"feedback": FIRST}, False),
        # nothing imported of that kind yet: nothing is history
        ("claim_info", FIRST - timedelta(days=100), {}, False),
    ],
)
def test_is_history(
    kind: DeadlineKind, due: datetime, first_imports: dict[str, datetime], history: bool
) -> None:
    assert is_history(item(kind, due), first_imports) is history


def test_every_deadline_kind_comes_from_known_reports() -> None:
    assert set(DEADLINE_SOURCES) == set(HISTORY_BULK_ACTION)
    for kinds in DEADLINE_SOURCES.values():
        assert set(kinds) <= set(REPORT_KINDS)
    naive = datetime(2026, 11, 1, 10, 0)  # naive instants are UTC
    assert first_import_of("message", {"messages": naive}) == FIRST


def test_split_keeps_board_order_and_nothing_is_history_without_first_imports() -> None:
    board = [
        item("message", FIRST - timedelta(days=30), "old-1"),
        item("return", FIRST - timedelta(days=20), "old-ret"),
        item("message", FIRST + timedelta(days=2), "new-1"),
        item("message", FIRST - timedelta(days=10), "old-2"),
    ]
    current, history = split_history(board, {"messages": FIRST, "returns_fbm": FIRST})
    assert [i.ref for i in current] == ["new-1"]
    assert [i.ref for i in history] == ["old-1", "old-ret", "old-2"]
    assert split_history(board, None) == (board, [])
    assert split_history(board, {}) == (board, [])


@pytest.mark.parametrize(
    ("kind", "count", "sentence"),
    [
        ("message", 19, "19 messages from before your first import have no reply on file"),
        ("message", 1, "1 message from before your first import has no reply on file"),
        ("return", 2, "2 return requests from before your first import have no decision on file"),
        (
            "claim_info",
            1,
            "1 A-to-z claim from before your first import still waits for your information",
        ),
        (
            "appeal",
            3,
            "3 granted A-to-z claims from before your first import have no appeal on file",
        ),
        (
            "feedback_removal",
            1200,
            "1,200 negative ratings from before your first import have no removal request on file",
        ),
    ],
)
def test_history_sentences(kind: DeadlineKind, count: int, sentence: str) -> None:
    assert history_sentence(kind, count) == sentence


def test_history_summary_has_one_line_per_kind() -> None:
    old = FIRST - timedelta(days=5)
    history = [item("message", old), item("return", old), item("message", old)]
    assert history_summary(history) == [
        ("message", "2 messages from before your first import have no reply on file"),
        ("return", "1 return request from before your first import has no decision on file"),
    ]
    assert history_summary([]) == []


def test_alerts_skip_history_but_the_metrics_still_count_it() -> None:
    """The first import brings a message from August with no reply on file: it makes the
    LRR late (a metric), but raises no deadline warning; a new one still does."""
    first_messages = datetime(2026, 11, 10, tzinfo=UTC)
    old = Message("OLD", "T1", "in", datetime(2026, 11, 1, 9, tzinfo=UTC), order_id="112-1")
    new = Message("NEW", "T2", "in", NOW - timedelta(hours=26), order_id="112-2")
    neg = Feedback("112-3", date(2026, 8, 1), 1)  # removal window closed Oct 30
    inputs = MetricInputs.from_records(messages=[old, new], feedback=[neg])
    cfg = MetricSettings()
    metrics = compute_metrics(inputs, NOW, cfg)
    board = build_board(inputs, NOW, cfg)

    def keys(first_imports: dict[str, datetime] | None) -> set[str]:
        found = evaluate_alerts(
            metrics,
            board,
            NOW,
            last_orders_import=NOW,
            weekly_review_due=False,
            settings=cfg,
            first_imports=first_imports,
        )
        return {a.key for a in found}

    everything = {"deadline.message.OLD", "deadline.message.NEW", "deadline.feedback_removal.112-3"}
    assert everything <= keys(None)  # default: nothing is history
    calm = keys({"messages": first_messages, "feedback": first_messages})
    assert "deadline.message.NEW" in calm
    assert "deadline.message.OLD" not in calm
    assert "deadline.feedback_removal.112-3" not in calm
    assert "lrr.status" in calm  # history still counts in the metrics
    assert metrics.lrr.rate.numerator == 2
