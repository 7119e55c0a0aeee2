"""Started at login (--tray): no window, unless no tray turns up; the version is shown."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

import gui.app
from core.version import VERSION
from gui.app import run_app, wait_for_tray
from gui.main_window import MainWindow


def _main_windows() -> set[MainWindow]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}


def test_without_a_tray_the_window_shows_after_the_wait(
    qapp: Any, store: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offscreen has no tray: a seller must never get an invisible app."""
    monkeypatch.setattr(gui.app, "TRAY_WAIT_S", 0.3)
    seen: dict[str, object] = {}
    earlier = _main_windows()  # other tests' windows may still be around

    asked, looked = threading.Event(), threading.Event()

    def open_store() -> Any:  # in a worker thread: the window is looked at meanwhile
        asked.set()
        looked.wait(10)
        return store

    def look() -> None:
        if not asked.is_set():
            QTimer.singleShot(5, look)
            return
        (window,) = _main_windows() - earlier
        seen["hidden at open"] = not window.isVisible()
        looked.set()
        started = time.monotonic()

        def watch() -> None:
            if not window.isVisible() and time.monotonic() - started < 10:
                QTimer.singleShot(10, watch)
                return
            seen["waited"] = time.monotonic() - started >= 0.25
            seen["shown"] = window.isVisible()
            seen["no tray"] = window.tray is None and not window.keep_in_tray
            window.request_quit()

        QTimer.singleShot(0, watch)

    QTimer.singleShot(0, look)
    assert run_app(store.path, open_store, clock, ["ahm"], tray_only=True) == 0
    # The window's close posts one more Quit, which would end every later event loop of
    # this test process (qtbot.wait...): a last exec() takes it and resets that state.
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()
    assert seen == {"hidden at open": True, "waited": True, "shown": True, "no tray": True}


def test_waiting_for_the_tray_stops_when_it_appears(qtbot: Any) -> None:
    answers = iter([False, False, True])
    found: list[bool] = []
    wait_for_tray(found.append, wait_s=5, available=lambda: next(answers), poll_ms=10)
    qtbot.waitUntil(lambda: found == [True], timeout=2000)


def test_waiting_for_the_tray_gives_up(qtbot: Any) -> None:
    found: list[bool] = []
    wait_for_tray(found.append, wait_s=0.05, available=lambda: False, poll_ms=10)
    qtbot.waitUntil(lambda: found == [False], timeout=2000)


def test_the_window_shows_the_version_and_the_app_icon_with_the_status(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Any
) -> None:
    from gui.app_icon import app_status_icon
    from services.health import health_at
    from tests.gui.conftest import AS_OF

    window = MainWindow(seller_a_store, bridge, clock)
    qtbot.addWidget(window)
    settle()
    labels = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert f"Version {VERSION}" in labels
    bridge.metrics_changed.emit(health_at(seller_a_store.db, AS_OF))
    assert window.windowIcon().cacheKey() == app_status_icon("breach").cacheKey()
