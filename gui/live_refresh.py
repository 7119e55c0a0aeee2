"""The open window follows imports made by another process (a scripted `import`), no F5.

Every `POLL_MS` a timer asks a reader thread whether `PRAGMA data_version` moved
(services.live); when another process imported files, their `Changes` are broadcast
like the window's own writes, so the screens, the numbers and the daily history follow
within seconds. One poll at a time; the GUI thread never touches the database.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from gui.bridge import Bridge
from gui.operations import Ops
from services.live import DataVersion, OutsideChanges, outside_changes
from storage.db import Store

log = logging.getLogger(__name__)

POLL_MS = 2000


class LiveRefresh(QObject):
    """`start()` polls every `POLL_MS`; `stop()` ends it and closes the watching connection."""

    def __init__(self, store: Store, bridge: Bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._ops = Ops(store, bridge)
        self._probe = DataVersion(store.path)
        self._seen: int | None = None
        self._busy = False
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        """(Re)start from the database as it is now (after a restore, a new starting point)."""
        self._stopped = False
        self._seen = None
        self.timer.start()
        self.poll()  # the starting point, at once

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        if not self._busy:
            self._probe.close()

    def poll(self) -> None:
        """Ask once (skipped while the previous poll is still running)."""
        if self._busy or self._stopped:
            return
        self._busy = True
        probe, seen = self._probe, self._seen
        self._ops.query(
            lambda _store: outside_changes(probe, seen),
            self._done,
            parent=self,
            failure=self._failed,
        )

    def _done(self, found: OutsideChanges) -> None:
        self._busy = False
        self._seen = found.seen
        if self._stopped:
            self._probe.close()
            return
        if found.changes:
            log.info("another process changed: %s", ", ".join(found.changes.names()))
            self._bridge.changed.emit(found.changes)

    def _failed(self, exc: Exception) -> None:
        """A locked or briefly missing file: quietly try again at the next poll."""
        self._busy = False
        log.debug("the live refresh poll failed: %s", exc)
        if self._stopped:
            self._probe.close()
