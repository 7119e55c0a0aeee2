"""The bulk path for large All Orders files: OrderWriter's rules, mostly set-based.

Why a second path: OrderWriter looks each batch up and decides line by line
in Python, and inserts in file order, i.e. at random places of the order-id
indexes: ~30 s a million lines. Here a reader process parses (feed.py,
batches.py); this process decides per run, not per line, encrypts, writes
the orders, and at the end puts the items in with one INSERT ... SELECT
sorted by key, so the order_items index grows at its end.

While the file streams in, batch by batch, in file order:

- runs -> orders. Only a run's first line can change its order, so the
  order rule "a newer last_updated wins; equal or older changes nothing" is
  applied per run against the order's current row: an unknown order is
  inserted, a newer one updated (both encrypt the address, so an order that
  is not written costs no encryption). A run whose order was already there is
  noted in bulk.prior with the last_updated it found and whether this import
  had written it.
- items -> bulk.items, an unindexed table (rowid = the line's seq).

Then the per-line counts and item writes, by kind of order. Every decision
is the order rule's (rule.py): `order_wins` per run as the batches arrive,
and for simple orders the table `simple_changes` derives from `replay`,
which the SQL below only groups by; no SQL compares a last_updated.

- new and simple (no bulk.prior row): every line is written,
  one INSERT ... SELECT ... ORDER BY order_id, sku, line for all of them, and
  counted as `simple_changes` says of a line of a new order.
- existing and simple (one run, which found a row another import wrote):
  each line is classed by (did its run win, was its item stored), counted
  per class and written when its class changes something; one sorted upsert.
- anything else (several runs, a run cut in two): replayed
  line by line by `replay`. Rare in real files, so its speed matters little.

The staging tables live in a scratch database attached as `bulk` for the
import (`bulk_session`): detaching it afterwards deletes them at no cost. Memory
stays flat: batches stream, the staged lines are on disk, and the final
sort spills to temp files.

tests/test_import_orders_bulk.py imports the same files both ways and
compares tables and counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from storage.imports.context import ImportContext, select_in
from storage.reports.orders.batches import (
    ITEM_COLUMNS,
    ITEM_WIDTH,
    ORDER_COLUMNS,
    RUN_ADDRESS,
    RUN_FIRST,
    RUN_LAST,
    RUN_LAST_UPDATED,
    RUN_ORDER,
    RUN_ORDER_ID,
    Items,
    Run,
)
from storage.reports.orders.rule import (
    Key,
    SimpleLine,
    Values,
    order_wins,
    replay,
    simple_changes,
)

_ADDRESS = ("orders", "ship_address_enc")
"""Where an order's address blob is stored: part of its associated data."""

Found = tuple[str, int | None]  # an order's last_updated and import_id
_NEW_LINE: SimpleLine = (True, False)  # a line of an order this import creates

_VALUES = "asin, product_name, quantity, item_status, currency, item_price"
_COLUMNS = f"order_id, sku, line, {_VALUES}"
_SET_VALUES = ", ".join(f"{c} = excluded.{c}" for c in _VALUES.split(", "))

# In the scratch database `bulk` (see `bulk_session`), thrown away whole after the import.
_CREATE = (
    "CREATE TABLE bulk.items ({})".format(
        ", ".join(
            f"{c} INTEGER" if c in ("quantity", "line") else f"{c} TEXT" for c in ITEM_COLUMNS
        )
    ),
    """CREATE TABLE bulk.prior (first_seq INTEGER PRIMARY KEY, last_seq INTEGER,
        order_id TEXT, won INTEGER, found_updated TEXT, found_mine INTEGER)""",
)

