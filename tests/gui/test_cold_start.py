"""Cold start: the window frame paints first, the store and screens follow it."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from gui.app import StoreRefused, run_app
from gui.main_window import MainWindow


def _main_window() -> MainWindow:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert found
    return found[-1]


def test_the_frame_says_it_is_opening_and_offers_nothing_that_needs_the_store(
    qtbot: Any, bridge: Any, clock: Any
) -> None:
    window = MainWindow(None, bridge, clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.ready
    assert window.home.currentWidget() is window.opening
    assert window.opening.findChild(QLabel).text() == "Opening your data\u2026"
    assert not window.nav.isEnabled()
    assert not window.import_action.isEnabled()
    assert not window.screen_actions["inbox"].isEnabled()
    assert window.quit_action.isEnabled()
    assert window.screens.get("inbox") is None  # no screen is built without a store
    assert not window.showing_first_run


def test_attaching_the_store_shows_the_dashboard_with_working_shortcuts(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Any
) -> None:
    window = MainWindow(None, bridge, clock)
    qtbot.addWidget(window)
    window.show()
    window.attach_store(seller_a_store)
    assert window.home.currentWidget() is window.opening  # until it knows there is data
    settle()
    assert window.ready
    assert window.nav.isEnabled() and window.import_action.isEnabled()
    assert window.home.currentWidget() is window.screens["dashboard"]
    assert window.import_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.screen_actions["inbox"].shortcut() == QKeySequence("Ctrl+2")
    window.screen_actions["inbox"].trigger()
    assert window.current_screen == "inbox"
    assert window.screens.is_built("inbox")


def test_run_app_paints_the_window_before_it_opens_the_store(
    qapp: Any, store: Any, clock: Any
) -> None:
    seen: dict[str, bool] = {}

    def open_store() -> Any:
        window = _main_window()
        handle = window.windowHandle()
        seen["exposed"] = handle is not None and handle.isExposed()
        seen["opening"] = window.home.currentWidget() is window.opening

        def quit_when_ready() -> None:  # the page is chosen by a background query
            if window.home.currentWidget() is window.opening and time.monotonic() < limit:
                QTimer.singleShot(5, quit_when_ready)
                return
            seen["dashboard"] = window.home.currentWidget() is not window.opening
            window.request_quit()

        limit = time.monotonic() + 10

        QTimer.singleShot(0, quit_when_ready)
        return store

    assert run_app(store.path, open_store, clock, ["account-health-monitor"]) == 0
    assert seen == {"exposed": True, "opening": True, "dashboard": True}


def test_a_store_that_cannot_open_is_a_dialog_and_exit_1(
    qapp: Any, tmp_path: Any, clock: Any
) -> None:
    shown: list[str] = []

    def accept_the_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(10, accept_the_dialog)

    def open_store() -> Any:
        QTimer.singleShot(0, accept_the_dialog)
        raise StoreRefused("This database was written by a newer version of the app.")

    code = run_app(tmp_path / "x.sqlite3", open_store, clock, ["account-health-monitor"])
    assert code == 1
    assert shown == ["This database was written by a newer version of the app."]
