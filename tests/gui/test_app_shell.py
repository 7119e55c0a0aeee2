"""The app shell: screens and shortcuts, first run, banners, closing, single instance."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from gui.app import AppShell, run_app
from gui.main_window import PII_FALLBACK_TEXT, TRAY_HINT_KEY, MainWindow
from gui.single_instance import SingleInstance, server_name
from services.changes import Changes
from tests.gui.conftest import AS_OF, import_files

SCREEN_ORDER = ["dashboard", "inbox", "defects", "imports", "settings"]


@pytest.fixture
def window(qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any) -> MainWindow:
    w = MainWindow(store, bridge, clock)
    qtbot.addWidget(w)
    settle()  # the first-run page and the key banners come from background queries
    return w


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: (opened.append("open"), ([], ""))[1]),
    )
    return opened


def show_active(qtbot: Any, window: MainWindow) -> None:
    """Shortcuts only reach the active window."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_every_screen_is_present(window: MainWindow) -> None:
    assert window.names[:5] == SCREEN_ORDER
    assert window.missing == []
    labels = [window.nav.item(i).text() for i in range(5)]
    assert labels == ["Dashboard", "Inbox", "Defects", "Imports", "Settings"]


@pytest.mark.parametrize(("key", "screen"), list(zip("12345", SCREEN_ORDER, strict=True)))
def test_ctrl_number_switches_screens(
    qtbot: Any, window: MainWindow, key: str, screen: str
) -> None:
    show_active(qtbot, window)
    if screen == "dashboard":
        window.show_screen("settings")
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen == screen
    shown = window.home if screen == "dashboard" else window.screens[screen]
    assert window.stack.currentWidget() is shown


def test_ctrl_o_opens_the_import_dialog_on_the_imports_screen(
    qtbot: Any, window: MainWindow, no_dialogs: list[str]
) -> None:
    show_active(qtbot, window)
    qtbot.keyClick(window, "o", Qt.KeyboardModifier.ControlModifier)
    assert no_dialogs == ["open"]
    assert window.current_screen == "imports"


def test_navigation_list_is_keyboard_driven(qtbot: Any, window: MainWindow) -> None:
    window.show()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_screen == "inbox"


def test_first_run_page_on_an_empty_database(
    qtbot: Any, window: MainWindow, no_dialogs: list[str]
) -> None:
    window.show()
    assert window.showing_first_run
    assert window.first_run.isVisible()
    buttons = " ".join(
        w.text().replace("&", "")
        for w in window.first_run.findChildren(type(window.first_run.import_button))
    )
    assert "Import files" in buttons and "messages.csv" in buttons and "claims.csv" in buttons
    explained = " ".join(w.text() for w in window.first_run.findChildren(QLabel))
    for report in ("Orders", "Feedback", "Returns", "performance report", "messages", "claims"):
        assert report in explained
    qtbot.mouseClick(window.first_run.import_button, Qt.MouseButton.LeftButton)
    assert no_dialogs == ["open"]
    assert window.current_screen == "imports"


def test_first_run_gives_way_to_the_dashboard_after_an_import(
    window: MainWindow, store: Any, bridge: Any, samples: Path, settle: Any
) -> None:
    assert window.showing_first_run
    import_files(store, [samples / "seller-a" / "claims.csv"], AS_OF)
    bridge.changed.emit(Changes(claims=True, imports=True))  # as the Imports screen does
    settle()
    assert not window.showing_first_run
    assert window.home.currentWidget() is window.screens["dashboard"]


def test_first_run_template_button_saves_a_template(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "claims.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(dest), ""))
    )
    qtbot.mouseClick(window.first_run.claims_button, Qt.MouseButton.LeftButton)
    assert dest.read_text(encoding="utf-8").startswith("claim_id,order_id,kind")


def test_navigate_signal_raises_the_window_on_that_screen(
    qtbot: Any, window: MainWindow, bridge: Any
) -> None:
    bridge.navigate.emit("defects", "AZ-11-0003")
    assert window.isVisible()
    assert window.current_screen == "defects"


def test_a_failed_background_job_is_shown_as_a_sentence(window: MainWindow, bridge: Any) -> None:
    bridge.job_failed.emit("backup", "The nightly backup failed (disk full); see the log.")
    assert window.statusBar().currentMessage() == (
        "The nightly backup failed (disk full); see the log."
    )


class _NoKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")


def test_key_file_fallback_shows_a_banner_with_the_path(
    qtbot: Any, tmp_path: Path, bridge: Any, clock: Any, settle: Any
) -> None:
    from storage.db import Store

    keyring.set_keyring(_NoKeyring())
    store = Store(tmp_path / "fallback.sqlite3")
    try:
        w = MainWindow(store, bridge, clock)
        qtbot.addWidget(w)
        settle()
        assert store.key_store.location == "file"
        texts = [b.label.text() for b in w.banners]
        assert len(texts) == 1
        assert PII_FALLBACK_TEXT in texts[0]
        assert str(store.key_store.key_file) in texts[0]
    finally:
        store.close()


