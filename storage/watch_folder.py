"""The optional watched folder: report files dropped in it are imported by themselves.

A browser writes a download slowly (and often under a temporary name), so a
file is offered only once its size and modification time were the same at two
polls in a row. Each outcome is kept with the file's size and modification
time: a file in a state already recorded, or whose content was already
imported under another name, is not offered again. A file that changes
afterwards (a download that paused under its final name and went on) is
offered again and importing it again adds the rest, even when that content
was imported elsewhere (its first import may have stored a row cut short).
A JSON, XML or mbox file is offered only once it is complete
(storage/imports/completeness.py), or once it has stayed unchanged for
INCOMPLETE_GRACE (then the import says what is wrong with it). A file that
met another import's lock is not recorded: the next poll offers it again.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

import sqlite_utils

from core.clock import iso
from storage.db import transaction
from storage.imports.apply import file_sha256
from storage.imports.completeness import looks_complete
from storage.imports.waiting import is_busy, retry_while_locked

log = logging.getLogger(__name__)

ENABLED_SETTING = "watch_folder_enabled"
PATH_SETTING = "watch_folder_path"
PARTIAL_SUFFIXES = frozenset(
    {".crdownload", ".part", ".partial", ".tmp", ".download", ".opdownload"}
)
INCOMPLETE_GRACE = timedelta(minutes=10)
"""How long a file that looks cut short may stay unchanged before it is offered anyway."""


class HasDb(Protocol):
    """A `storage.db.Store`: gives the calling thread's connection."""

    @property
    def db(self) -> sqlite_utils.Database: ...


@dataclass(frozen=True, slots=True)
class _Seen:
    size: int
    mtime: float


def is_candidate(path: Path) -> bool:
    """Not hidden, not an Office lock file, not a partial download."""
    name = path.name
    if name.startswith((".", "~$")) or name.endswith("~"):
        return False
    return path.suffix.lower() not in PARTIAL_SUFFIXES


class WatchedFolder:
    """Polls one folder; keeps the previous poll's sizes in memory between polls.

    `db` is a thread's `Database` or a `Store` (resolved at each call, so a
    scheduler job running in different worker threads uses its own connection).
    """

    def __init__(self, path: Path, db: sqlite_utils.Database | HasDb) -> None:
        self.path = Path(path).expanduser()
        self._source = db
        self._previous: dict[Path, _Seen] = {}
        self._pending: dict[Path, tuple[_Seen, str]] = {}
        self._incomplete: dict[Path, tuple[_Seen, datetime]] = {}
        self.duplicates: list[Path] = []  # the last poll's files whose content was imported

    @property
    def db(self) -> sqlite_utils.Database:
        source = self._source
        return source if isinstance(source, sqlite_utils.Database) else source.db

    def poll(self, now: datetime) -> list[Path]:
        """Files complete since the last poll and not offered in this state, oldest first."""
        current = self._scan()
        stable = [
            p for p, seen in current.items() if self._previous.get(p) == seen and seen.size > 0
        ]
        self._previous = current
        self._incomplete = {p: v for p, v in self._incomplete.items() if p in current}
        ready: list[tuple[float, Path]] = []
        self.duplicates = []
        db = self.db
        for path in stable:
            seen = current[path]
            if self._recorded(db, path, seen) or not self._whole(path, seen, now):
                continue
            try:
                sha = file_sha256(path)
            except OSError:
                log.warning("cannot read %s yet", path, exc_info=True)
                continue
            if self._known_content(db, sha) and not self._imported_before(db, path):
                try:
                    self._write(db, path, seen, sha, now, None, "duplicate")
                except sqlite3.OperationalError as exc:
                    if not is_busy(exc):
                        raise
                    continue  # another import holds the lock: noted at a later poll
                self.duplicates.append(path)
                continue
            self._pending[path] = (seen, sha)
            ready.append((seen.mtime, path))
        return [p for _, p in sorted(ready)]

    def record(
        self, path: Path, now: datetime, *, outcome: str, import_id: int | None = None
    ) -> None:
        """Remember what became of a file `poll` returned (ok / refused / error).

        Waits for the lock: the import is done, only this small row is left to write.
        """
        pending = self._pending.pop(path, None)
        if pending is None:
            st = path.stat()
            seen, sha = _Seen(st.st_size, st.st_mtime), file_sha256(path)
        else:
            seen, sha = pending
        db = self.db
        retry_while_locked(lambda: self._write(db, path, seen, sha, now, import_id, outcome))

    def _whole(self, path: Path, seen: _Seen, now: datetime) -> bool:
        """Complete as far as its format tells, or left unchanged for INCOMPLETE_GRACE."""
        try:
            if looks_complete(path):
                self._incomplete.pop(path, None)
                return True
        except OSError:
            return False
        since = self._incomplete.get(path)
        if since is None or since[0] != seen:
            self._incomplete[path] = (seen, now)
            return False
        return now - since[1] >= INCOMPLETE_GRACE

    def _scan(self) -> dict[Path, _Seen]:
        found: dict[Path, _Seen] = {}
        try:
            entries = list(self.path.iterdir())
        except OSError:
            log.warning("watched folder %s cannot be read", self.path, exc_info=True)
            return found
        for entry in entries:
            if not is_candidate(entry):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            if entry.is_file():
                found[entry] = _Seen(st.st_size, st.st_mtime)
        return found

    @staticmethod
    def _recorded(db: sqlite_utils.Database, path: Path, seen: _Seen) -> bool:
        row = db.execute(
            "SELECT 1 FROM watched_files WHERE path = ? AND size = ? AND mtime = ?",
            [str(path), seen.size, seen.mtime],
        ).fetchone()
        return row is not None

    @staticmethod
    def _imported_before(db: sqlite_utils.Database, path: Path) -> bool:
        """Imported in an earlier state: what that import wrote may be cut short (a download
        that paused mid-row), so the whole file is imported even if its content is known."""
        row = db.execute(
            "SELECT 1 FROM watched_files WHERE path = ? AND outcome = 'ok' LIMIT 1", [str(path)]
        ).fetchone()
        return row is not None

    @staticmethod
    def _known_content(db: sqlite_utils.Database, sha: str) -> bool:
        """Imported already (any way), or already tried from this folder."""
        row = db.execute(
            "SELECT 1 FROM imports WHERE sha256 = ? AND outcome = 'ok' "
            "UNION ALL SELECT 1 FROM watched_files WHERE sha256 = ? LIMIT 1",
            [sha, sha],
        ).fetchone()
        return row is not None

    @staticmethod
    def _write(
        db: sqlite_utils.Database,
        path: Path,
        seen: _Seen,
        sha: str,
        now: datetime,
        import_id: int | None,
        outcome: str,
    ) -> None:
        with transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO watched_files(path, size, mtime, sha256, seen_at, "
                "import_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [str(path), seen.size, seen.mtime, sha, iso(now), import_id, outcome],
            )