_SELECT_ORDERS = "SELECT order_id, last_updated, import_id FROM orders WHERE order_id IN ({})"
_SELECT_ORDERS_ROWID = (
    "SELECT order_id, last_updated, import_id, rowid FROM orders WHERE order_id IN ({})"
)
# Parameters: a run's ORDER_COLUMNS values, then ship_address_enc and import_id.
_ROW_COLUMNS = (*ORDER_COLUMNS, "ship_address_enc", "import_id")
_INSERT_ORDER = "INSERT INTO orders ({}) VALUES ({})".format(
    ", ".join(_ROW_COLUMNS), ", ".join("?" * len(_ROW_COLUMNS))
)
_INSERT_NEW_ORDER = _INSERT_ORDER + " ON CONFLICT (order_id) DO NOTHING"
# The same parameters; the columns OrderWriter's upsert sets.
_UPDATE_ORDER = "UPDATE orders SET {}, pii_purged_at = NULL WHERE order_id = ?1".format(
    ", ".join(f"{c} = ?{i}" for i, c in enumerate(_ROW_COLUMNS, 1) if c != "order_id")
)
_ITEM_ROW = "(" + ", ".join("?" * ITEM_WIDTH) + ")"
_STAGE_ITEM = f"INSERT INTO bulk.items VALUES {_ITEM_ROW}"
_STAGE_LINES = 100  # per multi-row INSERT (900 parameters): a quarter cheaper than one each
_STAGE_ITEMS = "INSERT INTO bulk.items VALUES " + ", ".join([_ITEM_ROW] * _STAGE_LINES)
_STAGE_PRIOR = "INSERT INTO bulk.prior VALUES (?, ?, ?, ?, ?, ?)"

# Every order that is not "new and simple": its last_updated before this import
# (its first run's find; NULL if this import created it), whether it is simple,
# and whether its first run won. With min() the only min/max aggregate, SQLite
# takes the bare columns from the row with the smallest first_seq: the first run.
_ORDERS = (
    """CREATE TABLE bulk.touched (order_id TEXT PRIMARY KEY, found_before TEXT,
        simple INTEGER, first_seq INTEGER, last_seq INTEGER, won INTEGER)""",
    """INSERT INTO bulk.touched
    SELECT order_id, iif(found_mine, NULL, found_updated), runs = 1 AND NOT found_mine,
        first_seq, last_seq, won
    FROM (SELECT order_id, found_mine, found_updated, count(*) AS runs,
            min(first_seq) AS first_seq, last_seq, won
        FROM bulk.prior GROUP BY order_id)""",
)
_NEW_ITEMS = f"""INSERT INTO order_items ({_COLUMNS})
SELECT {_COLUMNS} FROM bulk.items
WHERE order_id NOT IN (SELECT order_id FROM bulk.touched)
ORDER BY order_id, sku, line"""
_EXISTING = """CREATE TABLE bulk.existing AS
SELECT i.rowid AS seq, o.won AS won, EXISTS (
        SELECT 1 FROM order_items s WHERE s.order_id = i.order_id AND s.sku = i.sku
        AND s.line = i.line) AS stored
FROM bulk.touched o CROSS JOIN bulk.items i ON i.rowid BETWEEN o.first_seq AND o.last_seq
WHERE o.simple"""
_EXISTING_COUNTS = "SELECT won, stored, count(*) FROM bulk.existing GROUP BY won, stored"
_EXISTING_ITEMS = f"""INSERT INTO order_items ({_COLUMNS})
SELECT {", ".join("i." + c for c in _COLUMNS.split(", "))}
FROM bulk.existing e CROSS JOIN bulk.items i ON i.rowid = e.seq
WHERE (e.won, e.stored) IN (VALUES {{}})
ORDER BY i.order_id, i.sku, i.line
ON CONFLICT (order_id, sku, line) DO UPDATE SET {_SET_VALUES}"""
"""Takes the (won, stored) classes whose lines change something, as `(1, 0), ...`."""
_COMPLEX_LINES = f"""SELECT i.order_id, o.found_before, i.last_updated, i.sku, i.line, {_VALUES}
FROM bulk.items i CROSS JOIN bulk.touched o ON o.order_id = i.order_id
WHERE NOT o.simple ORDER BY i.order_id, i.rowid"""
_COMPLEX_STORED = f"""CREATE TABLE bulk.stored AS
SELECT {", ".join("s." + c for c in _COLUMNS.split(", "))}
FROM bulk.touched o JOIN order_items s ON s.order_id = o.order_id WHERE NOT o.simple"""
_UPSERT_ITEM = f"""INSERT INTO order_items ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (order_id, sku, line) DO UPDATE SET {_SET_VALUES}"""

