"""Storage hands core light LRR contacts: same results as plain messages, bounded work.

load_inputs finds each buyer message's first response in SQL and passes only
(received, answered) pairs plus the still-unanswered messages; these tests pin
that to the reference path (MetricInputs.from_records over every message) and
check that the work of a recompute does not grow with the length of history.
"""

from __future__ import annotations

import importlib.util
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from core.clock import iso
from core.deadlines import build_board
from core.metrics import MetricInputs, compute_metrics
from core.model import Message
from core.settings import MetricSettings
from storage.db import open_db
from storage.repository.metric_inputs import OPEN_CLOCK_HORIZON_DAYS, load_inputs

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SETTINGS = MetricSettings()


def _random_messages(seed: int) -> list[Message]:
    """Threads of buyer messages and replies hitting the edges the rules care about."""
    rnd = random.Random(seed)
    edges = [AS_OF - timedelta(days=d) for d in (7, 30, 90)] + [AS_OF, AS_OF - timedelta(hours=24)]
    out: list[Message] = []
    for t in range(40):
        thread = f"t{t}"
        base = AS_OF - timedelta(seconds=rnd.randrange(0, 100 * 86400))
        for k in range(rnd.randint(1, 5)):
            at = base + timedelta(seconds=rnd.randrange(0, 3 * 86400))
            if rnd.random() < 0.15:
                at = rnd.choice(edges)
            if rnd.random() < 0.1:
                at = AS_OF + timedelta(hours=rnd.randint(0, 30))  # after as_of
            inbound = rnd.random() < 0.55
            mid = f"{thread}-{k}"
            if inbound:
                marked = None
                if rnd.random() < 0.2:
                    marked = at + timedelta(hours=rnd.choice([-1, 0, 2, 25, 30 * 24]))
                market = rnd.choice(["Amazon.com", "Amazon.com", "Amazon.ca"])
                out.append(
                    Message(
                        mid,
                        thread,
                        "in",
                        at,
                        order_id=f"o{t}",
                        no_response_needed=rnd.random() < 0.1,
                        marketplace=market,
                        responded_at=marked,
                    )
                )
            else:
                out.append(Message(mid, thread, "out", at, automated=rnd.random() < 0.2))
                if rnd.random() < 0.3 and out[-1].direction == "out":
                    # a reply in the same second as the buyer's message
                    out.append(Message(f"{mid}-in", thread, "in", at, order_id=f"o{t}"))
    return out


def _store_messages(db: Any, messages: list[Message]) -> None:
    db["messages"].insert_all(
        {
            "message_id": m.message_id,
            "thread_id": m.thread_id,
            "order_id": m.order_id,
            "direction": m.direction,
            "timestamp": iso(m.timestamp),
            "no_response_needed": int(m.no_response_needed),
            "automated": int(m.automated),
            "marketplace": m.marketplace,
            "responded_at": iso(m.responded_at) if m.responded_at else None,
        }
        for m in messages
    )


def _message_board(inputs: MetricInputs) -> list[Any]:
    return [i for i in build_board(inputs, AS_OF, SETTINGS) if i.kind == "message"]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("marketplace", [None, "US"])
def test_loaded_contacts_match_the_reference_rules(
    store: Any, seed: int, marketplace: str | None
) -> None:
    messages = _random_messages(seed)
    _store_messages(store.db, messages)
    kept = [m for m in messages if m.direction == "out" or m.marketplace == "Amazon.com"]
    reference = MetricInputs.from_records(messages=kept if marketplace else messages)
    loaded = load_inputs(store.db, AS_OF, SETTINGS, marketplace)

    assert loaded.contacts is not None
    got = compute_metrics(loaded, AS_OF, SETTINGS).lrr
    want = compute_metrics(reference, AS_OF, SETTINGS).lrr
    assert got == want
    assert _message_board(loaded) == _message_board(reference)
    # only messages whose clock still runs leave the database as full records
    assert all(m.direction == "in" and m.timestamp <= AS_OF for m in loaded.messages)
    assert {m.message_id for m in loaded.messages} == {i.ref for i in _message_board(loaded)}


