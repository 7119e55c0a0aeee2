"""Transitional: screens not yet on `gui.views.screen.Screen` still use `bridge.data_changed`.

Until every screen listens to `bridge.changed`, the two broadcasts are relayed both
ways: a legacy "something was written" becomes `Changes.everything()` (the numbers,
the dashboard and the converted screens follow), and a broadcast of data that legacy
screens show becomes a `data_changed` (they reload as they always did). Warnings-only
and snapshot-only changes are not relayed: no legacy screen shows them, and the
notifier writes warnings every minute. Delete this module, its call in
MainWindow.attach_store and `Bridge.data_changed` once nothing uses the latter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from gui.bridge import Bridge
from services.changes import Changes

NOT_RELAYED = frozenset({"warnings", "snapshots"})


class _Relay(QObject):
    def __init__(self, bridge: Bridge, parent: QObject | None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._relaying = False  # a relayed signal must not come back
        bridge.data_changed.connect(self._from_legacy)
        bridge.changed.connect(self._to_legacy)

    def _from_legacy(self) -> None:
        self._relay(lambda: self._bridge.changed.emit(Changes.everything()))

    def _to_legacy(self, changes: Changes) -> None:
        if set(changes.names()) - NOT_RELAYED:
            self._relay(self._bridge.data_changed.emit)

    def _relay(self, emit: Callable[[], object]) -> None:
        if self._relaying:
            return
        self._relaying = True
        try:
            emit()
        finally:
            self._relaying = False


def relay_legacy_refresh(bridge: Bridge, parent: QObject | None = None) -> QObject:
    """Relay `data_changed` <-> `changed` on `bridge` (for as long as `parent` lives)."""
    return _Relay(bridge, parent)
