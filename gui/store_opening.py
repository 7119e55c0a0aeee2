"""Opening the database in a worker thread while the window stays responsive.

Schema steps, the key check and the one-time re-encryption can take seconds on a large
or old file; run on the GUI thread after the first paint they froze the window. Here
they run in a thread of their own while the frame says "Opening your data..." (or
"Updating your data..." when a step will run), and the outcome comes back to the GUI
thread through a queued signal, like every other background result.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from storage.db import Store

log = logging.getLogger(__name__)

WARM_MODULES = (
    "PySide6.QtCharts",
    "apscheduler.schedulers.background",
    "apscheduler.triggers.cron",
    "apscheduler.triggers.interval",
    "gui.desktop.autostart",
    "gui.first_run",
    "gui.health_feed",
    "gui.notifications",
    "gui.operations",
    "gui.scheduler",
    "gui.tray",
    "gui.views.dashboard",
    "services.jobs",
    "services.shell",
)
"""What the dashboard, the tray and the jobs need next: imported here, they cost the GUI
thread nothing (about 0.3 s of imports that would otherwise freeze the new window)."""

Opened = Callable[["Store | None", "Exception | None"], None]


class StoreOpening(QObject):
    """`start()` runs `open_store` in a thread; `opened(store, error)` is called on the GUI
    thread with exactly one of the two set. `updating` fires first when a step will run."""

    updating = Signal()
    _finished = Signal(object, object)  # the store or None, the exception or None

    def __init__(self, db_path: Path, open_store: Callable[[], Store], opened: Opened) -> None:
        super().__init__()  # made on the GUI thread: the queued signal delivers there
        self._db_path = db_path
        self._open_store = open_store
        self._opened = opened
        self._finished.connect(self._deliver)

    def start(self) -> None:
        threading.Thread(target=self._run, name="open-store", daemon=True).start()

    def _run(self) -> None:
        from storage.db_file import needs_update

        if needs_update(self._db_path):
            self.updating.emit()
        try:
            store = self._open_store()
        except Exception as exc:  # a StoreRefused, or a bug shown on the GUI thread
            self._finished.emit(None, exc)
            return
        try:
            store.cipher  # noqa: B018 - the key check and keyed data steps, here too
        except Exception:
            log.exception("checking the key of %s failed", self._db_path)
        finally:
            store.close()  # this thread's connection only
        warm_imports()
        self._finished.emit(store, None)

    def _deliver(self, store: object, error: object) -> None:
        self._opened(cast("Store | None", store), error if isinstance(error, Exception) else None)


def warm_imports(names: tuple[str, ...] = WARM_MODULES) -> None:
    """Import `names` in this worker thread (a failure shows later, where it is used)."""
    import importlib

    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            log.debug("warming %s failed", name, exc_info=True)


def warm_screens() -> None:
    """Import every screen's module in a background thread once the app has started, so
    that opening a screen the first time builds widgets but imports nothing (the Inbox's
    modules alone took ~60 ms on the GUI thread)."""
    from gui.screens import SCREENS

    names = tuple(module for _, _, module, _ in SCREENS)

    def warm() -> None:
        warm_imports(names)
        gc.freeze()  # modules live for good: full collections need not walk them (gc_policy)

    threading.Thread(target=warm, name="warm-screens", daemon=True).start()
