"""The bulk path for large All Orders files gives exactly what OrderWriter gives.

Each scenario imports the same files twice, into two fresh stores: once
through OrderWriter (the path of small files), once through the bulk path
(storage/reports/orders/bulk.py, fed by feed.py), then compares every table and every
import's counts. Addresses are compared decrypted: each store has its own key
and every encryption its own nonce.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.db import Store
from storage.imports import apply as imports
from storage.imports import context as import_context
from storage.imports.apply import apply_import
from storage.imports.context import Change
from storage.imports.errors import ImportCancelled, ImportRefused
from storage.reports.orders import batches as order_batches
from storage.reports.orders import bulk as bulk_path
from storage.reports.orders import bulk_write as import_orders_bulk
from storage.reports.orders import feed as order_feed
from storage.reports.orders import parse as orders
from storage.reports.orders import rule as order_rule
from storage.reports.orders import write as order_write
from storage.reports.orders.rule import line_change, replay, simple_changes
from tests.fixtures.report_files import ORDERS_CURRENT, order_row, write_table

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
A, B, C = "111-0000001-0000001", "111-0000002-0000002", "111-0000003-0000003"
EARLY, MID, LATE = "2026-09-02T10:00:00+00:00", "2026-09-03T10:00:00+00:00", "2026-09-04T10:00:00Z"

Outcome = tuple[int, int, int, str | None]


def asin_of(sku: str) -> str:
    """An ASIN-shaped id per SKU (B0 and 8 capitals or digits)."""
    return ("B0" + re.sub("[^A-Z0-9]", "", sku.upper()) + "0" * 8)[:10]


def line(order_id: str, sku: str = "KT-WHISK", updated: str = MID, **cells: str) -> list[str]:
    return order_row(
        ORDERS_CURRENT,
        amazon_order_id=order_id,
        sku=sku,
        asin=asin_of(sku),
        last_updated_date=updated,
        **cells,
    )


@contextmanager
def patched(target: Any, **values: Any) -> Iterator[None]:
    """Module attributes set for a block (hypothesis cannot use `monkeypatch`)."""
    saved = {name: getattr(target, name) for name in values}
    for name, value in values.items():
        setattr(target, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(target, name, value)


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table; addresses decrypted, rowids left out."""
    db = store.db
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    tables = {n: [tuple(r) for r in db.execute(f"SELECT * FROM {n}")] for n in names}
    columns = [r[1] for r in db.execute("PRAGMA table_info(orders)")]
    at = columns.index("ship_address_enc")
    tables["orders"] = [
        (*r[:at], store.cipher.decrypt(r[at]) if r[at] else None, *r[at + 1 :])
        for r in tables["orders"]
    ]
    tables.pop("settings")  # holds the key check, a ciphertext
    return {n: sorted(rows, key=repr) for n, rows in tables.items()}


def run(
    folder: Path,
    files: Sequence[Sequence[list[str]]],
    *,
    bulk: bool | Sequence[bool],
    child: bool = False,
    encoding: str = "utf-8",
) -> tuple[list[Outcome], dict[str, list[tuple[Any, ...]]]]:
    """Import the files in order into a new store; each import's counts and the tables.

    `bulk` says which path imports each file (one bool: all of them).
    """
    folder.mkdir(parents=True)
    outcomes: list[Outcome] = []
    paths = [bulk] * len(files) if isinstance(bulk, bool) else bulk
    feed = order_feed.ChildFeed if child else order_feed.LocalFeed
    with patched(bulk_path, ORDER_FEED=feed):
        store = Store(folder / "db.sqlite3")
        try:
            for i, (rows, use_bulk) in enumerate(zip(files, paths, strict=True)):
                path = folder / f"orders-{i}.txt"
                write_table(path, ORDERS_CURRENT, rows, encoding=encoding)
                with patched(bulk_path, BULK_MIN_BYTES=0 if use_bulk else 1 << 62):
                    o = apply_import(store, path, now=T0 + timedelta(hours=i))
                outcomes.append((o.added, o.updated, o.unchanged, o.error))
            db = store.db
            assert "bulk" not in {r[1] for r in db.execute("PRAGMA database_list")}
            assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            return outcomes, dump(store)
        finally:
            store.close()


