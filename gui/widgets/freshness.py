"""The data-freshness line: when each report kind was last imported.

Amber (with the word 'old') when older than the stale limit, 'never' when a kind
was never imported, so the seller knows which numbers rest on old files.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gui.widgets.metric_text import age_text
from gui.widgets.status import STALE_COLOR, STALE_COLOR_ON_DARK

KIND_LABELS: dict[str, str] = {
    "orders": "Orders",
    "feedback": "Feedback",
    "returns_fbm": "FBM returns",
    "returns_fba": "FBA returns",
    "messages": "Messages",
    "claims": "Claims",
    "performance": "Performance report",
}


def freshness_parts(
    times: Mapping[str, datetime], now: datetime, stale_days: int = 7
) -> list[tuple[str, str, bool]]:
    """(label, age text, stale) per report kind; e-mail counts as messages."""
    merged = dict(times)
    email = merged.pop("email", None)
    if email is not None and (merged.get("messages") is None or email > merged["messages"]):
        merged["messages"] = email
    parts = []
    for kind, label in KIND_LABELS.items():
        when = merged.get(kind)
        stale = when is None or now - when > timedelta(days=stale_days)
        parts.append((label, age_text(when, now), stale))
    return parts


class FreshnessLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("Data freshness")
        self.parts: list[tuple[str, str, bool]] = []

    def set_times(self, times: Mapping[str, datetime], now: datetime, stale_days: int = 7) -> None:
        self.parts = freshness_parts(times, now, stale_days)
        dark = self.palette().window().color().lightness() < 128
        color = STALE_COLOR_ON_DARK if dark else STALE_COLOR
        html = []
        plain = []
        for label, age, stale in self.parts:
            text = f"{label}: {age}"
            if stale and age != "never":
                text += " (old)"
            plain.append(text)
            if stale:
                html.append(f'<span style="color:{color}; font-weight:600">{text}</span>')
            else:
                html.append(text)
        self.setText("<b>Last imported</b> \u2014 " + " \u00b7 ".join(html))
        self.setToolTip(
            f"Reports older than {stale_days} days are marked old; import fresh files from "
            "Seller Central to keep the numbers current."
        )
        self.setAccessibleDescription("; ".join(plain))
