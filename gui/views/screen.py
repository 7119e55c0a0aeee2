"""The base of every screen built by the main window: the three things each one needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from gui.bridge import Bridge


class Screen(QWidget):
    """`(store, bridge, clock, parent)`: the screen constructor the main window calls."""

    def __init__(
        self,
        store: Any,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._bridge = bridge
        self._clock = clock
