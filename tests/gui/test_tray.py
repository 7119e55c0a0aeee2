"""The tray: icon colour = worst status, tooltip summary, menu, click behaviour.

Pure parts (icons, summary text) run offscreen. Tests that need a real system
tray run only under an X server with a tray host (CI: xvfb-run + trayer with
QT_QPA_PLATFORM=xcb); elsewhere they are skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from gui.tray import due_counts, health_status, tray_summary
from gui.tray_icons import ICON_SIZES, status_icon, status_pixmap
from gui.widgets.status import STYLES, worst_status


@dataclass
class Item:
    kind: str
    state: str


@pytest.mark.parametrize(
    ("statuses", "worst"),
    [
        ([], "no_data"),
        (["no_data", "no_data"], "no_data"),
        (["ok", "no_data"], "ok"),
        (["ok", "warning", "ok"], "warning"),
        (["warning", "breach", "ok"], "breach"),
        (["breach", None, "bogus"], "breach"),
    ],
)
def test_worst_status(statuses: list[Any], worst: str) -> None:
    assert worst_status(statuses) == worst


@pytest.mark.parametrize("status", ["ok", "warning", "breach", "no_data"])
def test_icon_is_a_filled_circle_with_a_dark_outline(qapp: Any, status: str) -> None:
    size = 64
    image = status_pixmap(status, size).toImage()
    centre_left = QColor(image.pixel(size // 2 - 18, size // 2))  # fill, beside the symbol
    assert centre_left.name() == STYLES[status].fill
    # the outline ring is dark on any panel colour
    ring = QColor(image.pixel(size // 2, 4))
    assert ring.lightness() < 80
    corner = QColor.fromRgba(image.pixel(0, 0))
    assert corner.alpha() == 0  # round, transparent outside
    icon = status_icon(status)
    assert {s.width() for s in icon.availableSizes()} >= set(ICON_SIZES)


def test_icons_differ_by_more_than_colour(qapp: Any) -> None:
    """Symbols differ too (check, !, x, dash), so colour-blind users can tell them apart."""
    grey = {}
    for status in ("ok", "warning", "breach", "no_data"):
        img = (
            status_pixmap(status, 32)
            .toImage()
            .convertToFormat(status_pixmap(status, 32).toImage().Format.Format_Grayscale8)
        )
        grey[status] = bytes(img.constBits())
    assert len(set(grey.values())) == 4


def test_due_counts_and_summary(seller_a_store: Any) -> None:
    from services.health import health_at
    from tests.gui.conftest import AS_OF

    board: list[Any] = [
        Item("message", "overdue"),
        Item("message", "overdue"),
        Item("message", "due_soon"),
        Item("message", "open"),
        Item("return", "overdue"),
    ]
    assert due_counts(board) == (2, 1, 4)
    metrics = health_at(seller_a_store.db, AS_OF).metrics
    assert metrics.odr.rate.value == 0.628140703517588
    assert metrics.lrr.rate.value == 16.666666666666668
    assert tray_summary(metrics, board) == (
        "ODR 0.63 % \u00b7 LRR 16.67 % \u00b7 2 messages overdue \u00b7 1 message due in 4 h"
    )
    assert tray_summary(None, []) == "Account Health Monitor: no data yet"


def test_status_of_the_worked_example(seller_a_store: Any) -> None:
    from services.health import health_at as compute_health
    from tests.gui.conftest import AS_OF

    health = compute_health(seller_a_store.db, AS_OF)
    assert health_status(health) == "breach"  # LRR 16.67 % >= 10 %
    assert health_status(None) == "no_data"


# --- a real tray (X server + tray host) -------------------------------------------


def _tray_available() -> bool:
    return bool(os.environ.get("DISPLAY")) and QSystemTrayIcon.isSystemTrayAvailable()


@pytest.fixture
def shell(qapp: Any, qtbot: Any, seller_a_store: Any, clock: Any) -> Any:
    if not _tray_available():
        pytest.skip("no system tray here (run under xvfb-run with trayer and QT_QPA_PLATFORM=xcb)")
    from gui.app import AppShell

    s = AppShell(seller_a_store, clock, with_jobs=False)
    with qtbot.waitSignal(s.bridge.metrics_changed):  # the first numbers, computed off-thread
        s.start()
    yield s
    s.shutdown()
    s.window.keep_in_tray = False
    s.window.close()
    s.window.deleteLater()
    QApplication.instance().setQuitOnLastWindowClosed(True)  # type: ignore[union-attr]


def test_tray_shows_the_worst_status_and_summary(shell: Any) -> None:
    tray = shell.tray
    assert tray is not None and tray.isVisible()
    assert tray.status == "breach"
    from gui.app_icon import app_status_icon

    assert tray.icon().cacheKey() == app_status_icon("breach").cacheKey()  # our icon + badge
    tip = tray.toolTip()
    assert tip.startswith("ODR 0.63 % \u00b7 LRR 16.67 %")
    assert "Status: Breach" in tip


def test_tray_menu_is_rebuilt_on_open(shell: Any) -> None:
    tray = shell.tray
    tray.menu.aboutToShow.emit()
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[0] == "Open Account Health Monitor"
    assert texts[1] == "Import report\u2026"
    assert texts[2].startswith("Inbox (") and texts[2].endswith(" due)")
    assert texts[3].startswith("Pause warnings for 1 h")
    assert texts[4] == "Quit"


def test_left_click_toggles_and_close_keeps_running(qtbot: Any, shell: Any) -> None:
    window = shell.window
    assert window.isVisible()
    shell.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert not window.isVisible()
    shell.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert window.isVisible()
    window.close()
    assert not window.isVisible()  # still in the tray
    assert not QApplication.instance().quitOnLastWindowClosed()  # type: ignore[union-attr]


def test_pause_and_quit_actions(qtbot: Any, shell: Any) -> None:
    paused: list[float] = []
    shell.tray.pause_handler = paused.append
    shell.tray.rebuild_menu()
    shell.tray.pause_action.trigger()
    assert paused == [1]
    shell.tray.rebuild_menu()
    assert "paused until" in shell.tray.pause_action.text()
    with qtbot.waitSignal(shell.window.quit_requested):
        shell.tray.quit_action.trigger()


def test_started_at_login_it_opens_in_the_tray_only(
    qapp: Any, seller_a_store: Any, clock: Any
) -> None:
    """`--tray` (what start at login writes): a tray icon, no window."""
    if not _tray_available():
        pytest.skip("no system tray here (run under xvfb-run with trayer and QT_QPA_PLATFORM=xcb)")
    from PySide6.QtCore import QTimer

    from gui.app import run_app
    from gui.main_window import MainWindow

    earlier = {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}
    seen: dict[str, bool] = {}

    def check() -> None:  # the store opens in a worker thread; this runs on the GUI thread
        windows = {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}
        (window,) = windows - earlier
        if window.tray is None:
            QTimer.singleShot(10, check)
            return
        seen["tray shown"] = window.tray.isVisible()
        seen["window hidden"] = not window.isVisible()
        window.tray.quit_action.trigger()

    QTimer.singleShot(0, check)

    assert run_app(seller_a_store.path, lambda: seller_a_store, clock, ["ahm"], tray_only=True) == 0
    assert seen == {"tray shown": True, "window hidden": True}
    QApplication.instance().setQuitOnLastWindowClosed(True)  # type: ignore[union-attr]
