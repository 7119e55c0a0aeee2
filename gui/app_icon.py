"""The app's own icon as a QIcon, and the tray's status drawn on top of it.

The window, the launcher and the About box use app_icon(); the tray can use
app_status_icon(status) so the green/amber/red/grey state stays readable as a
badge (the circles of gui.tray_icons) in the corner of the app's shield.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPainter, QPixmap

from resources import ICON_SIZES, icon_png

BADGE = 0.6
"""The status badge's side as a share of the icon's (legible at 16 px: 10 px)."""

_cache: dict[str, QIcon] = {}


def app_icon() -> QIcon:
    """The shield with the pulse, at every shipped size."""
    icon = _cache.get("app")
    if icon is None:
        icon = QIcon()
        for size in ICON_SIZES:
            icon.addFile(str(icon_png(size)), QSize(size, size))
        _cache["app"] = icon
    return icon


def app_status_pixmap(status: str, size: int) -> QPixmap:
    """The app icon at `size` px with the status circle in its bottom-right corner."""
    # Here, not at the top: app_icon() is set before the first paint, which must not
    # pay for PySide6's `Qt` namespace (~12 ms) or the status drawing.
    from PySide6.QtCore import Qt

    from gui.tray_icons import status_pixmap

    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.drawPixmap(0, 0, app_icon().pixmap(size, size))
    badge = round(size * BADGE)
    p.drawPixmap(size - badge, size - badge, status_pixmap(status, badge))
    p.end()
    return pm


def app_status_icon(status: str) -> QIcon:
    """The tray icon for a status (ok, warning, breach, no_data) on the app icon; cached."""
    from gui.tray_icons import ICON_SIZES as TRAY_SIZES

    key = status if status in ("ok", "warning", "breach") else "no_data"
    icon = _cache.get(f"status:{key}")
    if icon is None:
        icon = QIcon()
        for size in TRAY_SIZES:
            icon.addPixmap(app_status_pixmap(key, size))
        _cache[f"status:{key}"] = icon
    return icon
