"""A status pill: the status word and symbol on a solid, high-contrast colour."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from gui.widgets.status import pill_stylesheet, pill_text, style_for


class StatusPill(QLabel):
    def __init__(self, status: str = "no_data", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = ""
        self.set_status(status)

    def set_status(self, status: str | None) -> None:
        self.status = status or "no_data"
        self.setText(pill_text(self.status))
        self.setStyleSheet(pill_stylesheet(self.status))
        self.setAccessibleName(f"Status: {style_for(self.status).label}")
