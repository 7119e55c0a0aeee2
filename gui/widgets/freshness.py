"""The data-freshness line: the newest record of each kind of data, and what a gap means.

A kind whose newest record is more than three days old (core.freshness.FRESH_DAYS) is
amber, with a sentence on what that does to the numbers ("7-day LRR cannot be computed:
no buyer messages after Nov 13"); importing a file today does not make old data fresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from core.freshness import FRESH_DAYS, DataAge
from gui.widgets.status import STALE_COLOR, STALE_COLOR_ON_DARK


class FreshnessLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("Data freshness")
        self.parts: list[tuple[str, str, bool]] = []  # (label, age, stale) per kind
        self.meanings: list[str] = []

    def set_ages(self, ages: Sequence[DataAge]) -> None:
        self.parts = [(a.kind.label, a.age, a.stale) for a in ages]
        self.meanings = [a.meaning for a in ages if a.meaning]
        dark = self.palette().window().color().lightness() < 128
        color = STALE_COLOR_ON_DARK if dark else STALE_COLOR
        html = []
        for label, age, stale in self.parts:
            text = escape(f"{label}: {age}")
            html.append(
                f'<span style="color:{color}; font-weight:600">{text}</span>' if stale else text
            )
        body = "<b>Data up to</b> \u2014 " + " \u00b7 ".join(html)
        if self.meanings:
            lines = "<br>".join(escape(m) for m in self.meanings)
            body += f'<br><span style="color:{color}">{lines}</span>'
        self.setText(body)
        self.setToolTip(
            "The newest record of each kind in your files (orders by purchase date, buyer "
            f"messages by received time, ...). Older than {FRESH_DAYS} days is marked: import "
            "fresh reports from Seller Central to keep the numbers current."
        )
        plain = [f"{label}: {age}" for label, age, _ in self.parts]
        self.setAccessibleDescription("; ".join(plain + self.meanings))
