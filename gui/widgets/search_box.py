"""The search box every list screen shows: Ctrl+F focuses it, typing filters the list.

One widget so every screen searches the same way: the words typed reach the screen's
`on_search` a moment after the seller stops typing (at once on Enter or Clear), and the
model filters on keys prepared with its rows (core.search).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150
"""Wait for a pause in typing, so a long list filters once per word, not per key."""
DEFAULT_PLACEHOLDER = "Search order ID, SKU or text (Ctrl+F)"


class SearchBox(QLineEdit):
    """A clearable line edit whose text reaches `on_search` after a short pause."""

    def __init__(
        self,
        parent: QWidget,
        on_search: Callable[[str], None],
        placeholder: str = DEFAULT_PLACEHOLDER,
    ) -> None:
        super().__init__(parent)
        self._on_search = on_search
        self._applied = ""
        self.setObjectName("search")
        self.setPlaceholderText(placeholder)
        self.setAccessibleName("Search")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(placeholder) + 40)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply)
        self.textChanged.connect(self._typed)
        self.returnPressed.connect(self.apply)
        # Only the visible screen's shortcut is live, so each screen may have its own.
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.find_shortcut.activated.connect(self.focus_search)

    def _typed(self, text: str) -> None:
        if not text:
            self.apply()  # the clear button: show everything at once
        else:
            self.timer.start()

    def apply(self) -> None:
        """Hand the text to the screen now (a pending pause is skipped)."""
        self.timer.stop()
        text = self.text().strip()
        if text != self._applied:
            self._applied = text
            self._on_search(text)

    @property
    def applied(self) -> str:
        """The text the list is filtered by."""
        return self._applied

    def focus_search(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def clear_search(self) -> None:
        """Empty the box and show every row (a navigation to a row the search hides)."""
        if self.text():
            self.clear()
        self.apply()
