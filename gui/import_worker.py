"""Imports run off the GUI thread, with progress and cancel.

Each file goes through `services.imports.import_file`, the same use case as the CLI's
`import`. The thread uses its OWN connection (store.db in the worker thread) and closes
it at the end. Cancelling makes the progress callback raise ImportCancelled, so the
file is rolled back whole. The thread computes no metrics: the screen broadcasts what
the files changed (`changes`) and the health feed recomputes from that.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from services.changes import Changes
from services.imports import ImportOutcome, import_file
from storage.db import Store
from storage.imports.errors import ImportCancelled

log = logging.getLogger(__name__)


def estimate_rows(path: Path, sample_bytes: int = 64 * 1024) -> int:
    """A row estimate from the file size and the line length of its head."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(sample_bytes)
    except OSError:
        return 0
    lines = head.count(b"\n")
    if lines == 0:
        return 1
    return max(1, int(size / (len(head) / lines)))


class ImportThread(QThread):
    """Imports `paths` in order; `cancel()` stops at the next progress report."""

    file_started = Signal(int, str, int)  # index, file name, estimated rows
    progress = Signal(int, int)  # index, rows done
    file_done = Signal(int, object)  # index, ImportOutcome
    failed = Signal(str)  # one sentence: the batch stopped unexpectedly
    batch_done = Signal(object, bool)  # list[ImportOutcome], cancelled

    def __init__(
        self,
        store: Store,
        paths: Sequence[Path],
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.paths = [Path(p) for p in paths]
        self.clock = clock
        self._cancel = threading.Event()
        self.outcomes: list[ImportOutcome] = []
        self.changes = Changes()  # what the files imported so far changed
        self.cancelled = False
        self.cancelled_index: int | None = None  # the file rolled back by Cancel

    def cancel(self) -> None:
        """Thread-safe; the running file is rolled back, later files are skipped."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            for index, path in enumerate(self.paths):
                if self._cancel.is_set():
                    self.cancelled = True
                    break
                self.file_started.emit(index, path.name, estimate_rows(path))
                done = import_file(self.store, path, self.clock(), self._progress_for(index))
                self.outcomes.append(done.outcome)
                self.changes |= done.changes
                self.file_done.emit(index, done.outcome)
                if self._cancel.is_set() and not done.outcome.ok:
                    self.cancelled = True
                    self.cancelled_index = index
                    break
        except Exception as exc:  # never let a worker thread die silently
            log.exception("import batch failed")
            self.failed.emit(f"The import stopped unexpectedly: {exc}")
        finally:
            self.store.close()  # this thread's connection only
            self.batch_done.emit(list(self.outcomes), self.cancelled)

    def _progress_for(self, index: int) -> Callable[[int], None]:
        def progress(rows_done: int) -> None:
            self.progress.emit(index, rows_done)
            if self._cancel.is_set():
                raise ImportCancelled("cancelled by the user")

        return progress
