"""Importing one report file: all of it in one transaction, or nothing.

The parser's records are streamed into per-kind writers in batches, so a
million-row file never sits in memory. A refusal, a cancel or a crash rolls
everything back; the attempt is then logged on its own.

A large All Orders file (BULK_MIN_BYTES) takes the bulk path instead:
parsed by a child process, written mostly set-based (import_orders_bulk),
with OrderWriter's rules and counts; same transaction, progress and cancel.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from core.clock import iso, parse_iso
from core.model import Record, ReportKind
from storage.db import Store, transaction
from storage.importers.base import ImportCancelled, ImportRefused
from storage.repository.import_context import BatchWriter, ImportContext
from storage.repository.import_keyed import (
    ClaimWriter,
    FbaReturnWriter,
    FeedbackWriter,
    MessageWriter,
)
from storage.repository.import_orders import OrderWriter
from storage.repository.import_orders_bulk import BulkOrderImport, bulk_session
from storage.repository.import_performance import PerformanceWriter
from storage.repository.import_returns import FbmReturnWriter
from storage.repository.order_feed import Feed, feed_for
from storage.repository.settings import thread_salt

log = logging.getLogger(__name__)

BATCH_ROWS = 5000
BULK_MIN_BYTES = 8 << 20
"""All Orders files this big (~35,000 lines) or bigger take the bulk path
(storage/repository/import_orders_bulk.py); for smaller ones, starting its
reader process costs more than it saves."""
ORDER_FEED: Callable[[Path], Feed] = feed_for
"""Who reads a file for the bulk path (tests swap in `LocalFeed`)."""
Progress = Callable[[int], None]

WRITERS: dict[str, Callable[[ImportContext], BatchWriter]] = {
    "orders": OrderWriter,
    "feedback": FeedbackWriter,
    "claims": ClaimWriter,
    "returns_fbm": FbmReturnWriter,
    "returns_fba": FbaReturnWriter,
    "messages": MessageWriter,
    "email": MessageWriter,
    "performance": PerformanceWriter,
}


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What the CLI prints and the imports screen shows for one file."""

    file: str
    kind: str | None
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str | None = None
    import_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _detect_and_parse(path: Path) -> tuple[ReportKind, Iterator[Record]]:
    """The importers' entry points (a seam tests replace with a stub parser)."""
    from storage.importers.detect import detect_kind, parser_for

    kind = detect_kind(path)
    return kind, iter(parser_for(kind)(path))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def apply_import(
    store: Store, path: Path, *, now: datetime, progress: Progress | None = None
) -> ImportOutcome:
    """Import one file; never raises for a bad file, the outcome carries the sentence."""
    db = store.db
    cipher = store.cipher  # first use may write a key check: keep it out of the rollback
    kind: str | None = None
    try:
        sha = file_sha256(path)
    except OSError as exc:
        return _log_failure(
            db, path, "", None, now, "refused", f"{path.name}: cannot be read ({exc})."
        )
    try:
        kind, records = _detect_and_parse(path)
        bulk = kind == "orders" and path.stat().st_size >= BULK_MIN_BYTES
        with bulk_session(db.conn) if bulk else nullcontext(), transaction(db):
            cur = db.conn.execute(
                "INSERT INTO imports (file_name, sha256, kind, started_at, outcome) "
                "VALUES (?, ?, ?, ?, 'ok')",
                [path.name, sha, kind, iso(now)],
            )
            assert cur.lastrowid is not None
            ctx = ImportContext(db.conn, cipher, cur.lastrowid, now, thread_salt(db), sha)
            if bulk:
                _import_orders_bulk(ctx, path, progress)
            else:
                _import_records(ctx, WRITERS[kind](ctx), records, progress)
            c = ctx.counts
            db.conn.execute(
                "UPDATE imports SET finished_at = ?, added = ?, updated = ?, unchanged = ? "
                "WHERE id = ?",
                [iso(now), c.added, c.updated, c.unchanged, ctx.import_id],
            )
        return ImportOutcome(path.name, kind, c.added, c.updated, c.unchanged, None, ctx.import_id)
    except ImportRefused as exc:
        return _log_failure(db, path, sha, kind, now, "refused", str(exc))
    except ImportCancelled as exc:
        message = str(exc) or f"{path.name}: the import was cancelled; nothing was changed."
        return _log_failure(db, path, sha, kind, now, "cancelled", message)
    except Exception as exc:
        log.exception("importing %s failed", path)
        message = f"could not import {path.name}: {exc}"
        return _log_failure(db, path, sha, kind, now, "refused", message)


def _import_records(
    ctx: ImportContext, writer: BatchWriter, records: Iterable[Any], progress: Progress | None
) -> None:
    """The parser's records, BATCH_ROWS at a time, through the kind's writer."""
    done = 0
    for batch in _batches(records, BATCH_ROWS):
        writer.write(batch)
        done += len(batch)
        if progress is not None:
            progress(done)


def _import_orders_bulk(ctx: ImportContext, path: Path, progress: Progress | None) -> None:
    """A large orders file: parsed by another process, written mostly set-based."""
    bulk = BulkOrderImport(ctx)
    with ORDER_FEED(path) as feed:
        for runs, items in feed.batches():
            bulk.add(runs, items)
            if progress is not None:
                progress(bulk.lines)
    bulk.finish()


def _batches(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _log_failure(
    db: sqlite_utils.Database,
    path: Path,
    sha: str,
    kind: str | None,
    now: datetime,
    outcome: str,
    error: str,
) -> ImportOutcome:
    """Record a refused or cancelled attempt in its own small transaction."""
    with transaction(db):
        cur = db.conn.execute(
            "INSERT INTO imports (file_name, sha256, kind, started_at, finished_at, outcome, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [path.name, sha, kind, iso(now), iso(now), outcome, error],
        )
    return ImportOutcome(path.name, kind, error=error, import_id=cur.lastrowid)


def import_history(
    db: sqlite_utils.Database, *, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Every import attempt, newest first, as plain dicts (imports table columns)."""
    sql = "SELECT * FROM imports ORDER BY id DESC"
    params: list[Any] = []
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def last_import_times(db: sqlite_utils.Database) -> dict[str, datetime]:
    """Latest successful import per kind: how fresh each kind of data is."""
    rows = db.execute(
        "SELECT kind, MAX(finished_at) FROM imports "
        "WHERE outcome = 'ok' AND kind IS NOT NULL AND finished_at IS NOT NULL GROUP BY kind"
    ).fetchall()
    return {kind: parse_iso(at) for kind, at in rows}
