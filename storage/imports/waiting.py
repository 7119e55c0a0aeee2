"""Waiting for the write lock: another import may hold it far longer than the busy timeout.

SQLite gives up after `storage.db.BUSY_TIMEOUT_MS` with "database is locked".
For an import that is nobody's fault, so the attempt is made again (waiting as
long as the other writer runs) or, for the watched folder, left for its next
pass; it is never recorded as the file's fault.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

RETRY_PAUSE_S = 0.05
"""Between two attempts; the next BEGIN IMMEDIATE itself waits the busy timeout."""

_LOCK_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class DatabaseBusy(Exception):
    """Another connection kept the write lock past the busy timeout; nothing was written."""


def is_busy(exc: BaseException) -> bool:
    """An SQLITE_BUSY / SQLITE_LOCKED error (extended codes included), not a real failure."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _LOCK_CODES
    text = str(exc)
    return "database is locked" in text or "database table is locked" in text


def retry_while_locked(
    attempt: Callable[[], T],
    *,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    between: Callable[[], None] | None = None,
) -> T:
    """`attempt()` again and again while it meets the lock; `DatabaseBusy` when not `wait`.

    `attempt` must be all-or-nothing (one transaction). `on_wait` is called once,
    when the first attempt met the lock; `between` before every retry (a cancel
    raises there).
    """
    waited = False
    while True:
        try:
            return attempt()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if not wait:
                raise DatabaseBusy(str(exc)) from exc
            if not waited:
                waited = True
                if on_wait is not None:
                    on_wait()
        if between is not None:
            between()
        time.sleep(RETRY_PAUSE_S)
