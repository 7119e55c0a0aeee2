"""When a large All Orders file takes the bulk path, and how that path runs.

A file of BULK_MIN_BYTES or more is parsed by a reader process (feed.py,
batches.py) while this process writes it mostly set-based (bulk_write.py),
with OrderWriter's rules and counts; same transaction, progress and cancel.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storage.imports.context import ImportContext, Progress
from storage.reports.orders.bulk_write import BulkOrderImport
from storage.reports.orders.feed import Feed, feed_for

log = logging.getLogger(__name__)

BULK_MIN_BYTES = 8 << 20
"""All Orders files this big (~35,000 lines) or bigger take the bulk path; for
smaller ones, starting its reader process costs more than it saves."""
ORDER_FEED: Callable[[Path], Feed] = feed_for
"""Who reads a file for the bulk path (tests swap in `LocalFeed`)."""


def wanted(path: Path) -> bool:
    """Whether `path` is big enough for the bulk path."""
    return path.stat().st_size >= BULK_MIN_BYTES


def import_bulk(ctx: ImportContext, path: Path, progress: Progress | None) -> None:
    """A large orders file: parsed by another process, written mostly set-based.

    Run it inside `bulk_session` and the import's transaction.
    """
    writer = BulkOrderImport(ctx)
    with ORDER_FEED(path) as feed:
        for runs, items in feed.batches():
            writer.add(runs, items)
            if progress is not None:
                progress(writer.lines)
    writer.finish()


@contextmanager
def bulk_session(conn: sqlite3.Connection) -> Iterator[None]:
    """What the bulk path needs around its transaction; enter it before the transaction.

    - An empty database attached as `bulk` for the staging tables: detached
      after the transaction, which deletes it at no cost, where dropping
      tables of a million rows takes a fifth of a second.
    - No foreign-key checks: every item's order is written before the item
      and every order names this import, so the probes (~0.3 s a million
      lines) could only ever pass. SQLite takes the setting only outside a
      transaction, so it is switched here, and back on after.

    Inside an enclosing transaction neither can change: the checks stay on,
    and the scratch database stays attached until the connection closes (the
    next bulk import reuses it).
    """
    attached = {row[1] for row in conn.execute("PRAGMA database_list")}
    if "bulk" not in attached:
        conn.execute("ATTACH DATABASE '' AS bulk")
    checks = int(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA foreign_keys = {checks}")
        try:
            conn.execute("DETACH DATABASE bulk")
        except sqlite3.OperationalError:
            log.warning(
                "the bulk import's scratch database stays attached until the connection closes"
            )
