"""The base of every screen: data from one use case, loaded off the GUI thread.

A screen says which changes concern it (`wants`) and how to load (`reload`, usually
one `fetch` of a `services` function). A broadcast `Changes` reloads a visible screen
at once and a hidden one when it is next shown. While a load runs, the screen keeps
its last data and shows a quiet "Updating..." label; a newer load supersedes an older
one, whose result is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from core.clock import Clock
from gui.bridge import Bridge
from gui.operations import Ops
from services.changes import Changes
from storage.db import Store

T = TypeVar("T")

UPDATING_TEXT = "Updating\u2026"


class Screen(QWidget):
    """`(store, bridge, clock, parent)`: the screen constructor the main window calls."""

    screen_name: ClassVar[str] = ""

    def __init__(
        self,
        store: Store,
        bridge: Bridge,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._bridge = bridge
        self._clock = clock
        self.ops = Ops(store, bridge)
        self._generation = 0
        self._stale = False
        self.updating_label = QLabel(UPDATING_TEXT, self)
        self.updating_label.setObjectName("updating")
        self.updating_label.setStyleSheet("color: palette(mid);")
        self.updating_label.hide()
        bridge.changed.connect(self._on_changed)

    # --- what subclasses provide ---------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        """Whether this screen shows data that `changes` touched (default: anything)."""
        return bool(changes)

    def reload(self) -> None:
        """Load the screen's data again (usually one `self.fetch(...)`)."""

    # --- loading ---------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """A load is under way (the screen still shows its last data)."""
        return not self.updating_label.isHidden()

    def fetch(self, op: Callable[[Store], T], apply: Callable[[T], None]) -> None:
        """Run `op(store)` in the background; `apply(result)` unless a newer fetch began."""
        self._generation += 1
        generation = self._generation
        self.updating_label.show()

        def done(result: T) -> None:
            if generation != self._generation:
                return
            self.updating_label.hide()
            apply(result)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                self.updating_label.hide()
            self.ops._report(exc)

        self.ops.query(op, done, parent=self, failure=failed)

    def write(
        self,
        op: Callable[[Store], Changes],
        then: Callable[[Changes], None] | None = None,
    ) -> None:
        """Run a write in the writer thread; its changes are broadcast to every screen."""
        self.ops.write(op, parent=self, success=then)

    def _on_changed(self, changes: Changes) -> None:
        if not self.wants(changes):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
