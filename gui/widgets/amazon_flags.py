"""Amazon's red flags at the top of the dashboard: what Amazon itself marks Bad or at risk.

Amazon acts on its own status, so a Bad figure or a policy in breach in its latest report
(or in the figures typed from the Account Health page) is shown above our own numbers,
with the way to the Amazon vs ours screen. Hidden while Amazon raises nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.format import format_date
from core.reconciliation.flags import AmazonFlag, red_flags
from gui.widgets.pill import StatusPill
from gui.widgets.status import style_for, worst_status


class AmazonFlagsBox(QFrame):
    """`set_flags(flags)` shows the raised ones; `compare_requested` asks for the screen."""

    compare_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amazonFlags")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(4)
        head = QHBoxLayout()
        self.pill = StatusPill()
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        head.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 1)
        self.compare_button = QPushButton("Compare on Amazon vs ours")
        self.compare_button.clicked.connect(self.compare_requested)
        head.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.PlainText)  # titles come from Amazon's file
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.lines)
        self.flags: list[AmazonFlag] = []
        self.hide()

    def set_flags(self, flags: Sequence[AmazonFlag]) -> None:
        self.flags = red_flags(flags)
        if not self.flags:
            self.hide()
            return
        status = worst_status(f.status for f in self.flags)
        style = style_for(status)
        self.pill.set_status(status)
        self.setStyleSheet(
            f"QFrame#amazonFlags {{ border: 2px solid {style.fill}; border-radius: 6px;"
            " background: palette(base); }"
        )
        first = self.flags[0]
        source = "the figures you typed from Account Health" if first.typed else "its report"
        n = len(self.flags)
        what = "a figure" if n == 1 else f"{n} figures"
        self.title.setText(
            f"Amazon marks {what} Bad or at risk in {source} of {format_date(first.report_at)}"
        )
        self.lines.setText("\n".join(f"\u2022 {f.text}" for f in self.flags))
        self.setAccessibleName("Amazon's red flags")
        self.setAccessibleDescription("; ".join(f.text for f in self.flags))
        self.show()
