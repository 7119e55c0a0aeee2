"""Importing one report file: all of it in one transaction, or nothing.

The kind is detected from the content (storage/reports/detect.py), and the
kind's parser streams records into its writer in batches, so a million-row
file never sits in memory (storage/reports/kinds.py names both). A kind may
have a bulk path for big files (All Orders: storage/reports/orders/bulk.py).
A refusal, a cancel or a crash rolls everything back; the attempt is then
logged on its own.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.db import Store, transaction
from storage.db_file import explain
from storage.imports import history
from storage.imports.context import BatchWriter, ImportContext, Progress
from storage.imports.errors import ImportCancelled, ImportRefused
from storage.imports.notes import noting

if TYPE_CHECKING:
    from storage.reports.kinds import Report
from storage.imports.waiting import is_busy, retry_while_locked
from storage.key_check import KeyMissing

log = logging.getLogger(__name__)

BATCH_ROWS = 5000


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What the CLI prints and the imports screen shows for one file.

    `report` is Amazon's name of the detected report ("All Orders (XML)");
    `orders`/`lines` an orders file's orders and order lines; `notes` the
    import line's other sentences (rows skipped, statuses kept as written).
    """

    file: str
    kind: str | None
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str | None = None
    import_id: int | None = None
    report: str | None = None
    orders: int | None = None
    lines: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def _detect_and_parse(path: Path) -> tuple[Report, Iterator[object]]:
    """The file's report and its records (a seam tests replace with a stub parser).

    The report kinds are imported on the first import, not at start-up.
    """
    from storage.reports.detect import detect_report

    report = detect_report(path)
    return report, iter(report.parse(path))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def apply_import(
    store: Store,
    path: Path,
    *,
    now: datetime,
    progress: Progress | None = None,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> ImportOutcome:
    """Import one file; never raises for a bad file, the outcome carries the sentence.

    While another writer holds the lock it waits (`on_wait` is told once, a
    cancel from `progress` still stops it); with `wait=False` it raises
    `storage.imports.waiting.DatabaseBusy` instead, having written nothing.
    """

    def between() -> None:
        if progress is not None:
            progress(0)

    try:
        return retry_while_locked(
            lambda: _attempt(store, path, now, progress),
            wait=wait,
            on_wait=on_wait,
            between=between,
        )
    except ImportCancelled:  # while waiting: nothing was written, nor can be logged
        message = f"{path.name}: the import was cancelled before it started; nothing was changed."
        return ImportOutcome(path.name, None, error=message)


def _attempt(store: Store, path: Path, now: datetime, progress: Progress | None) -> ImportOutcome:
    """One try, all or nothing; a lock error propagates for `apply_import` to wait on."""
    db = store.db
    cipher = store.cipher  # first use may write a key check: keep it out of the rollback
    kind: str | None = None
    try:
        sha = file_sha256(path)
    except OSError as exc:
        return _failed(
            store, path, "", None, now, "refused", f"{path.name}: cannot be read ({exc})."
        )
    try:
        with noting() as noted:
            report, records = _detect_and_parse(path)
            kind = report.kind
            bulk = report.bulk if report.bulk is not None and report.bulk.wanted(path) else None
            session: AbstractContextManager[None] = (
                bulk.session(db.conn) if bulk is not None else nullcontext()
            )
            with session, transaction(db):
                import_id = history.start(db, path.name, sha, kind, now)
                ctx = ImportContext(db.conn, cipher, import_id, now, sha)
                if bulk is not None:
                    bulk.run(ctx, path, progress)
                else:
                    _import_records(report.writer(ctx), records, progress)
                notes = tuple(noted.sentences())
                history.finish(
                    db, import_id, now, ctx.counts, report.amazon_name, noted.orders,
                    noted.lines, notes,
                )  # fmt: skip
        c = ctx.counts
        return ImportOutcome(
            path.name, kind, c.added, c.updated, c.unchanged, None, import_id,
            report.amazon_name, noted.orders, noted.lines, notes,
        )  # fmt: skip
    except ImportRefused as exc:
        return _failed(store, path, sha, kind, now, "refused", str(exc))
    except KeyMissing as exc:  # never write buyer data with a key that cannot open the old
        return _failed(store, path, sha, kind, now, "refused", f"{path.name}: {exc}")
    except ImportCancelled as exc:
        message = str(exc) or f"{path.name}: the import was cancelled; nothing was changed."
        return _failed(store, path, sha, kind, now, "cancelled", message)
    except Exception as exc:
        if is_busy(exc):
            raise  # the lock, not the file: apply_import waits and tries again
        log.exception("importing %s failed", path)
        reason = explain(exc, store.path)  # a full disk, a read-only volume: what to do
        # Otherwise not the exception's text: it may quote a cell (a buyer's data).
        message = (
            f"{path.name}: {reason}"
            if reason
            else f"could not import {path.name}: an unexpected error ({type(exc).__name__}); "
            "the details are in the log file."
        )
        return _failed(store, path, sha, kind, now, "refused", message)


def _import_records(writer: BatchWriter, records: Iterable[Any], progress: Progress | None) -> None:
    """The parser's records, BATCH_ROWS at a time, through the kind's writer."""
    done = 0
    for batch in _batches(records, BATCH_ROWS):
        writer.write(batch)
        done += len(batch)
        if progress is not None:
            progress(done)


def _batches(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failed(
    store: Store,
    path: Path,
    sha: str,
    kind: str | None,
    now: datetime,
    outcome: str,
    error: str,
) -> ImportOutcome:
    """The outcome of a refused or cancelled attempt, logged in the history."""
    import_id = history.log_failure(store.db, path.name, sha, kind, now, outcome, error)
    return ImportOutcome(path.name, kind, error=error, import_id=import_id)
