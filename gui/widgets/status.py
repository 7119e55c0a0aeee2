"""Status names, colours and words shared by cards, the tray icon and tables.

Colour never carries meaning alone: every status also has a word and a symbol.
Fills are solid with a text colour chosen for contrast, so they read the same on
light and dark palettes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QColor

from core.labels import label


@dataclass(frozen=True, slots=True)
class StatusStyle:
    label: str  # the word shown beside the colour
    symbol: str  # drawn in the tray icon and prefixed to pills
    fill: str  # background colour (hex)
    text: str  # foreground on `fill`, >= 4.5:1 contrast

    @property
    def fill_color(self) -> QColor:
        return QColor(self.fill)

    @property
    def text_color(self) -> QColor:
        return QColor(self.text)


STYLES: dict[str, StatusStyle] = {
    "ok": StatusStyle(label("status", "ok"), "\u2713", "#1b7f3b", "#ffffff"),
    "warning": StatusStyle(label("status", "warning"), "!", "#f2b600", "#1a1a1a"),
    "breach": StatusStyle(label("status", "breach"), "\u2715", "#c62828", "#ffffff"),
    "no_data": StatusStyle(label("status", "no_data"), "?", "#6b7280", "#ffffff"),
}

_RANK = {"no_data": 0, "ok": 1, "warning": 2, "breach": 3}

STALE_COLOR = "#9a6700"
"""Amber text that stays readable (>= 4.5:1) on a white background."""
STALE_COLOR_ON_DARK = "#f2c94c"
"""The same warning amber for dark palettes."""


def style_for(status: str | None) -> StatusStyle:
    """Unknown or missing statuses are shown as 'No data', never as OK."""
    return STYLES.get(status or "no_data", STYLES["no_data"])


def worst_status(statuses: Iterable[str | None]) -> str:
    """The most severe status; 'no_data' only when nothing has data."""
    worst = "no_data"
    for s in statuses:
        key = s if s in _RANK else "no_data"
        if _RANK[key] > _RANK[worst]:
            worst = key
    return worst


def amazon_status(status: str | None) -> str:
    """Amazon's GOOD/BAD/NONE (and AHR words) mapped to our four statuses."""
    s = (status or "").strip().upper()
    if s in ("GOOD", "GREAT", "HEALTHY", "NORMAL"):
        return "ok"
    if s in ("FAIR", "AT_RISK", "AT RISK", "WARNING"):
        return "warning"
    if s in ("BAD", "CRITICAL", "UNHEALTHY", "DEACTIVATED"):
        return "breach"
    return "no_data"


def pill_stylesheet(status: str | None) -> str:
    style = style_for(status)
    return (
        f"QLabel {{ background: {style.fill}; color: {style.text}; border-radius: 4px;"
        " padding: 2px 8px; font-weight: 600; }"
    )


def pill_text(status: str | None) -> str:
    style = style_for(status)
    return f"{style.symbol} {style.label}"
