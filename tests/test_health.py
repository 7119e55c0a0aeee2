"""services.health and the SQL behind it: compute_health, snapshots, history, bounded loads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.clock import iso
from core.health import Health
from core.settings import MetricSettings
from services.health import health_at as compute_health
from services.health import metric_history, record_snapshot
from storage.imports.history import last_orders_import
from storage.repository.metric_inputs import load_inputs

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def seller_a(store: Any, samples: Path) -> Any:
    from storage.imports.apply import apply_import

    for path in sorted((samples / "seller-a").iterdir()):
        if path.suffix in (".txt", ".csv"):
            assert (
                apply_import(store, path, now=datetime(2026, 11, 12, 8, tzinfo=UTC)).error is None
            )
    return store


def test_compute_health_bundles_metrics_board_and_alerts(seller_a: Any) -> None:
    h = compute_health(seller_a.db, AS_OF)
    assert isinstance(h, Health)
    assert h.as_of == AS_OF and h.marketplace is None
    assert (h.metrics.odr.rate.numerator, h.metrics.odr.rate.denominator) == (5, 796)
    assert len(h.board) == 23
    assert h.last_orders_import == datetime(2026, 11, 12, 8, tzinfo=UTC)
    keys = {a.key for a in h.alerts}
    assert {"odr.afn.status", "lrr.status", "rdr.status", "data.stale"} <= keys
    assert not any(k.endswith(".headroom") for k in keys)  # one warning per condition
    stale = next(a for a in h.alerts if a.key == "data.stale")
    assert stale.title == "No orders report imported for 8 days"


def test_settings_come_from_the_database(seller_a: Any) -> None:
    from storage.repository.settings import set_setting

    set_setting(seller_a.db, "odr_target", 0.5)
    h = compute_health(seller_a.db, AS_OF)
    assert h.metrics.odr.by_channel["afn"].rate.status == "breach"
    explicit = compute_health(seller_a.db, AS_OF, MetricSettings())
    assert explicit.metrics.odr.by_channel["afn"].rate.status == "warning"


def test_marketplace_and_targets_pass_through(seller_a: Any) -> None:
    first = next(i for i in compute_health(seller_a.db, AS_OF).board if i.kind == "message")
    h = compute_health(seller_a.db, AS_OF, marketplace="us", targets={first.ref: 2.0})
    assert h.marketplace == "Amazon.com"
    item = next(i for i in h.board if i.ref == first.ref)
    assert item.target_at == first.due_at - timedelta(hours=22)
    assert item.due_at == first.due_at
    assert compute_health(seller_a.db, AS_OF, weekly_review_due=True).alerts[-1].key in {
        "review.weekly",
        "data.stale",
    }


def test_snapshots_are_deduplicated_and_make_a_history(seller_a: Any) -> None:
    db = seller_a.db
    h = compute_health(db, AS_OF)
    assert record_snapshot(db, h, AS_OF) is True
    assert record_snapshot(db, compute_health(db, AS_OF), AS_OF + timedelta(minutes=5)) is False
    next_day = AS_OF + timedelta(days=1)  # a defect ages out of FBA ODR: numbers change
    assert record_snapshot(db, compute_health(db, next_day), next_day) is True
    rows = db.execute("SELECT count(*) FROM metric_snapshots").fetchone()[0]
    assert rows == 2 * 6  # ODR overall, AFN, MFN; LRR; NFR; RDR
    odr = metric_history(seller_a, "odr")
    assert [p[0] for p in odr] == [AS_OF, next_day]
    assert odr[0][1] == pytest.approx(5 / 796 * 100)
    assert odr[0][2] == "warning"
    assert metric_history(seller_a, "order_defect_rate", channel="afn")[0][2] == "warning"
    assert metric_history(seller_a, "odr", since=next_day) == odr[1:]
    assert metric_history(seller_a, "odr", marketplace="US") == []


def test_snapshots_per_marketplace_are_separate(seller_a: Any) -> None:
    db = seller_a.db
    assert record_snapshot(db, compute_health(db, AS_OF), AS_OF) is True
    assert record_snapshot(db, compute_health(db, AS_OF, marketplace="US"), AS_OF) is True
    assert len(metric_history(seller_a, "lrr", marketplace="Amazon.com")) == 1


# --- load_inputs against rows inserted by hand ---


def _message(db: Any, mid: str, thread: str, direction: str, at: datetime, **kw: Any) -> None:
    row = {"message_id": mid, "thread_id": thread, "direction": direction, "timestamp": iso(at)}
    row.update(kw)
    db["messages"].insert(row)


def test_old_unanswered_messages_are_loaded_old_answered_ones_are_not(store: Any) -> None:
    db = store.db
    old = AS_OF - timedelta(days=200)
    _message(db, "open", "t1", "in", old)
    _message(db, "answered", "t2", "in", old)
    _message(db, "reply", "t2", "out", old + timedelta(hours=3))
    _message(db, "auto", "t3", "in", old)
    _message(db, "auto-reply", "t3", "out", old + timedelta(hours=1), automated=1)
    _message(db, "marked", "t4", "in", old, responded_at=iso(old + timedelta(hours=2)))
    _message(db, "nrn", "t5", "in", old, no_response_needed=1)
    _message(db, "future", "t6", "in", AS_OF + timedelta(hours=1))
    got = {m.message_id for m in load_inputs(db, AS_OF).messages}
    assert got == {"open", "auto"}


def test_returns_loaded_for_window_and_open_deadlines(store: Any) -> None:
    db = store.db
    base = {"first_seen_at": iso(AS_OF)}
    db["returns_fbm"].insert_all(
        [
            {
                **base,
                "order_id": "A",
                "rma_id": "1",
                "request_date": "2026-11-01",
                "status": "Approved",
            },
            {
                **base,
                "order_id": "B",
                "rma_id": "1",
                "request_date": "2026-03-01",
                "status": "Pending",
            },
            {
                **base,
                "order_id": "C",
                "rma_id": "1",
                "request_date": "2026-03-01",
                "status": "Closed",
            },
            {
                **base,
                "order_id": "D",
                "rma_id": "1",
                "request_date": "2026-03-01",
                "status": "Pending",
                "decided_at": iso(AS_OF - timedelta(days=100)),
            },
        ]
    )
    got = {r.order_id for r in load_inputs(db, AS_OF).returns}
    assert got == {"A", "B"}


def test_orders_are_counted_per_day_and_channel_without_cancelled(store: Any) -> None:
    db = store.db

    def order(oid: str, when: str, channel: str = "mfn", status: str = "Shipped") -> dict[str, str]:
        return {
            "order_id": oid,
            "purchase_date": when,
            "last_updated": when,
            "status": status,
            "channel": channel,
            "marketplace": "Amazon.com",
        }

    db["orders"].insert_all(
        [
            order("a", "2026-10-01T01:00:00+00:00"),
            order("b", "2026-10-01T23:59:59+00:00"),
            order("c", "2026-10-01T05:00:00+00:00", "afn"),
            order("d", "2026-10-01T05:00:00+00:00", status="Cancelled"),
            order("e", "2026-09-06T23:59:59+00:00"),  # before the window
            order("f", "2026-11-21T00:00:00+00:00"),  # after as_of
        ]
    )
    db["feedback"].insert({"order_id": "d", "feedback_date": "2026-10-05", "rating": 1})
    inputs = load_inputs(db, AS_OF)
    assert {(d.isoformat(), ch): n for (d, ch), n in inputs.order_counts.items()} == {
        ("2026-10-01", "mfn"): 2,
        ("2026-10-01", "afn"): 1,
    }
    assert set(inputs.orders) == {"d"}  # cancelled, kept so the rule can drop it
    assert [f.order_id for f in inputs.feedback] == ["d"]


def test_last_orders_import(store: Any) -> None:
    db = store.db
    assert last_orders_import(db) is None
    db["imports"].insert_all(
        [
            {
                "file_name": "o.txt",
                "sha256": "x",
                "kind": "orders",
                "started_at": "2026-11-01T00:00:00+00:00",
                "finished_at": "2026-11-01T00:00:05+00:00",
                "outcome": "ok",
            },
            {
                "file_name": "p.txt",
                "sha256": "y",
                "kind": "orders",
                "started_at": "2026-11-05T00:00:00+00:00",
                "outcome": "refused",
            },
            {
                "file_name": "f.txt",
                "sha256": "z",
                "kind": "feedback",
                "started_at": "2026-11-09T00:00:00+00:00",
                "finished_at": "2026-11-09T00:00:05+00:00",
                "outcome": "ok",
            },
        ]
    )
    assert last_orders_import(db) == datetime(2026, 11, 1, 0, 0, 5, tzinfo=UTC)


# --- triage: the escalation matrix's targets on the board ---


def _open_messages(h: Health) -> dict[str, Any]:
    return {i.ref: i for i in h.board if i.kind == "message"}


def test_every_open_message_gets_the_matrix_target_and_its_triage(seller_a: Any) -> None:
    h = compute_health(seller_a.db, AS_OF, cipher=seller_a.cipher)
    items = _open_messages(h)
    assert len(items) == 15 and set(h.triage) == set(items)
    labels = {t.classification.label for t in h.triage.values()}
    # "Product details inquiry ... (Order: ...)" names an order: a general inquiry, not a
    # pre-purchase question (the buyer has bought), so its target is Amazon's 24 hours.
    assert labels == {"Delivery issue", "General inquiry", "Return request"}
    hours = {"Delivery issue": 12, "General inquiry": 24, "Return request": 12}
    for ref, item in items.items():
        t = h.triage[ref]
        received = item.due_at - timedelta(hours=24)
        target = received + timedelta(hours=hours[t.classification.label])
        assert item.target_at == t.target_at == target
    delivery = next(t for t in h.triage.values() if t.classification.label == "Delivery issue")
    assert delivery.classification.matched_text == "Order delivery inquiry"
    assert delivery.pathway.owner == "Customer service"


def test_matrix_edits_and_disabled_rules_change_the_targets(seller_a: Any) -> None:
    from dataclasses import replace

    from storage.repository.triage_store import (
        load_matrix,
        load_rules,
        save_matrix,
        set_rule_enabled,
    )

    db = seller_a.db
    matrix = [
        replace(r, target_hours=2) if r.contact_type == "delivery_issue" else r
        for r in load_matrix(db)
    ]
    save_matrix(db, matrix)
    h = compute_health(db, AS_OF, cipher=seller_a.cipher)
    hours = {
        ref: (i.target_at - (i.due_at - timedelta(hours=24))).total_seconds() / 3600
        for ref, i in _open_messages(h).items()
    }
    by_label = {h.triage[ref].classification.label: hours[ref] for ref in hours}
    assert by_label == {"Delivery issue": 2, "General inquiry": 24, "Return request": 12}
    topic = next(r for r in load_rules(db) if r.pattern == "order delivery inquiry")
    set_rule_enabled(db, topic.id or 0, False)
    again = compute_health(db, AS_OF, cipher=seller_a.cipher)
    assert "Delivery issue" in {t.classification.label for t in again.triage.values()}
    assert all(t.classification.rule != topic for t in again.triage.values())


@pytest.mark.parametrize(
    ("override", "hours"),
    [("", 24), ("cancellation_request", 4), ("negative_feedback_alert", 8)],
)
def test_without_the_cipher_only_the_sellers_override_counts(
    seller_a: Any, override: str, hours: float
) -> None:
    from storage.repository.app_state import set_contact_type

    first = next(iter(_open_messages(compute_health(seller_a.db, AS_OF)).values()))
    set_contact_type(seller_a.db, first.ref, override)
    h = compute_health(seller_a.db, AS_OF)
    item = _open_messages(h)[first.ref]
    assert item.target_at == item.due_at - timedelta(hours=24) + timedelta(hours=hours)
    assert h.triage[first.ref].overridden is bool(override)


def test_only_open_messages_are_read_and_decrypted_in_one_query(
    seller_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import services.health as health_module
    from storage.repository.records import messages_by_id as real

    calls: list[list[str]] = []

    def spy(db: Any, ids: Any, cipher: Any = None) -> Any:
        calls.append(sorted(ids))
        return real(db, ids, cipher)

    monkeypatch.setattr(health_module, "messages_by_id", spy)
    h = compute_health(seller_a.db, AS_OF, cipher=seller_a.cipher)
    assert calls == [sorted(_open_messages(h))]
    calls.clear()
    compute_health(seller_a.db, AS_OF, targets={})  # explicit targets: no triage at all
    assert calls == []


def test_explicit_targets_win_and_leave_triage_empty(seller_a: Any) -> None:
    h = compute_health(seller_a.db, AS_OF, targets={}, cipher=seller_a.cipher)
    assert h.triage == {}
    assert all(i.target_at is None for i in h.board)


def test_no_messages_means_no_rules_are_loaded(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import services.health as health_module

    loaded: list[str] = []
    monkeypatch.setattr(health_module, "load_rules", lambda *a, **k: loaded.append("rules"))
    monkeypatch.setattr(health_module, "load_matrix", lambda *a, **k: loaded.append("matrix"))
    h = compute_health(store.db, AS_OF, cipher=store.cipher)
    assert h.triage == {} and h.board == []
    assert loaded == []


def test_messages_by_id_decrypts_only_with_the_cipher(seller_a: Any) -> None:
    from storage.repository.records import messages_by_id

    got = messages_by_id(seller_a.db, ["M11-00201", "M11-00004", "nope"], seller_a.cipher)
    assert [m.message_id for m in got] == ["M11-00004", "M11-00201"]
    assert got[1].subject.startswith("Product details inquiry")
    assert "Burlington" in got[1].body
    plain = messages_by_id(seller_a.db, ["M11-00201"])
    assert (plain[0].subject, plain[0].body) == ("", "")
    assert plain[0].timestamp == got[1].timestamp and plain[0].direction == "in"
    assert messages_by_id(seller_a.db, []) == []
