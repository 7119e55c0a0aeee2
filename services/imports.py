"""Importing report files, the import history and the blank CSV templates.

`import_file` is what the Imports screen's thread and the `import` command both run:
the outcome, and the `Changes` it made, so the window refreshes what the file touched
(an orders file: orders and the history) and the health feed recomputes. A file
that imports fine resolves the warning that it "was not imported", if one is up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.clock import parse_iso
from core.format import count_noun, format_count
from core.import_history import ImportAttempt
from core.search import search_terms
from services.changes import Changes
from services.pages import Page
from storage.db import Store
from storage.db_file import read_only_sentence
from storage.imports import templates
from storage.imports.apply import ImportOutcome, apply_import
from storage.imports.history import import_history
from storage.imports.waiting import DatabaseBusy, retry_while_locked
from storage.repository.warnings import resolve_refused_file

__all__ = [
    "ImportAttempt",
    "ImportBatch",
    "ImportOutcome",
    "ImportedFile",
    "blank_template",
    "changes_of",
    "import_line",
    "outcome_json",
    "import_file",
    "import_files",
    "import_history_page",
    "save_blank_template",
]

Progress = Callable[[int], None]
"""Rows done so far; raising `storage.imports.errors.ImportCancelled` rolls the file back."""
OnWait = Callable[[], None]
"""Told once that the file waits for another import to finish."""

KIND_CHANGES: Mapping[str, Changes] = {
    "orders": Changes(orders=True),
    "orders_fbm": Changes(orders=True),
    "feedback": Changes(feedback=True),
    "returns_fbm": Changes(returns=True),
    "returns_fba": Changes(returns=True),
    "performance": Changes(performance=True),
    "messages": Changes(messages=True),
    "email": Changes(messages=True),
    "claims": Changes(claims=True),
    "shipments": Changes(orders=True),  # delivery dates of FBA orders
    "reimbursements": Changes(reimbursements=True),
    "adjustments": Changes(reimbursements=True),
    "ledger": Changes(reimbursements=True),
    "removals": Changes(reimbursements=True),
    "settlement": Changes(reimbursements=True),
    "date_range": Changes(reimbursements=True),
}
"""What an imported file of each report kind may have changed (besides the history)."""

HISTORY_PAGE = 200


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """One file's outcome and what it changed."""

    outcome: ImportOutcome
    changes: Changes


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """Several files in order, and everything they changed together."""

    outcomes: list[ImportOutcome]
    changes: Changes


def changes_of(outcome: ImportOutcome) -> Changes:
    """An attempt that was logged changed the history; an imported file also its kind."""
    if outcome.import_id is None:
        return Changes()  # nothing was stored (no such file)
    logged = Changes(imports=True)
    if not outcome.ok:
        return logged
    return logged | KIND_CHANGES.get(outcome.kind or "", Changes())


def import_line(outcome: ImportOutcome) -> str:
    """The one line the import command prints (and the Imports screen shows) for a file.

    "orders-1.txt: All Orders: 871 orders (1,387 lines): 1,387 added, 0 updated,
    0 unchanged; 3 Multi-Channel rows skipped (...)", or "x.txt: refused: <reason>".
    """
    if not outcome.ok:
        reason = (outcome.error or "").removeprefix(f"{outcome.file}: ")
        return f"{outcome.file}: refused: {reason}"
    parts = [outcome.file, outcome.report or outcome.kind or "imported"]
    if outcome.orders is not None and outcome.lines is not None:
        orders = count_noun(outcome.orders, "order")
        parts.append(f"{orders} ({count_noun(outcome.lines, 'line')})")
    parts.append(
        f"{format_count(outcome.added)} added, {format_count(outcome.updated)} updated, "
        f"{format_count(outcome.unchanged)} unchanged"
    )
    return "; ".join([": ".join(parts), *outcome.notes])