def test_no_banner_when_the_keyring_works(window: MainWindow) -> None:
    assert window.banners == []


class FakeTray(QObject):
    messageClicked = Signal()  # noqa: N815 (Qt name)

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, text: str, *args: Any) -> None:  # noqa: N802
        self.messages.append((title, text))


def test_closing_with_a_tray_hides_and_tells_once(
    qtbot: Any, window: MainWindow, clean_qsettings: None
) -> None:
    tray = FakeTray()
    window.tray = tray
    window.keep_in_tray = True
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert not window.isVisible()
    assert len(tray.messages) == 1 and "tray" in tray.messages[0][1]
    assert QSettings().value(TRAY_HINT_KEY, False, type=bool)
    window.show()
    window.close()
    assert len(tray.messages) == 1  # once only


QUIT_SCRIPT = """
import sys, keyring
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tests.conftest import MemoryKeyring
from tests.gui.conftest import AS_OF
from core.clock import FixedClock
from gui import app as app_module
from storage.db import Store

keyring.set_keyring(MemoryKeyring())
qapp = QApplication(sys.argv)
store = Store(Path(sys.argv[1]))

def close_main_window():
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and w.windowTitle() == "Account Health Monitor":
            print("closing", flush=True)
            w.close()

QTimer.singleShot(1500, close_main_window)
QTimer.singleShot(20000, lambda: qapp.exit(3))  # would mean: closing did not quit
sys.exit(app_module.run_app(store.path, lambda: store, FixedClock(AS_OF), sys.argv))
"""


