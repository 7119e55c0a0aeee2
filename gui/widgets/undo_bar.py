"""The status line under a list: what the last mark did, and Undo (also Ctrl+Z).

A screen runs its marks through `run`: the write returns a `services.undo.Done`, the bar
says "Marked 3 messages responded." and offers Undo for it until the next mark.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from services.changes import Changes
from services.undo import Done, undo, undone_message
from storage.db import Store

Write = Callable[[Callable[[Store], Changes], Callable[[Changes], None]], None]
"""`Screen.write`: run an op in the writer thread, then call back with its changes."""


class UndoBar(QWidget):
    """A sentence about the last mark and an Undo button for it."""

    def __init__(self, write: Write, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self._last: Done | None = None
        self.label = QLabel(self)
        self.label.setObjectName("undo_message")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton("&Undo", self)
        self.button.setObjectName("undo")
        self.button.setToolTip("Undo the last mark (Ctrl+Z)")
        self.button.clicked.connect(self.undo_last)
        self.button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        # A text box with the focus keeps Ctrl+Z for its own text (it overrides shortcuts).
        self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.undo_last)
        self.hide()  # until there is something to say

    @property
    def last(self) -> Done | None:
        """The mark Undo would take back, if any."""
        return self._last

    def run(self, op: Callable[[Store], Done], then: Callable[[Done], None] | None = None) -> None:
        """Run a mark in the writer thread; when done, say what it did and offer Undo."""
        box: list[Done] = []

        def write(store: Store) -> Changes:
            box.append(op(store))
            return box[0].changes

        def after(_changes: Changes) -> None:
            self.offer(box[0])
            if then is not None:
                then(box[0])

        self._write(write, after)

    def offer(self, done: Done) -> None:
        if not done.message:
            return
        self._last = done if done.undoable else None
        self.label.setText(done.message)
        self.button.setEnabled(self._last is not None)
        self.show()

    def undo_last(self) -> None:
        done, self._last = self._last, None
        if done is None:
            return
        self.button.setEnabled(False)
        self._write(lambda store: undo(store, done), lambda _c: self.say(undone_message(done)))

    def say(self, text: str) -> None:
        self.label.setText(text)
