"""Transitional relay between `data_changed` (screens not yet converted) and `changed`.

Delete with gui/legacy_refresh.py once no screen uses `data_changed`.
"""

from __future__ import annotations

from typing import Any

from gui.legacy_refresh import relay_legacy_refresh
from services.changes import Changes


def test_the_two_broadcasts_are_relayed_once_each_way(qapp: Any, bridge: Any) -> None:
    relay = relay_legacy_refresh(bridge)
    broadcasts: list[Changes] = []
    legacy: list[bool] = []
    bridge.changed.connect(broadcasts.append)
    bridge.data_changed.connect(lambda: legacy.append(True))

    bridge.data_changed.emit()  # a legacy screen wrote something
    assert broadcasts == [Changes.everything()] and legacy == [True]  # no echo back

    broadcasts.clear()
    legacy.clear()
    bridge.changed.emit(Changes(settings=True))
    assert legacy == [True] and broadcasts == [Changes(settings=True)]

    legacy.clear()
    bridge.changed.emit(Changes(warnings=True))  # the notifier, every minute
    bridge.changed.emit(Changes(snapshots=True))
    assert legacy == []
    relay.deleteLater()