def test_closing_the_window_without_a_tray_quits_the_app(tmp_path: Path) -> None:
    """End to end in a fresh process: run_app, close the window, the process exits 0."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(root),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # QSettings stay in the sandbox
    }
    env.pop("DISPLAY", None)  # offscreen has no tray: a window app
    done = subprocess.run(
        [sys.executable, "-c", QUIT_SCRIPT, str(tmp_path / "quit.sqlite3")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "closing" in done.stdout, done.stderr
    assert done.returncode == 0, done.stderr


def test_without_a_tray_closing_is_not_ignored(qtbot: Any, store: Any, clock: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = AppShell(store, clock, tray_available=False, with_jobs=False)
    qtbot.addWidget(shell.window)
    try:
        assert shell.tray is None and not shell.window.keep_in_tray
        assert app.quitOnLastWindowClosed()
        shell.window.show()
        assert shell.window.close()  # accepted: the last window goes, Qt quits
        assert not shell.window.isVisible()
    finally:
        shell.shutdown()


def test_shell_computes_once_at_start(qtbot: Any, seller_a_store: Any, clock: Any) -> None:
    shell = AppShell(seller_a_store, clock, tray_available=False, with_jobs=False)
    qtbot.addWidget(shell.window)
    with qtbot.waitSignal(shell.bridge.metrics_changed) as blocker:
        shell.start(show_window=False)
    assert blocker.args[0].as_of == AS_OF
    dashboard = shell.window.screens["dashboard"]
    assert dashboard.cards["order_defect_rate"].value_label.text() == "0.63 %"
    shell.shutdown()


def test_window_geometry_is_remembered(
    qtbot: Any, store: Any, bridge: Any, clock: Any, clean_qsettings: None
) -> None:
    first = MainWindow(store, bridge, clock)
    qtbot.addWidget(first)
    first.show()
    first.resize(810, 590)  # the offscreen screen is 800x600: restore clamps to it
    qtbot.waitUntil(lambda: first.size().height() == 590)
    first.close()
    second = MainWindow(store, bridge, clock)
    qtbot.addWidget(second)
    assert second.height() == 590  # not the 760 px default


def test_a_second_instance_asks_the_first_to_show_itself(qtbot: Any) -> None:
    name = f"ahm-test-{uuid.uuid4().hex[:12]}"
    first, second = SingleInstance(name), SingleInstance(name)
    try:
        assert first.acquire()
        with qtbot.waitSignal(first.raise_requested, timeout=3000):
            assert not second.acquire()
    finally:
        first.release()


def test_a_stale_socket_does_not_block_the_start(qtbot: Any) -> None:
    name = f"ahm-test-{uuid.uuid4().hex[:12]}"
    crashed = SingleInstance(name)
    assert crashed.acquire()
    crashed.release()  # the socket file may stay behind after a crash
    again = SingleInstance(name)
    try:
        assert again.acquire()
    finally:
        again.release()


def test_server_name_depends_on_user_and_database(tmp_path: Path) -> None:
    a = server_name(tmp_path / "a.sqlite3", "alice")
    assert a == server_name(tmp_path / "a.sqlite3", "alice")
    assert a != server_name(tmp_path / "b.sqlite3", "alice")
    assert a != server_name(tmp_path / "a.sqlite3", "bob")
    assert len(a) < 60


def test_run_app_exits_0_when_already_running(store: Any, clock: Any, qapp: Any) -> None:
    holder = SingleInstance(server_name(store.path))
    try:
        assert holder.acquire()
        assert run_app(store.path, lambda: store, clock, ["account-health-monitor"]) == 0
    finally:
        holder.release()


def test_saving_settings_reschedules_the_weekly_review(
    qtbot: Any, store: Any, clock: Any, settle: Any
) -> None:
    from storage.repository.settings import load_settings, save_settings

    shell = AppShell(store, clock, tray_available=False, with_jobs=True)
    qtbot.addWidget(shell.window)
    try:
        shell.runner.add_jobs()
        shell.runner.scheduler.start(paused=True)  # jobs land in the job store, none run
        before = str(shell.runner.scheduler.get_job("weekly_review").trigger)
        save_settings(store.db, dataclasses.replace(load_settings(store.db), weekly_review_hour=7))
        shell.bridge.settings_changed.emit()
        settle()  # the settings are read in the background
        after = str(shell.runner.scheduler.get_job("weekly_review").trigger)
        assert before != after and "hour='7'" in after
    finally:
        shell.shutdown()


SECOND_START = """
import sys
from PySide6.QtCore import QCoreApplication
from gui.single_instance import SingleInstance
app = QCoreApplication(sys.argv)
print("first" if SingleInstance(sys.argv[1]).acquire() else "second", flush=True)
"""


def test_a_second_start_during_the_first_paint_is_answered_once_the_first_listens(
    qtbot: Any,
) -> None:
    """The first holds the lock but listens only after its paint: the second waits for it."""
    name = f"ahm-test-{uuid.uuid4().hex[:12]}"
    first = SingleInstance(name)
    root = Path(__file__).resolve().parents[2]
    try:
        assert first.acquire(listen=False)
        second = subprocess.Popen(
            [sys.executable, "-c", SECOND_START, name],
            cwd=root,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)},
            stdout=subprocess.PIPE,
            text=True,
        )
        qtbot.wait(500)  # the second is connecting and retrying meanwhile
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            first.listen()
        out, _ = second.communicate(timeout=10)
        assert out.strip() == "second"
        assert second.returncode == 0
    finally:
        first.release()


def test_the_lock_is_free_again_after_release() -> None:
    name = f"ahm-test-{uuid.uuid4().hex[:12]}"
    first = SingleInstance(name)
    assert first.acquire(listen=False)
    first.release()
    again = SingleInstance(name)
    try:
        assert again.acquire(listen=False)
    finally:
        again.release()


def test_f5_reloads_every_built_screen_and_the_numbers(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Any, monkeypatch: Any
) -> None:
    from gui.views.screen import Screen
    from services.history import update_history

    update_history(seller_a_store, clock())  # as the start-up job does: F5 finds it current
    window = MainWindow(seller_a_store, bridge, clock)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    views = {name: window.screens[name] for name in window.names}  # every screen built
    window.show_screen("dashboard")
    settle()
    reloads: dict[str, int] = {}
    for name, view in views.items():
        if isinstance(view, Screen):
            cls = type(view)
            original = cls.reload

            def counted(self: Any, _original: Any = original, _name: str = name) -> None:
                reloads[_name] = reloads.get(_name, 0) + 1
                _original(self)

            monkeypatch.setattr(cls, "reload", counted)
    broadcasts: list[Changes] = []
    numbers: list[Any] = []
    bridge.changed.connect(broadcasts.append)
    bridge.metrics_changed.connect(numbers.append)

    qtbot.keyClick(window, Qt.Key.Key_F5)
    settle()
    assert broadcasts == [Changes.everything()]
    assert len(numbers) == 1  # recomputed once, in the background
    assert reloads.get("dashboard") == 1  # the shown screen at once, with the new numbers
    for name in window.names:  # the hidden ones when they are shown next
        window.show_screen(name)
        settle()
    screens = [n for n, v in views.items() if isinstance(v, Screen)]
    assert set(screens) == set(views)  # every screen is on the shared base
    assert {n: reloads.get(n, 0) >= 1 for n in screens} == dict.fromkeys(screens, True)


def test_the_window_never_reads_the_database_on_the_gui_thread(
    qtbot: Any,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Any,
    gui_thread_db: list[str],
) -> None:
    window = MainWindow(None, bridge, clock)
    qtbot.addWidget(window)
    window.show()
    window.attach_store(seller_a_store)
    settle()
    bridge.changed.emit(Changes(orders=True, imports=True))
    settle()
    assert window.home.currentWidget() is window.screens["dashboard"]
    assert window.screens["dashboard"].cards["order_defect_rate"].value_label.text() == "0.63 %"  # type: ignore[attr-defined]
    assert gui_thread_db == []


def test_the_window_icon_follows_the_numbers(
    window: MainWindow, bridge: Any, seller_a_store: Any
) -> None:
    from services.health import health_at

    before = window.windowIcon().cacheKey()
    bridge.metrics_changed.emit(health_at(seller_a_store.db, AS_OF))
    from gui.app_icon import app_status_icon

    assert window.windowIcon().cacheKey() != before
    assert window.windowIcon().cacheKey() == app_status_icon("breach").cacheKey()
