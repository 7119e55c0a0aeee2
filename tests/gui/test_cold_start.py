"""Cold start: the window frame paints first, the store and screens follow it."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from gui.app import StoreRefused, run_app
from gui.main_window import MainWindow
from gui.store_opening import StoreOpening
from storage.migrations import SCHEMA_VERSION


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


def test_a_file_that_needs_a_schema_step_says_updating_while_it_opens(
    qtbot: Any, store: Any, bridge: Any, clock: Any
) -> None:
    window = MainWindow(None, bridge, clock)
    qtbot.addWidget(window)
    store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    store.close()
    got: list[object] = []
    proceed = threading.Event()

    def open_store() -> Any:
        proceed.wait(10)
        store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # as the step would
        return store

    opening = StoreOpening(store.path, open_store, lambda s, e: got.append(s or e))
    opening.updating.connect(window.show_updating)
    opening.start()
    label = window.opening.findChild(QLabel)
    qtbot.waitUntil(lambda: label.text() == "Updating your data\u2026", timeout=5000)
    proceed.set()
    qtbot.waitUntil(lambda: got == [store], timeout=5000)


def test_run_app_paints_the_window_before_it_opens_the_store(
    qapp: Any, store: Any, clock: Any
) -> None:
    """The store opens in a worker thread: meanwhile the window is painted and its event
    loop runs (it looks at itself here while `open_store` is still waiting)."""
    seen: dict[str, bool] = {}
    asked, looked = threading.Event(), threading.Event()
    limit = time.monotonic() + 10

    def open_store() -> Any:
        seen["worker thread"] = threading.current_thread() is not threading.main_thread()
        asked.set()
        looked.wait(10)
        return store

    def look() -> None:
        if not asked.is_set() and time.monotonic() < limit:
            QTimer.singleShot(5, look)
            return
        window = _main_window()
        handle = window.windowHandle()
        seen["exposed"] = handle is not None and handle.isExposed()
        seen["opening"] = window.home.currentWidget() is window.opening
        looked.set()
        QTimer.singleShot(0, lambda: quit_when_ready(window))

    def quit_when_ready(window: MainWindow) -> None:  # the page is chosen by a background query
        if window.home.currentWidget() is window.opening and time.monotonic() < limit:
            QTimer.singleShot(5, lambda: quit_when_ready(window))
            return
        seen["dashboard"] = window.home.currentWidget() is not window.opening
        window.request_quit()

    QTimer.singleShot(0, look)
    assert run_app(store.path, open_store, clock, ["account-health-monitor"]) == 0
    assert seen == {"worker thread": True, "exposed": True, "opening": True, "dashboard": True}


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
        raise StoreRefused("This database was written by a newer version of the app.")

    QTimer.singleShot(0, accept_the_dialog)
    code = run_app(tmp_path / "x.sqlite3", open_store, clock, ["account-health-monitor"])
    assert code == 1
    assert shown == ["This database was written by a newer version of the app."]
