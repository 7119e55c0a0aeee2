"""A dismissible line above the screens (the PII key fallback, a lost key)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from gui.plain import plain_tip


class Banner(QFrame):
    """A dismissible line above the screens for things the seller must know."""

    def __init__(self, text: str, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(
            "QFrame#banner { background: #fff4ce; border: 1px solid #9a6700; border-radius: 4px; }"
            " QFrame#banner QLabel { color: #1a1a1a; }"
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel("\u26a0 " + text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # sentences may quote paths
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setToolTip(plain_tip(tooltip) or "")
        close = QPushButton("Dismiss")
        close.clicked.connect(self.hide)
        lay.addWidget(self.label, 1)
        lay.addWidget(close)
        self._layout = lay
        self.setAccessibleName("Notice")
        self.setAccessibleDescription(text)

    def add_action(self, text: str, callback: Callable[[], None]) -> QPushButton:
        """A button before Dismiss that fixes what the banner is about (e.g. Fix...)."""
        button = QPushButton(text, self)
        button.clicked.connect(callback)
        self._layout.insertWidget(1, button)
        return button