def assert_same(
    folder: Path,
    files: Sequence[Sequence[list[str]]],
    *,
    child: bool = False,
    bulk: bool | Sequence[bool] = True,
    encoding: str = "utf-8",
) -> Any:
    """OrderWriter alone and the `bulk` choice of paths give the same counts and tables."""
    expected = run(folder / "writer", files, bulk=False, encoding=encoding)
    got = run(folder / "bulk", files, bulk=bulk, child=child, encoding=encoding)
    assert got[0] == expected[0]
    assert got[1] == expected[1]
    return got[0]


# --- scenarios, through the child process --------------------------------------


def test_a_first_import_then_the_same_file_again(tmp_path: Path) -> None:
    first = [
        line(A, "KT-WHISK"),
        line(A, "KT-KNIFE"),
        line(B, "KT-WHISK", ship_city="", ship_state="", ship_postal_code=""),
        line(C, "KT-MOLD", sales_channel="Non-Amazon"),  # validated, not imported
        line(C, "KT-SCALE", item_price="", product_name="Crème brûlée torch — refillable"),
    ]
    counts = assert_same(tmp_path, [first, first], child=True)
    assert counts == [(4, 0, 0, None), (0, 0, 4, None)]


def raw_orders(store: Store) -> list[list[Any]]:
    return [store.db.execute(f"SELECT * FROM {t}").fetchall() for t in ("orders", "order_items")]


def test_a_reimport_changes_no_byte(tmp_path: Path) -> None:
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, [line(A), line(A, "KT-KNIFE"), line(B)])
    with patched(bulk_path, BULK_MIN_BYTES=0):
        store = Store(tmp_path / "db.sqlite3")
        assert apply_import(store, path, now=T0).added == 3
        before = raw_orders(store)
        again = apply_import(store, path, now=T0 + timedelta(hours=1))
        after = raw_orders(store)
        store.close()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert after == before  # ciphertext included: no order was written again


def test_newer_equal_and_older_files(tmp_path: Path) -> None:
    first = [line(A), line(A, "KT-KNIFE"), line(B), line(C)]
    later = [
        line(A, updated=LATE, order_status="Cancelled", quantity="2"),  # newer: replaces A
        line(A, "KT-SCALE", updated=LATE),  # a new item of a newer order
        line(B, quantity="5"),  # equal last_updated: changes nothing
        line(B, "KT-MOLD"),  # ... but an item never seen is kept
        line(C, updated=EARLY, order_status="Cancelled"),  # older: changes nothing
    ]
    counts = assert_same(tmp_path, [first, later], child=True)
    assert counts[1] == (2, 1, 2, None)


def test_orders_split_across_batches_and_runs_cut(tmp_path: Path) -> None:
    rows = [line(A, f"SKU{i}") for i in range(7)]
    rows += [line(B, "KT-WHISK"), line(A, "SKU9", updated=LATE), line(B, "KT-KNIFE")]
    newer = [line(A, f"SKU{i}", updated=LATE, order_status="Cancelled") for i in range(9)]
    with patched(order_batches, BATCH_LINES=2), patched(imports, BATCH_ROWS=2):
        assert_same(tmp_path / "child", [rows, newer, rows], child=True)
        assert_same(tmp_path / "local", [rows, newer, rows])


def test_duplicate_lines(tmp_path: Path) -> None:
    rows = [
        line(A),
        line(A),  # the same line twice
        line(A, quantity="3"),  # the same item again, other values
        line(B, updated=EARLY),
        line(B, updated=LATE),  # the same item, newer
        line(B, updated=EARLY, quantity="4"),  # and older again
    ]
    assert_same(tmp_path, [rows, rows, list(reversed(rows))], child=True)


def test_timestamps_and_prices_are_stored_the_same(tmp_path: Path) -> None:
    rows = [
        line(A, updated="2026-09-02T10:00:00Z", purchase_date="2026-09-01T03:00:00-07:00"),
        line(B, updated="2026-09-02T12:00:00+02:00", item_price="1,234.50"),
        line(C, updated="2026-09-02T10:00:00.750+00:00", item_price="9.490"),
        line(C, "KT-KNIFE", updated="2026-09-02T10:00:00.750+00:00", item_price="12,50"),
    ]
    assert_same(tmp_path, [rows], child=True)


