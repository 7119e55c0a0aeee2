"""Tray icons drawn in code: a filled circle with a dark outline and a symbol.

Drawn at several sizes so the panel picks a crisp one; a thin light halo keeps
the dark outline visible on dark panels, the dark outline on light ones.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from gui.widgets.status import style_for

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128)
OUTLINE = QColor("#1f1f1f")
HALO = QColor(255, 255, 255, 170)

_cache: dict[str, QIcon] = {}


def status_pixmap(status: str, size: int) -> QPixmap:
    """One square pixmap of the status icon at `size` pixels."""
    style = style_for(status)
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    halo_w = max(1.0, size / 24)
    outline_w = max(1.5, size / 12)
    rect = QRectF(0, 0, size, size).adjusted(halo_w, halo_w, -halo_w, -halo_w)
    p.setPen(QPen(HALO, halo_w * 2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(rect)
    inner = rect.adjusted(outline_w / 2, outline_w / 2, -outline_w / 2, -outline_w / 2)
    p.setPen(QPen(OUTLINE, outline_w))
    p.setBrush(style.fill_color)
    p.drawEllipse(inner)
    _draw_symbol(p, status, inner, style.text_color)
    p.end()
    return pm


def _draw_symbol(p: QPainter, status: str, r: QRectF, color: QColor) -> None:
    """Strokes rather than font glyphs, so the symbol looks the same everywhere."""
    w = r.width()
    pen = QPen(color, max(1.6, w * 0.14))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    cx, cy = r.center().x(), r.center().y()
    u = w / 2
    if status == "ok":
        path = QPainterPath(QPointF(cx - 0.45 * u, cy + 0.02 * u))
        path.lineTo(QPointF(cx - 0.12 * u, cy + 0.35 * u))
        path.lineTo(QPointF(cx + 0.48 * u, cy - 0.35 * u))
        p.drawPath(path)
    elif status == "breach":
        d = 0.36 * u
        p.drawLine(QPointF(cx - d, cy - d), QPointF(cx + d, cy + d))
        p.drawLine(QPointF(cx - d, cy + d), QPointF(cx + d, cy - d))
    elif status == "warning":
        p.drawLine(QPointF(cx, cy - 0.5 * u), QPointF(cx, cy + 0.12 * u))
        p.drawPoint(QPointF(cx, cy + 0.45 * u))
    else:  # no data: a dash, "nothing to judge yet"
        p.drawLine(QPointF(cx - 0.4 * u, cy), QPointF(cx + 0.4 * u, cy))


def status_icon(status: str) -> QIcon:
    """The tray/window icon for a status (ok, warning, breach, no_data); cached."""
    key = status if status in ("ok", "warning", "breach") else "no_data"
    icon = _cache.get(key)
    if icon is None:
        icon = QIcon()
        for size in ICON_SIZES:
            icon.addPixmap(status_pixmap(key, size))
        _cache[key] = icon
    return icon
