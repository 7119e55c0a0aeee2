"""Garbage collection that never stops the window for long.

A full collection walks every tracked object while holding the interpreter lock. When
a worker builds a few hundred thousand records (review requests over a million orders,
a recompute), CPython starts one every time the heap grew by a quarter, and each
stopped the GUI thread for 0.1-0.4 s (measured by benchmarks/gui_stalls.py). So once
the app has started: the start-up objects (modules, classes, the window) are frozen,
never walked again; automatic collections keep to the two young generations, which
find almost every cycle; and the full collection runs only while nothing works in
the background, every few minutes, over what the screens hold now.

Memory freed by a large load stays with the process unless the C allocator is asked
to hand it back: `trim_heap` does, after each long background task (a 200 MB peak of
review-request records left 375 MB resident; trimmed, 134 MB, in about 20 ms).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import sys
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

FULL_EVERY_MS = 5 * 60_000
NEVER = 1_000_000_000
"""A threshold the oldest generation's counter never reaches: no automatic full runs."""


TRIM_AFTER_S = 0.1
"""A background task that ran this long likely freed a lot: trim after it."""

_trim: Callable[[int], int] | None = None
_trim_looked = False
_trim_lock = threading.Lock()


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc only; no-op elsewhere).

    ctypes releases the interpreter lock for the call, so a worker thread trims
    without stopping the GUI thread.
    """
    global _trim, _trim_looked
    with _trim_lock:
        if not _trim_looked:
            _trim_looked = True
            name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
            _trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
        trim = _trim
    if trim is not None:
        trim(0)


def trim_in_background() -> None:
    threading.Thread(target=trim_heap, name="trim-heap", daemon=True).start()


class CollectWhenIdle(QObject):
    """Freezes the start-up heap and runs the full collection only when `idle()`."""

    def __init__(self, idle: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle = idle
        self.timer = QTimer(self)
        self.timer.setInterval(FULL_EVERY_MS)
        self.timer.timeout.connect(self.collect)
        self._thresholds = gc.get_threshold()

    def start(self) -> None:
        young, middle, _ = self._thresholds
        gc.freeze()
        gc.set_threshold(young, middle, NEVER)
        self.timer.start()

    def stop(self) -> None:
        """Back to CPython's own policy."""
        self.timer.stop()
        gc.set_threshold(*self._thresholds)
        gc.unfreeze()

    def collect(self) -> None:
        if not self._idle():
            return  # a worker is building records: the next tick tries again
        started = time.perf_counter()
        found = gc.collect()
        log.debug(
            "full collection: %d objects in %.0f ms", found, (time.perf_counter() - started) * 1000
        )