def test_a_windows_1252_file_restarts_the_reader(tmp_path: Path) -> None:
    rows = [line(A, product_name="Crème brûlée torch"), line(B, ship_city="Zürich")]
    started: list[str] = []
    start = order_feed.ChildFeed._start

    def spy(feed: order_feed.ChildFeed, encoding: str) -> None:
        started.append(encoding)
        start(feed, encoding)

    with patched(order_feed.ChildFeed, _start=spy):
        assert_same(tmp_path, [rows], child=True, encoding="cp1252")
    assert started == ["utf-8", "cp1252"]  # the guess, then detect_encoding's answer


def test_an_undecodable_file_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "o.txt"
    write_table(path, ORDERS_CURRENT, [line(A)], encoding="utf-8-sig")
    path.write_bytes(path.read_bytes() + b"\xff\xfe\xfa\n")  # a BOM, then not UTF-8
    with patched(bulk_path, BULK_MIN_BYTES=0):
        store = Store(tmp_path / "db.sqlite3")
        outcome = apply_import(store, path, now=T0)
        store.close()
    assert outcome.error == "o.txt: the file starts as UTF-8 but has bytes that are not UTF-8."


# --- failures ---------------------------------------------------------------------


def test_a_refusal_in_the_child_reads_the_same_and_writes_nothing(tmp_path: Path) -> None:
    good = [line(A), line(B)]
    bad = [line(C), line(A, updated="soon"), line(B)]
    counts = assert_same(tmp_path, [good, bad], child=True)
    refusal = "orders-1.txt, line 3, column 'last-updated-date': 'soo…' (4 characters) is not an ISO 8601 timestamp."
    assert counts[1] == (0, 0, 0, refusal)


def test_cancelling_stops_the_child_and_rolls_back(tmp_path: Path) -> None:
    rows = [line(f"111-0000001-{i:07d}") for i in range(50)]
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows)
    seen: list[int] = []

    def cancel(done: int) -> None:
        seen.append(done)
        if done >= 20:
            raise ImportCancelled()

    with patched(bulk_path, BULK_MIN_BYTES=0), patched(order_batches, BATCH_LINES=10):
        store = Store(tmp_path / "db.sqlite3")
        outcome = apply_import(store, path, now=T0, progress=cancel)
        assert store.db.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 0
        assert "bulk" not in {r[1] for r in store.db.execute("PRAGMA database_list")}
        store.close()
    assert seen == [10, 20]
    assert not outcome.ok and "cancelled" in (outcome.error or "")


def test_a_reader_that_dies_is_a_sentence(tmp_path: Path) -> None:
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, [line(A)])
    with (
        patched(order_batches, BATCH_LINES="many"),  # the child cannot read its arguments
        pytest.raises(order_feed.FeedFailed, match=r"exit code 1\).*ValueError"),
        order_feed.ChildFeed(path) as feed,
    ):
        list(feed.batches())


# --- the pieces -------------------------------------------------------------------


def test_stored_blocks_are_rows_in_their_stored_forms(tmp_path: Path) -> None:
    rows = [
        line(A, updated=u, purchase_date=p, item_price=price, is_business_order=flag)
        for u, p, price, flag in [
            ("2026-09-02T10:00:00+00:00", "2026-09-01T10:00:00Z", "9.49", "true"),
            ("2026-09-02T10:00:00-00:00", "2026-09-01T03:00:00-07:00", "", "false"),
            ("2026-09-02T10:00:00.5+00:00", "2026-09-01", "1.234,50", ""),
            ("2026-W36-3T10:00:00+00:00", "2026-09-01 10:00:00+00:00", "9.490", "Y"),
        ]
    ]
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows)
    expected = [
        (
            *v[:1], import_context.ts(v[1]), import_context.ts(v[2]), *v[3:12],
            import_context.money(v[12]), *v[13:19], int(v[19]), v[20],
        )
        for v in orders.rows(path)
    ]  # fmt: skip
    assert [v for block in orders.stored_blocks(path) for v in block] == expected


def test_stored_blocks_refuse_what_rows_refuse(tmp_path: Path) -> None:
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, [line(A), line(B, item_price="x")])
    with pytest.raises(ImportRefused) as plain:
        list(orders.rows(path))
    with pytest.raises(ImportRefused) as stored:
        list(orders.stored_blocks(path))
    assert str(stored.value) == str(plain.value)


