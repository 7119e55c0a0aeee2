"""Noticing writes made by another process (a scripted `import`, a second tool).

SQLite's `PRAGMA data_version` changes on a connection when another connection has
committed since it was last read; it costs no I/O beyond a shared-memory look. The
watcher keeps ONE connection of its own for that (read-only), used by one poll at a time
from whichever worker thread runs it, and reads the new import attempts when it moved.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from storage.db import BUSY_TIMEOUT_MS

ImportRow = tuple[int, str | None, str]
"""(import id, report kind, outcome) of one import attempt."""


class DataVersion:
    """`moved()` says whether another connection committed since the last call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._lock = threading.Lock()  # one poll at a time, whatever thread runs it

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._conn = sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        return self._conn

    def moved(self) -> bool:
        """True when another connection committed since the last call (never the first)."""
        with self._lock:
            version = int(self._connection().execute("PRAGMA data_version").fetchone()[0])
            before, self._version = self._version, version
            return before is not None and version != before

    def newest_import(self) -> int:
        with self._lock:
            row = self._connection().execute("SELECT max(id) FROM imports").fetchone()
            return int(row[0]) if row and row[0] else 0

    def imports_after(self, import_id: int) -> list[ImportRow]:
        """Import attempts after `import_id`, oldest first."""
        with self._lock:
            rows = self._connection().execute(
                "SELECT id, kind, outcome FROM imports WHERE id > ? ORDER BY id", [import_id]
            )
            return [(int(i), k, str(o)) for i, k, o in rows.fetchall()]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._version = None  # a new connection starts a new baseline
