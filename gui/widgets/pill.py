"""A status pill: the status word and symbol on a solid, high-contrast colour."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from core.reconciliation.flags import AmazonFlag
from gui.widgets.status import pill_stylesheet, pill_text, style_for, worst_status


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


class AmazonPill(StatusPill):
    """Amazon's own status beside ours ('Amazon: ✕ Bad'); hidden while Amazon says nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("no_data", parent)
        self.flags: list[AmazonFlag] = []
        self.hide()

    def set_flags(self, flags: Sequence[AmazonFlag]) -> None:
        """The worst of Amazon's statuses for this card (its channels), in Amazon's word."""
        self.flags = [f for f in flags if f.status != "no_data"]
        if not self.flags:
            self.hide()
            return
        status = worst_status(f.status for f in self.flags)
        self.set_status(status)
        word = next(f.word for f in self.flags if f.status == status) or style_for(status).label
        self.setText(f"Amazon: {style_for(status).symbol} {word}")
        self.setAccessibleName(f"Amazon's status: {word}")
        when = self.flags[0].report_at
        source = "typed from Account Health" if self.flags[0].typed else "Amazon's report"
        self.setToolTip(
            "\n".join(f.text for f in self.flags) + f"\n({source}, {when:%b} {when.day})"
        )
        self.show()