def test_only_orders_that_need_it_are_replayed(tmp_path: Path) -> None:
    replayed: list[str | None] = []

    def spy(before: str | None, stored: Any, lines: Any) -> Any:
        replayed.append(before)
        return replay(before, stored, lines)

    rows = [line(A), line(B), line(A, "KT-KNIFE"), line(C), line(C, "KT-KNIFE")]
    with (
        patched(bulk_path, BULK_MIN_BYTES=0, ORDER_FEED=order_feed.LocalFeed),
        patched(order_batches, BATCH_LINES=3),
        patched(import_orders_bulk, replay=spy),
    ):
        store = Store(tmp_path / "db.sqlite3")
        path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows)
        assert apply_import(store, path, now=T0).added == 5
        assert replayed == [None]  # A: its lines are apart; B and C took the set-based path
        replayed.clear()
        assert apply_import(store, path, now=T0 + timedelta(hours=1)).unchanged == 5
        assert replayed == [MID]  # only A again
        store.close()


def test_replay_follows_the_order_rule() -> None:
    k1, k2 = ("A", 1), ("B", 1)
    v1, v2 = ("Whisk", 1, "Shipped", "USD", "9.49"), ("Whisk", 2, "Shipped", "USD", "9.49")
    # A stored order, a newer run, then an older run naming a new item.
    changes = replay(
        EARLY, {k1: v1}, [(k1, MID, v1), (k2, MID, v1), (k1, MID, v2), (k2, EARLY, v2)]
    )
    assert (changes.added, changes.updated, changes.unchanged) == (1, 2, 1)
    assert changes.writes == {k1: v2, k2: v1}


def test_the_set_based_classes_come_from_the_rule() -> None:
    assert simple_changes() == {
        (True, False): "added",  # a new order's line, or a new item of a newer run
        (True, True): "updated",  # a stored item of a newer run
        (False, False): "added",  # an older run keeps an item never seen
        (False, True): "unchanged",  # an older or equal run changes nothing
    }


def test_both_paths_follow_a_changed_rule(tmp_path: Path) -> None:
    """With a rule where an older line keeps nothing, the SQL path follows without an edit."""

    def older_keeps_nothing(*args: Any) -> tuple[Change, bool]:
        change, takes_order = line_change(*args)
        return ("unchanged" if not takes_order and change == "added" and not args[2] else change,
                takes_order)  # fmt: skip

    first = [line(A), line(B), line(C)]
    older = [line(A, updated=EARLY), line(A, "KT-KNIFE", updated=EARLY), line(B, "KT-MOLD")]
    with (
        patched(order_rule, line_change=older_keeps_nothing),
        patched(order_write, line_change=older_keeps_nothing),
    ):
        counts = assert_same(tmp_path, [first, older])
    assert counts[1] == (0, 0, 3, None)  # the plain rule adds the two unseen items


# --- random scenarios, compared (in-process reader: no process per example) -------

ORDER_IDS = [A, B, C]
SKUS = ["KT-WHISK", "KT-KNIFE", "KT-MOLD"]
UPDATES = [EARLY, MID, "2026-09-03T12:00:00+02:00", LATE]


@st.composite
def order_lines(draw: st.DrawFn) -> list[str]:
    return line(
        draw(st.sampled_from(ORDER_IDS)),
        draw(st.sampled_from(SKUS)),
        draw(st.sampled_from(UPDATES)),
        order_status=draw(st.sampled_from(["Shipped", "Cancelled"])),
        quantity=draw(st.sampled_from(["1", "2"])),
        item_price=draw(st.sampled_from(["9.49", "9.490", ""])),
        ship_city=draw(st.sampled_from(["Boise", ""])),
    )


@settings(max_examples=150, deadline=None)
@given(
    files=st.lists(st.lists(order_lines(), max_size=10), min_size=1, max_size=3),
    data=st.data(),
    batch_lines=st.integers(1, 4),
    batch_rows=st.integers(1, 4),
)
def test_random_files_give_the_same_tables_and_counts(
    files: list[list[list[str]]], data: st.DataObject, batch_lines: int, batch_rows: int
) -> None:
    """Any mix of paths, file after file, ends in OrderWriter's tables and counts."""
    bulk = data.draw(st.lists(st.booleans(), min_size=len(files), max_size=len(files)))
    with (
        tempfile.TemporaryDirectory() as folder,
        patched(order_batches, BATCH_LINES=batch_lines),
        patched(imports, BATCH_ROWS=batch_rows),
    ):
        assert_same(Path(folder), files, bulk=bulk)
