"""apply_import: one transaction per file, upsert rules per kind, counts, refusals."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core.model import (
    Claim,
    FbaReturn,
    Feedback,
    Message,
    OrderLine,
    PerformanceMetric,
    PerformanceReport,
    Record,
)
from storage.db import Store
from storage.imports import apply as imports
from storage.imports.apply import apply_import
from storage.imports.errors import ImportCancelled, ImportRefused
from storage.imports.history import import_history, last_import_times
from storage.reports.kinds import Report, report_for
from storage.repository import app_state, records

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=1)
T2 = T0 + timedelta(days=2)


class StubParser:
    """Stands in for storage.reports.detect: files map to (kind, records)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[Path, tuple[str, Callable[[], Iterator[Record]]]] = {}

    def file(self, name: str, kind: str, rows: list[Any] | Callable[[], Iterator[Any]]) -> Path:
        path = self.folder / name
        path.write_text(repr(rows) if isinstance(rows, list) else name + str(id(rows)))
        self.files[path] = (kind, rows if callable(rows) else (lambda: iter(rows)))
        return path

    def __call__(self, path: Path) -> tuple[Report, Iterator[Record]]:
        kind, make = self.files[path]
        return report_for(kind), make()


@pytest.fixture
def stub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StubParser:
    folder = tmp_path / "files"
    folder.mkdir()
    parser = StubParser(folder)
    monkeypatch.setattr(imports, "_detect_and_parse", parser)
    return parser


def asin_of(sku: str) -> str:
    """An ASIN-shaped id per SKU (B0 and 8 capitals or digits)."""
    return ("B0" + re.sub("[^A-Z0-9]", "", sku.upper()) + "0" * 8)[:10]