@pytest.mark.parametrize(
    ("reply_after", "marked_after", "answered_after"),
    [
        (timedelta(hours=3), None, timedelta(hours=3)),
        (None, timedelta(hours=2), timedelta(hours=2)),
        (timedelta(hours=30), timedelta(hours=2), timedelta(hours=2)),  # the earlier wins
        (timedelta(hours=2), timedelta(hours=30), timedelta(hours=2)),
        (timedelta(0), None, timedelta(0)),  # a reply in the same second answers
        (timedelta(days=9), None, None),  # after as_of: not yet answered
        (None, timedelta(days=9), None),
        (-timedelta(hours=1), None, None),  # a reply before the message answers nothing
    ],
)
def test_contact_response_time(
    store: Any,
    reply_after: timedelta | None,
    marked_after: timedelta | None,
    answered_after: timedelta | None,
) -> None:
    received = AS_OF - timedelta(days=5)
    rows: list[Message] = [
        Message(
            "in-1",
            "T",
            "in",
            received,
            responded_at=received + marked_after if marked_after is not None else None,
        )
    ]
    if reply_after is not None:
        rows.append(Message("out-1", "T", "out", received + reply_after))
    _store_messages(store.db, rows)
    loaded = load_inputs(store.db, AS_OF, SETTINGS)
    expected = received + answered_after if answered_after is not None else None
    assert loaded.contacts == ((received, expected),)
    assert [m.message_id for m in loaded.messages] == ([] if expected else ["in-1"])


@pytest.mark.parametrize(
    ("age_days", "on_board"), [(364, True), (OPEN_CLOCK_HORIZON_DAYS + 1, False)]
)
def test_unanswered_messages_older_than_the_horizon_leave_the_board(
    store: Any, age_days: int, on_board: bool
) -> None:
    old = AS_OF - timedelta(days=age_days)
    _store_messages(store.db, [Message("old", "T", "in", old)])
    loaded = load_inputs(store.db, AS_OF, SETTINGS)
    assert loaded.contacts == ()  # outside every LRR window
    assert [i.ref for i in _message_board(loaded)] == (["old"] if on_board else [])


def _plan(db: Any, sql: str) -> str:
    return " | ".join(str(row[3]) for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())


def test_migration_adds_covering_indexes_that_the_loader_uses(store: Any) -> None:
    db = store.db
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"messages_contacts", "messages_real_replies", "feedback_counting"} <= names
    assert not {"messages_awaiting", "messages_replies", "feedback_date"} & names
    contacts = _plan(
        db,
        "SELECT m.rowid, m.timestamp, (SELECT min(r.timestamp) FROM messages r"
        " WHERE r.thread_id = m.thread_id AND r.direction = 'out' AND r.automated = 0"
        " AND r.timestamp >= m.timestamp AND r.timestamp <= '2026-11-20')"
        " FROM messages m WHERE m.direction = 'in' AND m.no_response_needed = 0"
        " AND m.timestamp >= '2026-08-01' AND m.timestamp <= '2026-11-20'",
    )
    assert "COVERING INDEX messages_contacts" in contacts
    assert "COVERING INDEX messages_real_replies" in contacts


# --- the work of a recompute is bounded by the windows, not by history ---


def _benchmark() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "metrics_scale.py"
    spec = importlib.util.spec_from_file_location("metrics_scale_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _vm_steps(path: Path) -> tuple[int, int, int]:
    """SQLite VM steps (in thousands) of one load_inputs, and the sizes core receives."""
    db = open_db(path)
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn: sqlite3.Connection = db.conn
    conn.set_progress_handler(count, 1000)
    inputs = load_inputs(db, AS_OF, SETTINGS)
    conn.set_progress_handler(None, 0)
    conn.close()
    assert inputs.contacts is not None
    return steps, len(inputs.contacts), len(inputs.messages)


def test_load_work_does_not_grow_with_history(tmp_path: Path) -> None:
    bench = _benchmark()
    per_day = 25
    short, long = tmp_path / "short.sqlite3", tmp_path / "long.sqlite3"
    bench.build(short, per_day * 400, 400)  # longer than every window and horizon
    bench.build(long, per_day * 1_200, 1_200)  # three times the history
    s_steps, s_contacts, s_open = _vm_steps(short)
    l_steps, l_contacts, l_open = _vm_steps(long)
    assert s_contacts > 200 and l_contacts > 200
    assert l_contacts < 1.25 * s_contacts  # same daily volume: about the same window
    assert l_open < 1.5 * s_open + 5
    assert l_steps < 1.3 * s_steps, (s_steps, l_steps)
