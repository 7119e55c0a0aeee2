"""The one way the GUI runs work: reads in the background, writes that say what changed.

The idea is Anki's `aqt.operations`: a *query* runs a use case in a worker thread and
hands its typed result to a callback on the GUI thread; a *write* runs in a single
writer thread (so writes keep their order) and returns `services.changes.Changes`,
which the bridge broadcasts so every screen, the tray and the scheduler refresh only
when their data changed. The GUI thread never waits for the database.

Each task gets the store and closes its own thread's connection at the end (SQLite
connections are bound to their thread). A task whose receiver was deleted (a screen
closed meanwhile) is dropped quietly. `wait_idle()` lets tests and shutdown wait until
every task has run and delivered its result.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, QThreadPool, Signal

from gui.bridge import Bridge
from gui.crash import is_bug, report_bug
from gui.gc_policy import TRIM_AFTER_S, trim_heap
from services.changes import Changes
from storage.db import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

READ_THREADS = 2
Failure = Callable[[Exception], None]


class _Dispatcher(QObject):
    """One object in the GUI thread: its queued signal brings every result back there.

    Nothing else crosses threads: callbacks and the receiver stay in `_Pools.waiting`,
    touched only by the GUI thread, so no Qt object or widget is ever freed by a worker
    (the reason there is no per-task QObject).
    """

    finished = Signal(int, object, object)  # token, result, exception (or None)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    def _deliver(self, token: int, result: object, error: object) -> None:
        pools = _get_pools()
        waiting = pools.waiting.pop(token, None)
        try:
            if waiting is None:
                return
            owner, success, failure = waiting
            if owner is not None and not shiboken6.isValid(owner):
                return  # the screen was closed meanwhile: nobody wants the result
            if isinstance(error, Exception):
                failure(error)
            else:
                success(result)
        except Exception as exc:  # a bug in the screen that asked: a crash report
            if not report_bug(exc, "while showing the result of a background task"):
                log.exception("a callback of a background task failed")
        finally:
            with pools.lock:
                pools.pending = max(0, pools.pending - 1)


class _Pools:
    """Process-wide pools: reads in parallel, writes one at a time in order."""

    def __init__(self) -> None:
        self.reads = QThreadPool()
        self.reads.setMaxThreadCount(READ_THREADS)
        self.writes = QThreadPool()
        self.writes.setMaxThreadCount(1)
        self.lock = threading.Lock()
        self.pending = 0  # submitted and not yet delivered
        self.next_token = 0
        self.dispatcher = _Dispatcher()
        # token -> (receiver, success, failure); GUI thread only
        self.waiting: dict[int, tuple[QObject | None, Callable[[object], None], Failure]] = {}


_pools: _Pools | None = None


def _get_pools() -> _Pools:
    """Created on first use, which is in the GUI thread (the dispatcher must live there)."""
    global _pools
    if _pools is None:
        _pools = _Pools()
    return _pools


def pending_tasks() -> int:
    """Tasks submitted whose result has not reached the GUI thread yet."""
    pools = _get_pools()
    with pools.lock:
        return pools.pending


def wait_idle(timeout_ms: int = 10_000) -> bool:
    """Run the event loop until every task has finished and delivered; False on timeout.

    For tests ("after the click, once the screen has its data") and for shutdown.
    """
    pools = _get_pools()
    deadline = QDeadlineTimer(timeout_ms)
    while pending_tasks() > 0:
        if deadline.hasExpired():
            return False
        pools.reads.waitForDone(5)
        pools.writes.waitForDone(5)
        QCoreApplication.processEvents()
    return True


class _Task(QRunnable):
    """Runs one use case in a pool thread and posts its outcome to the dispatcher."""

    def __init__(self, store: Store, op: Callable[[Store], object], token: int) -> None:
        super().__init__()
        self._store = store
        self._op: Callable[[Store], object] | None = op
        self._token = token

    def run(self) -> None:
        result: object = None
        error: Exception | None = None
        op, self._op = self._op, None
        started = time.monotonic()
        try:
            if op is not None:
                result = op(self._store)
        except Exception as exc:
            error = exc
        finally:
            del op  # dropped here, before the result is posted
            try:
                self._store.close()  # this worker thread's connection only
            except Exception:
                log.exception("closing a worker connection failed")
            if time.monotonic() - started > TRIM_AFTER_S:
                trim_heap()  # a long load freed its temporaries: hand the pages back
        _get_pools().dispatcher.finished.emit(self._token, result, error)


class Ops:
    """Runs use cases for one window: `query` for reads, `write` for changes."""

    def __init__(self, store: Store, bridge: Bridge) -> None:
        self.store = store
        self.bridge = bridge

    def query(
        self,
        op: Callable[[Store], T],
        success: Callable[[T], None],
        *,
        parent: QObject | None = None,
        failure: Failure | None = None,
    ) -> None:
        """Run `op(store)` in a reader thread; `success(result)` on the GUI thread."""
        self._submit(_get_pools().reads, op, success, parent, failure)

    def write(
        self,
        op: Callable[[Store], Changes],
        *,
        parent: QObject | None = None,
        success: Callable[[Changes], None] | None = None,
        failure: Failure | None = None,
    ) -> None:
        """Run `op(store)` in the writer thread, then broadcast what it changed."""

        def done(changes: Changes) -> None:
            if changes:
                self.bridge.changed.emit(changes)
            if success is not None:
                success(changes)

        self._submit(_get_pools().writes, op, done, parent, failure)

    def _submit(
        self,
        pool: QThreadPool,
        op: Callable[[Store], T],
        success: Callable[[T], None],
        parent: QObject | None,
        failure: Failure | None,
    ) -> None:
        pools = _get_pools()
        with pools.lock:
            pools.pending += 1
            pools.next_token += 1
            token = pools.next_token
        pools.waiting[token] = (parent, success, failure or self._report)  # type: ignore[assignment]
        pool.start(_Task(self.store, op, token))

    def _report(self, exc: Exception) -> None:
        """Default failure: logged with its traceback, one sentence in the status bar
        (a bug instead becomes a crash report: the log and a dialog shown once)."""
        if is_bug(exc) and report_bug(exc, "in a background task"):
            return
        log.error("a background task failed", exc_info=exc)
        reason = str(exc).strip().rstrip(".") or type(exc).__name__
        self.bridge.job_failed.emit("task", f"Something could not be done ({reason}).")