def line(order_id: str, sku: str = "SKU1", *, updated: datetime = T0, **kw: Any) -> OrderLine:
    base = OrderLine(
        order_id=order_id,
        purchase_date=datetime(2026, 10, 30, 8, 0, tzinfo=UTC),
        last_updated=updated,
        status="Shipped",
        channel="mfn",
        marketplace="Amazon.com",
        sku=sku,
        asin=asin_of(sku),
        product_name="Whisk",
        quantity=1,
        item_price=Decimal("9.49"),
        currency="USD",
        ship_city="Tucson",
        ship_state="AZ",
        ship_postal_code="85701",
        ship_country="US",
    )
    return replace(base, **kw)


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ciphertext included (so 'nothing changed' is byte-exact)."""
    db = store.db
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {
        n: sorted(map(tuple, db.execute(f"SELECT * FROM {n}").fetchall()), key=repr) for n in names
    }


def counts(outcome: imports.ImportOutcome) -> tuple[int, int, int]:
    assert outcome.ok, outcome.error
    return outcome.added, outcome.updated, outcome.unchanged


# --- orders -----------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(store: Store, stub: StubParser) -> None:
    rows = [
        line("111-0000001-0000001", "A"),
        line("111-0000001-0000001", "B"),
        line("111-0000002-0000001"),
    ]
    path = stub.file("orders.txt", "orders", rows)
    assert counts(apply_import(store, path, now=T0)) == (3, 0, 0)
    before = dump(store)
    assert counts(apply_import(store, path, now=T1)) == (0, 0, 3)
    after = dump(store)
    assert len(after.pop("imports")) == len(before.pop("imports")) + 1
    assert after == before


@pytest.mark.parametrize(
    ("second", "expected_counts", "expected_status"),
    [
        (dict(updated=T1, status="Cancelled"), (0, 2, 0), "Cancelled"),  # newer wins
        (
            dict(updated=T0 - timedelta(hours=1), status="Cancelled"),
            (0, 0, 2),
            "Shipped",
        ),  # older ignored
        (dict(updated=T0, status="Cancelled"), (0, 0, 2), "Shipped"),  # equal = unchanged
    ],
)
def test_the_newer_last_updated_wins(
    store: Store,
    stub: StubParser,
    second: dict[str, Any],
    expected_counts: tuple[int, int, int],
    expected_status: str,
) -> None:
    oid = "111-0000001-0000001"
    first = stub.file("o1.txt", "orders", [line(oid, "A"), line(oid, "B")])
    apply_import(store, first, now=T0)
    again = stub.file("o2.txt", "orders", [line(oid, "A", **second), line(oid, "B", **second)])
    assert counts(apply_import(store, again, now=T1)) == expected_counts
    order = records.get_order(store, oid)
    assert order is not None
    assert order["status"] == expected_status
    assert (order["ship_city"], order["ship_state"], order["ship_postal_code"]) == (
        "Tucson",
        "AZ",
        "85701",
    )


def test_a_newer_row_updates_items_and_address(store: Store, stub: StubParser) -> None:
    oid = "111-0000001-0000001"
    apply_import(store, stub.file("o1.txt", "orders", [line(oid, "A")]), now=T0)
    newer = line(
        oid,
        "A",
        updated=T1,
        quantity=2,
        ship_city="Boise",
        ship_state="ID",
        ship_postal_code="83702",
    )
    extra = line(oid, "C", updated=T1)
    assert counts(apply_import(store, stub.file("o2.txt", "orders", [newer, extra]), now=T1)) == (
        1,
        1,
        0,
    )
    order = records.get_order(store, oid)
    assert order is not None
    assert order["ship_city"] == "Boise"
    assert {(i["sku"], i["quantity"]) for i in order["items"]} == {("A", 2), ("C", 1)}
    assert order["last_updated"] == "2026-11-02T12:00:00+00:00"


def test_order_lines_split_across_batches(
    store: Store, stub: StubParser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "BATCH_ROWS", 2)
    oid = "111-0000001-0000001"
    skus = ["A", "B", "C", "D", "E"]
    apply_import(store, stub.file("o1.txt", "orders", [line(oid, s) for s in skus]), now=T0)
    seen: list[int] = []
    newer = [line(oid, s, updated=T1, status="Cancelled") for s in skus]
    outcome = apply_import(
        store, stub.file("o2.txt", "orders", newer), now=T1, progress=seen.append
    )
    assert counts(outcome) == (0, 5, 0)
    assert seen == [2, 4, 5]
    assert store.db.execute("SELECT status FROM orders").fetchall() == [("Cancelled",)]


# --- all or nothing ---------------------------------------------------------


def test_a_file_refused_at_line_n_writes_nothing(store: Store, stub: StubParser) -> None:
    apply_import(store, stub.file("o1.txt", "orders", [line("111-0000001-0000001")]), now=T0)
    before = dump(store)

    def refused_at_line_4() -> Iterator[Any]:
        yield line("111-0000009-0000001", updated=T1)
        yield line("111-0000001-0000001", updated=T1, status="Cancelled")
        raise ImportRefused("o2.txt", "'soon' is not an ISO 8601 timestamp", 4, "purchase-date")

    outcome = apply_import(store, stub.file("o2.txt", "orders", refused_at_line_4), now=T1)
    assert not outcome.ok
    assert (
        outcome.error
        == "o2.txt, line 4, column 'purchase-date': 'soon' is not an ISO 8601 timestamp."
    )
    after = dump(store)
    logged = after.pop("imports")
    assert after == {k: v for k, v in before.items() if k != "imports"}
    history = import_history(store.db)
    assert len(logged) == 2
    assert history[0]["outcome"] == "refused" and history[0]["error"] == outcome.error
    assert history[0]["kind"] == "orders" and history[0]["added"] == 0


def test_cancelling_from_the_progress_callback_rolls_back(
    store: Store, stub: StubParser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "BATCH_ROWS", 2)
    rows = [line(f"111-0000001-000000{i}") for i in range(6)]

    def cancel(done: int) -> None:
        if done >= 4:
            raise ImportCancelled()

    outcome = apply_import(store, stub.file("o.txt", "orders", rows), now=T0, progress=cancel)
    assert not outcome.ok and "cancelled" in (outcome.error or "")
    assert store.db.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 0
    assert [h["outcome"] for h in import_history(store.db)] == ["cancelled"]


def test_an_unexpected_error_is_a_sentence_and_rolls_back(store: Store, stub: StubParser) -> None:
    def crash() -> Iterator[Any]:
        yield line("111-0000001-0000001")
        raise KeyError("boom")

    outcome = apply_import(store, stub.file("o.txt", "orders", crash), now=T0)
    assert outcome.error is not None and outcome.error.startswith("could not import o.txt:")
    assert store.db.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 0


def test_a_file_refused_by_detection_is_logged_without_a_kind(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path) -> Any:
        raise ImportRefused(path.name, "this is not a report the app knows")

    monkeypatch.setattr(imports, "_detect_and_parse", refuse)
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    outcome = apply_import(store, path, now=T0)
    assert (
        outcome.kind is None and outcome.error == "notes.txt: this is not a report the app knows."
    )
    assert last_import_times(store.db) == {}


def test_history_and_freshness(store: Store, stub: StubParser) -> None:
    apply_import(store, stub.file("o1.txt", "orders", [line("111-0000001-0000001")]), now=T0)
    apply_import(store, stub.file("o2.txt", "orders", [line("111-0000002-0000001")]), now=T1)
    fb = Feedback(
        "111-0000001-0000001", date(2026, 11, 1), 1, rater_email="x@marketplace.amazon.com"
    )
    apply_import(store, stub.file("f.txt", "feedback", [fb]), now=T2)
    assert last_import_times(store.db) == {"orders": T1, "feedback": T2}
    assert [h["file_name"] for h in import_history(store.db)] == ["f.txt", "o2.txt", "o1.txt"]


# --- returns ----------------------------------------------------------------


def _return(rma: str, status: str, **kw: Any) -> Any:
    from core.model import ReturnRequest

    return ReturnRequest(
        "111-0000001-0000001", rma, date(2026, 10, 30), status, in_policy=True, **kw
    )


def test_return_decision_time_comes_from_import_history(store: Store, stub: StubParser) -> None:
    first = stub.file(
        "r1.txt", "returns_fbm", [_return("R1", "Pending"), _return("R2", "Approved")]
    )
    assert counts(apply_import(store, first, now=T0)) == (2, 0, 0)
    second = stub.file(
        "r2.txt", "returns_fbm", [_return("R1", "Approved"), _return("R2", "Closed")]
    )
    assert counts(apply_import(store, second, now=T1)) == (0, 2, 0)
    third = stub.file("r3.txt", "returns_fbm", [_return("R1", "Closed"), _return("R2", "Closed")])
    apply_import(store, third, now=T2)
    by_rma = {r.rma_id: r for r in records.list_returns_fbm(store.db)}
    assert by_rma["R1"].decided_at == T1 and not by_rma["R1"].first_seen_decided
    assert by_rma["R2"].decided_at is None and by_rma["R2"].first_seen_decided
    assert by_rma["R1"].status == "Closed"
    history = store.db.execute(
        "SELECT rma_id, seen_at, status FROM return_status_history ORDER BY rma_id, seen_at"
    ).fetchall()
    assert history == [
        ("R1", "2026-11-01T12:00:00+00:00", "Pending"),
        ("R1", "2026-11-02T12:00:00+00:00", "Approved"),
        ("R1", "2026-11-03T12:00:00+00:00", "Closed"),
        ("R2", "2026-11-01T12:00:00+00:00", "Approved"),
        ("R2", "2026-11-02T12:00:00+00:00", "Closed"),
    ]


def test_app_decision_and_negative_feedback_survive_imports(store: Store, stub: StubParser) -> None:
    apply_import(store, stub.file("r1.txt", "returns_fbm", [_return("R1", "Pending")]), now=T0)
    app_state.mark_return_decided(store.db, "111-0000001-0000001", "R1", T0 + timedelta(hours=3))
    app_state.set_return_negative_feedback(store.db, "111-0000001-0000001", "R1", True)
    apply_import(store, stub.file("r2.txt", "returns_fbm", [_return("R1", "Authorized")]), now=T1)
    (r,) = records.list_returns_fbm(store.db)
    assert (
        r.decided_at == T0 + timedelta(hours=3) and r.negative_feedback and r.status == "Authorized"
    )
    source = store.db.execute("SELECT decided_source FROM returns_fbm").fetchone()[0]
    assert source == "app"


def test_an_older_pending_file_does_not_undo_a_decision(store: Store, stub: StubParser) -> None:
    apply_import(store, stub.file("r1.txt", "returns_fbm", [_return("R1", "Pending")]), now=T0)
    apply_import(store, stub.file("r2.txt", "returns_fbm", [_return("R1", "Approved")]), now=T1)
    outcome = apply_import(
        store, stub.file("r0.txt", "returns_fbm", [_return("R1", "Pending", sku="X")]), now=T2
    )
    assert counts(outcome) == (0, 1, 0)
    (r,) = records.list_returns_fbm(store.db)
    assert (r.status, r.decided_at, r.sku) == ("Approved", T1, "X")


# --- keyed kinds: app state survives re-imports ----------------------------


def test_feedback_updates_but_keeps_removal_state(store: Store, stub: StubParser) -> None:
    oid = "111-0000001-0000001"
    fb = Feedback(
        oid, date(2026, 11, 1), 1, comments="late", rater_email="a1@marketplace.amazon.com"
    )
    apply_import(store, stub.file("f1.txt", "feedback", [fb]), now=T0)
    app_state.set_feedback_removal_requested(store.db, oid, T0)
    app_state.set_feedback_removed(store.db, oid, True, T1)
    changed = replace(fb, response="Sorry!")
    assert counts(apply_import(store, stub.file("f2.txt", "feedback", [changed]), now=T2)) == (
        0,
        1,
        0,
    )
    (got,) = records.list_feedback(store)
    assert got.response == "Sorry!" and got.removed and got.removal_requested
    assert got.rater_email == "a1@marketplace.amazon.com"


def test_claims_keep_the_logged_appeal(store: Store, stub: StubParser) -> None:
    claim = Claim(
        "C1", "111-0000001-0000001", "a-to-z", T0, "not_received", "open", Decimal("12.50"), "USD"
    )
    apply_import(store, stub.file("c1.csv", "claims", [claim]), now=T0)
    app_state.log_appeal(store.db, "C1", T1)
    granted = replace(claim, status="granted", decided_at=T1)
    assert counts(apply_import(store, stub.file("c2.csv", "claims", [granted]), now=T2)) == (
        0,
        1,
        0,
    )
    (got,) = records.list_claims(store.db)
    assert got.status == "granted" and got.appeal_logged and got.amount == Decimal("12.50")


def _message(mid: str, **kw: Any) -> Message:
    base = Message(
        mid,
        "111-0000001-0000001",
        "in",
        T0,
        order_id="111-0000001-0000001",
        subject="Order delivery inquiry",
        body="Where is it?",
        sender="b1@marketplace.amazon.com",
    )
    return replace(base, **kw)


def test_messages_keep_the_sellers_choices_on_reimport(store: Store, stub: StubParser) -> None:
    path = stub.file("m.csv", "messages", [_message("M1"), _message("M2", no_response_needed=True)])
    apply_import(store, path, now=T0)
    db = store.db
    app_state.set_no_response_needed(db, "M1", True)
    app_state.set_no_response_needed(db, "M2", False)
    app_state.mark_responded(db, "M1", T1)
    app_state.set_contact_type(db, "M1", "delivery_issue")
    assert counts(apply_import(store, path, now=T2)) == (0, 0, 2)
    edited = stub.file(
        "m2.csv",
        "messages",
        [_message("M1", body="Still waiting"), _message("M2", no_response_needed=True)],
    )
    assert counts(apply_import(store, edited, now=T2)) == (0, 1, 1)
    got = {m.message_id: m for m in records.list_messages(store)}
    assert got["M1"].no_response_needed and got["M1"].responded_at == T1
    assert got["M1"].contact_type == "delivery_issue" and got["M1"].body == "Still waiting"
    assert not got["M2"].no_response_needed


def test_relay_alias_threads_are_stored_hashed(store: Store, stub: StubParser) -> None:
    alias = "1f00d@marketplace.amazon.com"
    msgs = [replace(_message(m), thread_id=alias, order_id="") for m in ("M1", "M2")]
    apply_import(store, stub.file("m.eml", "email", msgs), now=T0)
    threads = {r[0] for r in store.db.execute("SELECT thread_id FROM messages")}
    assert len(threads) == 1
    (thread,) = threads
    assert thread == store.cipher.thread_id(alias) and "@" not in thread  # keyed, never stored
    assert records.list_messages(store, since=T0)[0].thread_id == thread
    assert records.list_messages(store, since=T1) == []


def test_fba_returns_upsert_on_their_natural_key(store: Store, stub: StubParser) -> None:
    ret = FbaReturn(
        T0,
        "111-0000001-0000001",
        "SKU1",
        "B0SKU1",
        license_plate_number="LPN1",
        customer_comments="broken lid",
    )
    apply_import(store, stub.file("fba1.txt", "returns_fba", [ret]), now=T0)
    again = [replace(ret, status="Reimbursed"), replace(ret, license_plate_number="LPN2")]
    assert counts(apply_import(store, stub.file("fba2.txt", "returns_fba", again), now=T1)) == (
        1,
        1,
        0,
    )
    got = records.list_returns_fba(store)
    assert [(r.license_plate_number, r.status, r.customer_comments) for r in got] == [
        ("LPN1", "Reimbursed", "broken lid"),
        ("LPN2", "", "broken lid"),
    ]


def test_performance_snapshots_are_dated_and_not_duplicated(store: Store, stub: StubParser) -> None:
    metric = PerformanceMetric(
        "ATVPDKIKX0DER",
        "orderDefectRate",
        "mfn",
        0.01,
        0.01,
        "LESS_THAN",
        "BAD",
        counts={"orderCount": 301},
    )
    report = PerformanceReport(
        {"ATVPDKIKX0DER": "NORMAL"}, (metric,), {"ATVPDKIKX0DER": "GREAT"}, {}, "{}"
    )
    path = stub.file("perf.json", "performance", [report])
    assert counts(apply_import(store, path, now=T0)) == (1, 0, 0)
    assert counts(apply_import(store, path, now=T1)) == (0, 0, 1)
    newer = stub.file("perf2.json", "performance", [replace(report, raw_json='{"v": 2}')])
    assert counts(apply_import(store, newer, now=T2)) == (1, 0, 0)
    (latest,) = records.latest_performance(store.db)
    assert latest["imported_at"] == "2026-11-03T12:00:00+00:00" and latest["ahr_status"] == "GREAT"
    assert latest["metrics"][0]["counts"] == {"orderCount": 301}
    assert records.counts(store.db)["performance_snapshots"] == 2


# --- the real importers on the samples ------------------------------------

SELLER_A = (
    "orders-1.txt",
    "orders-2.txt",
    "feedback.txt",
    "returns-fbm.txt",
    "returns-fba.txt",
    "messages.csv",
    "claims.csv",
)


def test_seller_a_samples_import_to_the_expected_counts(store: Store, samples: Path) -> None:
    pytest.importorskip("storage.reports.detect")
    expected = json.loads((samples / "seller-a" / "expected.json").read_text())["counts"]
    now = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    for name in SELLER_A:
        outcome = apply_import(store, samples / "seller-a" / name, now=now)
        assert outcome.ok, outcome.error
    got = records.counts(store.db)
    assert {k: got[k] for k in expected} == expected
    for name in SELLER_A:
        outcome = apply_import(store, samples / "seller-a" / name, now=now + timedelta(hours=1))
        assert (outcome.added, outcome.updated, outcome.error) == (0, 0, None), name
    assert records.counts(store.db) == {**got, "imports": got["imports"] + len(SELLER_A)}
