"""The app icon in Qt: every size loads, the tray's status sits on top, and the
checked-in files are what tools/make_icons.py renders from the SVG sources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from gui.app_icon import BADGE, app_icon, app_status_icon, app_status_pixmap
from gui.tray_icons import ICON_SIZES as TRAY_SIZES
from gui.tray_icons import status_pixmap
from resources import ICON_SIZES, icon_png

ROOT = Path(__file__).resolve().parents[2]


def test_app_icon_offers_every_shipped_size(qapp: Any) -> None:
    assert sorted(s.width() for s in app_icon().availableSizes()) == sorted(ICON_SIZES)


@pytest.mark.parametrize("status", ["ok", "warning", "breach", "no_data"])
def test_status_badge_is_drawn_over_the_app_icon(qapp: Any, status: str) -> None:
    size = 64
    composed = app_status_pixmap(status, size).toImage()
    badge_side = round(size * BADGE)
    badge = status_pixmap(status, badge_side).toImage()
    plain = app_icon().pixmap(size, size).toImage()
    origin = size - badge_side
    opaque = 0
    for y in range(size):
        for x in range(size):
            inside = x >= origin and y >= origin
            b = badge.pixelColor(x - origin, y - origin) if inside else None
            if b is not None and b.alpha() == 255:
                assert composed.pixelColor(x, y) == b
                opaque += 1
            elif not inside:
                assert composed.pixelColor(x, y) == plain.pixelColor(x, y)
    assert opaque > badge_side * badge_side / 2  # the badge is there, not a speck


def test_status_icons_come_at_the_tray_sizes_and_differ(qapp: Any) -> None:
    icons = {s: app_status_icon(s) for s in ("ok", "warning", "breach", "no_data")}
    assert all(i.availableSizes() == [QSize(s, s) for s in TRAY_SIZES] for i in icons.values())
    images = {s: i.pixmap(32, 32).toImage() for s, i in icons.items()}
    assert len({bytes(img.constBits()) for img in images.values()}) == 4
    assert app_status_icon("unknown") is icons["no_data"]


def test_checked_in_pngs_are_what_the_svg_renders(qapp: Any, tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_icons.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for size in ICON_SIZES:
        fresh, shipped = QImage(str(tmp_path / icon_png(size).name)), QImage(str(icon_png(size)))
        assert fresh.size() == shipped.size() == QSize(size, size)
        worst = max(
            abs(getattr(fresh.pixelColor(x, y), c)() - getattr(shipped.pixelColor(x, y), c)())
            for x in range(0, size, max(1, size // 32))
            for y in range(0, size, max(1, size // 32))
            for c in ("red", "green", "blue", "alpha")
        )
        assert worst <= 8, f"{size} px differs from the SVG by {worst}/255: run tools/make_icons.py"
    for name in ("account-health-monitor.ico", "account-health-monitor.icns"):
        assert (tmp_path / name).stat().st_size > 0