_TABLES = ("items", "prior", "duplicates", "touched", "existing", "stored")
"""Every staging table, also of older versions (`duplicates`), dropped before a new import."""
_WRITE_ROWS = 5000
_SORT_CACHE = -8000  # KiB, see finish


class BulkOrderImport:
    """One large orders file: `add` each run batch as it arrives, then `finish` once.

    Run it inside `bulk_session`: its staging tables live in the `bulk` database.
    """

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.lines = 0
        self._simple = simple_changes()
        if self._simple[_NEW_LINE] == "unchanged":
            raise RuntimeError("the bulk path writes every line of a new order; the rule does not")
        self._expect_new = True  # see _insert_first
        for name in _TABLES:  # left by an import that could not detach its scratch
            ctx.conn.execute(f"DROP TABLE IF EXISTS bulk.{name}")
        for sql in _CREATE:
            ctx.conn.execute(sql)

    def add(self, runs: list[Run], items: Items) -> None:
        """Write a batch's orders and stage its items; the counts come in `finish`."""
        conn = self.ctx.conn
        if self._expect_new:
            self._insert_first(runs)
        else:
            self._look_up_first(runs)
        step = _STAGE_LINES * ITEM_WIDTH
        whole = len(items) - len(items) % step
        for start in range(0, whole, step):
            conn.execute(_STAGE_ITEMS, items[start : start + step])
        rest = iter(items[whole:])
        conn.executemany(_STAGE_ITEM, zip(*[rest] * ITEM_WIDTH, strict=True))
        self.lines += len(items) // ITEM_WIDTH

    def _insert_first(self, runs: list[Run]) -> None:
        """Insert every run's order unless it is there; look orders up only if some were.

        The batches of a first import hold orders we do not have, and the
        insert finds that out anyway: looking them up first would cost every
        order a second probe of the order-id index (~1 s a million lines).
        A batch that did hold known orders pays its encryptions for nothing
        and switches the next batch to `_look_up_first`.
        """
        conn = self.ctx.conn
        me = self.ctx.import_id
        encrypt = self.ctx.cipher.encrypt_field
        rows = [
            (*run[RUN_ORDER:], encrypt(run[RUN_ADDRESS], *_ADDRESS, run[RUN_ORDER_ID]), me)
            for run in runs
        ]
        highest = conn.execute("SELECT max(rowid) FROM orders").fetchone()[0] or 0
        before = conn.total_changes
        conn.executemany(_INSERT_NEW_ORDER, rows)
        if conn.total_changes - before == len(rows):
            return
        # Rows up to `highest` are the orders as they were before this batch.
        found = {
            oid: (updated, imp)
            for oid, updated, imp, rowid in select_in(
                conn, _SELECT_ORDERS_ROWID, (r[RUN_ORDER_ID] for r in runs)
            )
            if rowid <= highest
        }
        self._apply(runs, found, rows)
        self._expect_new = False

    def _look_up_first(self, runs: list[Run]) -> None:
        """Look the batch's orders up, then write the new and the newer ones."""
        found = {
            oid: (updated, imp)
            for oid, updated, imp in select_in(
                self.ctx.conn, _SELECT_ORDERS, (r[RUN_ORDER_ID] for r in runs)
            )
        }
        self._expect_new = not found
        self._apply(runs, found, None)

    def _apply(
        self, runs: list[Run], found: dict[str, Found], inserted: list[tuple[Any, ...]] | None
    ) -> None:
        """The order rule, run by run; `found` is each order as it was before the batch.

        With `inserted` (the rows `_insert_first` wrote unless their order was
        there) the first run of an order new to the batch is already written.
        """
        conn = self.ctx.conn
        me = self.ctx.import_id
        encrypt = self.ctx.cipher.encrypt_field
        new: list[tuple[Any, ...]] = []
        newer: list[tuple[Any, ...]] = []
        prior: list[tuple[Any, ...]] = []
        for i, run in enumerate(runs):
            oid = run[RUN_ORDER_ID]
            updated = run[RUN_LAST_UPDATED]
            known = found.get(oid)
            won = order_wins(updated, None if known is None else known[0])
            if known is not None:
                prior.append((run[RUN_FIRST], run[RUN_LAST], oid, won, known[0], known[1] == me))
            if won:
                if inserted is not None:
                    row = inserted[i]
                else:
                    address = encrypt(run[RUN_ADDRESS], *_ADDRESS, oid)
                    row = (*run[RUN_ORDER:], address, me)
                if known is not None:
                    newer.append(row)
                elif inserted is None:
                    new.append(row)
                found[oid] = (updated, me)
        # All inserts before the updates: an order new in this batch is there
        # for the update of a later, newer run of it.
        conn.executemany(_INSERT_ORDER, new)
        conn.executemany(_UPDATE_ORDER, newer)
        conn.executemany(_STAGE_PRIOR, prior)

    def finish(self) -> None:
        """Write the items and count every line."""
        conn = self.ctx.conn
        counts = self.ctx.counts
        staged = conn.execute("SELECT max(rowid) FROM bulk.items").fetchone()[0] or 0
        if staged != self.lines:  # rowid = seq is what bulk.prior's ranges rely on
            raise RuntimeError(f"staged {staged} order lines, not {self.lines}")
        for sql in _ORDERS:
            conn.execute(sql)
        # SQLite's sorter buffers as much as the page cache may hold, on top of
        # it: with a small cache during the sort, it reuses that memory instead
        # and the peak stays where the streaming left it. (It spills sorted
        # runs to temp files, so this costs little time.)
        cache = int(conn.execute("PRAGMA main.cache_size").fetchone()[0])
        conn.execute(f"PRAGMA main.cache_size = {_SORT_CACHE}")
        try:
            counts.note(self._simple[_NEW_LINE], conn.execute(_NEW_ITEMS).rowcount)
        finally:
            conn.execute(f"PRAGMA main.cache_size = {cache}")
        conn.execute(_EXISTING)
        for won, stored, lines in conn.execute(_EXISTING_COUNTS).fetchall():
            counts.note(self._simple[(bool(won), bool(stored))], int(lines))
        written = [
            f"({int(w)}, {int(s)})" for (w, s), c in self._simple.items() if c != "unchanged"
        ]
        if written:
            conn.execute(_EXISTING_ITEMS.format(", ".join(written)))
        complex_orders = "SELECT EXISTS (SELECT 1 FROM bulk.touched WHERE NOT simple)"
        if conn.execute(complex_orders).fetchone()[0]:
            self._replay_complex(conn)

    def _replay_complex(self, conn: sqlite3.Connection) -> None:
        """Orders with several runs, line by line (see `replay`)."""
        conn.execute(_COMPLEX_STORED)  # a copy: we write order_items while reading it
        stored = _by_order(conn.execute("SELECT * FROM bulk.stored ORDER BY order_id"))
        writes: list[tuple[Any, ...]] = []
        counts = self.ctx.counts
        for oid, lines in groupby(conn.execute(_COMPLEX_LINES), key=itemgetter(0)):
            rows = list(lines)
            before: str | None = rows[0][1]
            changes = replay(before, stored(oid), ((r[3:5], r[2], r[5:]) for r in rows))
            counts.added += changes.added
            counts.updated += changes.updated
            counts.unchanged += changes.unchanged
            writes.extend((oid, *key, *values) for key, values in changes.writes.items())
            if len(writes) >= _WRITE_ROWS:
                conn.executemany(_UPSERT_ITEM, writes)
                writes = []
        conn.executemany(_UPSERT_ITEM, writes)


def _by_order(cursor: Iterable[Any]) -> Callable[[str], dict[Key, Values]]:
    """Stored items of ascending order ids, asked for in ascending order (a merge join)."""
    groups: Iterator[tuple[str, Iterator[Any]]] = groupby(cursor, key=itemgetter(0))
    pending: list[tuple[str, dict[Key, Values]]] = []

    def items(order_id: str) -> dict[Key, Values]:
        while True:
            if not pending:
                group = next(groups, None)
                if group is None:
                    return {}
                pending.append((group[0], {(r[1], r[2]): tuple(r[3:]) for r in group[1]}))
            oid, found = pending[0]
            if oid > order_id:
                return {}
            pending.clear()
            if oid == order_id:
                return found

    return items
