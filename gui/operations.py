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
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, QThreadPool, Signal

from gui.bridge import Bridge
from services.changes import Changes
from storage.db import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

READ_THREADS = 2
Failure = Callable[[Exception], None]


class _Pools:
    """Process-wide pools: reads in parallel, writes one at a time in order."""

    def __init__(self) -> None:
        self.reads = QThreadPool()
        self.reads.setMaxThreadCount(READ_THREADS)
        self.writes = QThreadPool()
        self.writes.setMaxThreadCount(1)
        self.lock = threading.Lock()
        self.pending = 0  # submitted and not yet delivered (or dropped)
        self.live: set[object] = set()  # tasks and relays, alive until delivered


_pools: _Pools | None = None


def _get_pools() -> _Pools:
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


def _done(*finished: object) -> None:
    pools = _get_pools()
    with pools.lock:
        pools.pending = max(0, pools.pending - 1)
        for thing in finished:
            pools.live.discard(thing)


def _dropped(_value: object) -> None:
    """What a delivered relay holds instead of its callbacks.

    The callbacks usually hold the screen, the relay's parent. Were they released only
    when the relay is deleted (deleteLater), the last reference to a closed screen could
    go inside the relay's destructor and delete the parent of the object being deleted:
    a crash (seen when a test's screen was deleted while its relays were pending).
    """


class _Relay(QObject):
    """Lives in the GUI thread; its queued signal brings a result back there."""

    finished = Signal(object, object)  # result, exception (or None)

    def __init__(
        self, success: Callable[[object], None], failure: Failure, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._success = success
        self._failure = failure
        self.finished.connect(self._deliver)

    def _deliver(self, result: object, error: object) -> None:
        try:
            if isinstance(error, Exception):
                self._failure(error)
            else:
                self._success(result)
        except Exception:
            log.exception("a callback of a background task failed")
        finally:
            _done(self)
            self._success = self._failure = _dropped
            self.deleteLater()


class _Task(QRunnable):
    def __init__(self, store: Store, op: Callable[[Store], object], relay: _Relay) -> None:
        super().__init__()
        self._store = store
        self._op = op
        self._relay = relay

    def run(self) -> None:
        result: object = None
        error: Exception | None = None
        try:
            result = self._op(self._store)
        except Exception as exc:
            error = exc
        finally:
            try:
                self._store.close()  # this worker thread's connection only
            except Exception:
                log.exception("closing a worker connection failed")
        pools = _get_pools()
        with pools.lock:
            pools.live.discard(self)
        try:
            self._relay.finished.emit(result, error)
        except RuntimeError:  # the receiver was deleted: nobody wants the result
            _done(self._relay)


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
        relay = _Relay(success, failure or self._report, parent)  # type: ignore[arg-type]
        task = _Task(self.store, op, relay)
        pools = _get_pools()
        with pools.lock:
            pools.pending += 1
            pools.live.update((task, relay))
        pool.start(task)

    def _report(self, exc: Exception) -> None:
        """Default failure: logged with its traceback, one sentence in the status bar."""
        log.error("a background task failed", exc_info=exc)
        reason = str(exc).strip().rstrip(".") or type(exc).__name__
        self.bridge.job_failed.emit("task", f"Something could not be done ({reason}).")