def outcome_json(outcome: ImportOutcome) -> dict[str, object]:
    """`import --json`'s object for one file: spec/cli.md's keys, then the added ones."""
    return {
        "file": outcome.file,
        "kind": outcome.kind,
        "added": outcome.added,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "error": outcome.error,
        "report": outcome.report,
        "orders": outcome.orders,
        "lines": outcome.lines,
        "notes": list(outcome.notes),
    }


def import_file(
    store: Store,
    path: Path,
    now: datetime,
    progress: Progress | None = None,
    *,
    wait: bool = True,
    on_wait: OnWait | None = None,
) -> ImportedFile:
    """Import one file whole or not at all; a bad file gives an outcome with its sentence.

    It waits while another import holds the lock (`on_wait` is told once); with
    `wait=False` it raises `DatabaseBusy` instead, having changed nothing.
    """
    if store.read_only:  # a read-only volume: said once, nothing tried (not even the history)
        return ImportedFile(
            ImportOutcome(path.name, None, error=read_only_sentence(store.path)), Changes()
        )
    if not path.is_file():
        reason = f"{path.name}: there is no such file."
        if path.is_dir():
            reason = f"{path.name}: this is a folder, not a report file."
        return ImportedFile(ImportOutcome(path.name, None, error=reason), Changes())
    outcome = apply_import(store, path, now=now, progress=progress, wait=wait, on_wait=on_wait)
    changes = changes_of(outcome)
    if outcome.ok and _resolve_warning(store, path, now, wait):
        changes |= Changes(warnings=True)
    return ImportedFile(outcome, changes)


def import_files(
    store: Store,
    paths: Sequence[Path],
    clock: Callable[[], datetime],
    on_wait: OnWait | None = None,
) -> ImportBatch:
    """Import `paths` in order, each at the clock's time when it starts."""
    done = [import_file(store, path, clock(), on_wait=on_wait) for path in paths]
    changes = Changes()
    for one in done:
        changes |= one.changes
    return ImportBatch([one.outcome for one in done], changes)


def _resolve_warning(store: Store, path: Path, now: datetime, wait: bool) -> bool:
    """Resolve the file's refused-file warning. Without waiting (the watched folder) a
    lock skips it: the job drops its alert, so the tray's next check resolves it."""
    try:
        return retry_while_locked(lambda: resolve_refused_file(store.db, path, now), wait=wait)
    except DatabaseBusy:
        return False


def import_history_page(
    store: Store, offset: int = 0, limit: int = HISTORY_PAGE, search: str = ""
) -> Page[ImportAttempt]:
    """Attempts newest first, `limit` of them from `offset` on; with `search`, only those
    whose file, report, outcome or message hold every word of it."""
    terms = search_terms(search)
    rows = import_history(store.db, limit=limit + 1, offset=offset, search=terms)
    return Page.cut([_attempt(r) for r in rows], offset, limit)


def blank_template(name: str) -> str:
    """The text of a blank CSV template (raises ValueError for an unknown name)."""
    return templates.template_text(name)


def save_blank_template(name: str, dest: Path, *, overwrite: bool = False) -> Path:
    """Write a blank template to `dest` (a file or a folder); FileExistsError unless overwrite."""
    return templates.write_template(name, dest, overwrite=overwrite)


def _attempt(row: Mapping[str, object]) -> ImportAttempt:
    return ImportAttempt(
        id=_int(row.get("id")),
        file_name=str(row.get("file_name") or ""),
        kind=str(row["kind"]) if row.get("kind") else None,
        started_at=_instant(row.get("started_at")),
        finished_at=_instant(row.get("finished_at")),
        added=_int(row.get("added")),
        updated=_int(row.get("updated")),
        unchanged=_int(row.get("unchanged")),
        outcome=str(row.get("outcome") or ""),
        error=str(row["error"]) if row.get("error") else None,
        report=str(row.get("report") or ""),
        orders=_maybe_int(row.get("orders")),
        lines=_maybe_int(row.get("lines")),
        notes=tuple(n for n in str(row.get("notes") or "").split("\n") if n),
    )


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _maybe_int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _instant(value: object) -> datetime | None:
    if not value:
        return None
    try:
        return parse_iso(str(value))
    except ValueError:
        return None
