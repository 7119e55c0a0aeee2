"""The desktop app: QApplication, single instance, window, tray, background jobs.

`run_app` is what main.py calls. `AppShell` holds the parts so tests can build
the app without entering the event loop.

Cold start: run_app shows the window frame first and, right after the first paint,
opens the database in a worker thread (migrations and the key check must not freeze
the window), then builds the dashboard, the tray and the jobs. What the first
paint needs is only QtWidgets and this package's frame, so the window appears in
about the time a bare Qt window takes; SQLite, keyring, cryptography, APScheduler
and Qt Charts load while the seller already sees the window.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from gui.bridge import Bridge
from gui.gc_policy import CollectWhenIdle, trim_in_background
from gui.main_window import APP_TITLE, MainWindow
from gui.store_opening import StoreOpening, warm_screens

if TYPE_CHECKING:
    from core.settings import MetricSettings
    from gui.notifications import Notifier
    from gui.scheduler import JobRunner
    from gui.tray import TrayIcon
    from storage.db import Store

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 5_000
TRAY_WAIT_S = 10.0
"""Started in the tray (at login): how long to wait for a tray before showing the window."""

ORGANIZATION = "Account Health Monitor"
ORGANIZATION_DOMAIN = "account-health-monitor.local"


GIL_SWITCH_S = 0.001
"""How long a thread may hold the GIL while another waits (Python's default: 5 ms). Each
Python slot or data() call the window makes while a worker builds a large page waits up to
this long for the GIL: at 5 ms, a repaint of a table could stall ~100 ms (issue 12)."""


def configure_application(app: QApplication) -> None:
    sys.setswitchinterval(GIL_SWITCH_S)
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setDesktopFileName("account-health-monitor")


class AppShell:
    """Window + tray + JobRunner + Notifier, started and stopped together."""

    def __init__(
        self,
        store: Store | None,
        clock: Callable[[], datetime],
        *,
        tray_available: bool | None = None,
        with_jobs: bool = True,
    ) -> None:
        """With `store=None` only the window frame is built; `attach_store` does the rest."""
        self.store: Store | None = None
        self.clock = clock
        self._stopped = False
        self._with_jobs = with_jobs
        self._jobs_paused = False
        self.bridge = Bridge()
        self.window = MainWindow(None, self.bridge, clock)
        self.window.quit_requested.connect(self.quit)
        self._tray_available = tray_available
        self.tray: TrayIcon | None = None
        self.runner: JobRunner | None = None
        self.notifier: Notifier | None = None
        self.window.screen_built.connect(self._on_screen_built)
        if store is not None:
            self.attach_store(store)

    def attach_store(self, store: Store, *, tray_available: bool | None = None) -> None:
        """The database is open: screens, tray and background jobs."""
        self.store = store
        if tray_available is not None:
            self._tray_available = tray_available
        self.window.attach_store(store)
        if self._tray_available is None:
            from PySide6.QtWidgets import QSystemTrayIcon

            self._tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(not self._tray_available)
        self.window.keep_in_tray = self._tray_available
        if self._tray_available:
            from gui.tray import TrayIcon

            self.tray = TrayIcon(self.window, self.bridge, self.clock)
            self.tray.quit_handler = self.window.request_quit
            self.window.tray = self.tray
        if self._with_jobs and not store.read_only:  # read-only: nothing to write, no jobs
            self._make_jobs(store)

    def _make_jobs(self, store: Store) -> None:
        """Background jobs, and the notifier that turns their alerts into tray messages."""
        from gui.notifications import Notifier

        self._set_runner(self._new_runner(store))
        self.bridge.settings_changed.connect(self._reschedule)
        self.notifier = Notifier(store, self.bridge, self.tray, self.clock)
        if self.tray is not None:
            self.tray.pause_handler = self.notifier.pause

    def _new_runner(self, store: Store) -> JobRunner:
        from gui.scheduler import JobRunner

        return JobRunner(store, self.bridge, self.clock)

    def _set_runner(self, runner: JobRunner | None) -> None:
        """The health feed recomputes through the runner's job while one runs."""
        self.runner = runner
        self.window.health_feed.runner = runner

    def _reschedule(self) -> None:
        """A new weekly-review day or hour takes effect now, not at the next start."""
        from services.jobs import schedule_settings

        def apply(settings: MetricSettings) -> None:
            if self.runner is not None:
                self.runner.reschedule(settings)

        self.window.ops.query(schedule_settings, apply, parent=self.window)

    def _on_screen_built(self, name: str, view: QWidget) -> None:
        """A restore replaces the database file: Settings stops the jobs first, then restarts."""
        if name != "settings":  # the Settings module loads only when its screen is built
            return
        from gui.views.settings import SettingsView

        if isinstance(view, SettingsView):
            view.before_restore = self.pause_jobs
            view.after_restore = self.resume_jobs

    def pause_jobs(self) -> None:
        """Stop the background jobs and wait for running ones (no thread holds the file)."""
        self.window.live_refresh.stop()
        self._jobs_paused = self.runner is not None
        if self.runner is not None:
            try:
                self.runner.shutdown(wait=True)
            except Exception:
                log.exception("stopping background jobs failed")
            self._set_runner(None)

    def resume_jobs(self) -> None:
        """Start fresh background jobs after pause_jobs() (an APScheduler is not restartable)."""
        if self.store is not None and not self.store.read_only:
            self.window.live_refresh.start()
        if not self._jobs_paused or self.runner is not None or self.store is None:
            return
        self._jobs_paused = False
        try:
            runner = self._new_runner(self.store)
            runner.start()
            self._set_runner(runner)
        except Exception:
            log.exception("restarting background jobs failed")
            self.bridge.job_failed.emit(
                "recompute", "Background jobs could not restart after the restore; restart the app."
            )

    def start(self, *, show_window: bool = True) -> None:
        if self.tray is not None:
            self.tray.show()
        if show_window:
            self.window.show_window()
        # Numbers and jobs right after the window is on screen, not before.
        QTimer.singleShot(0, self._after_show)

    def _after_show(self) -> None:
        """The first numbers, off the GUI thread: the runner's start-up catch-up
        recomputes, or without jobs the health feed does."""
        if self._stopped:
            return
        if self.runner is not None:
            self.runner.start()
        else:
            self.window.health_feed.request()

    def quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """Stop jobs and background tasks (no thread left behind), hide the tray, close."""
        from gui.operations import wait_idle

        self._stopped = True
        if self.store is not None:
            self.window.live_refresh.stop()
        if self.runner is not None:
            try:
                self.runner.shutdown()
            except Exception:
                log.exception("stopping background jobs failed")
            self._set_runner(None)
        imports = self.window.screens.get("imports")
        if imports is not None and hasattr(imports, "shutdown"):
            imports.shutdown()
        if self.store is not None and not wait_idle(SHUTDOWN_WAIT_MS):
            log.warning("background tasks still running at shutdown")
        if self.tray is not None:
            self.tray.hide()
        if self.store is not None:
            self.store.close()


class StoreRefused(Exception):
    """The database cannot be opened (too new, a failed migration, no access): one sentence.

    `backup` is the newest backup when the file is damaged: the dialog offers it.
    """

    def __init__(self, sentence: str, backup: Path | None = None) -> None:
        super().__init__(sentence)
        self.backup = backup


def restore_offered(parent: QWidget, refused: StoreRefused, db_path: Path) -> bool:
    """Show why the database cannot be opened; True when the seller restored the backup
    offered (the damaged file is kept whole in the backups folder)."""
    from PySide6.QtWidgets import QMessageBox

    if refused.backup is None:
        QMessageBox.critical(parent, APP_TITLE, str(refused))
        return False
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, str(refused), parent=parent)
    restore_button = box.addButton("&Restore the newest backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore_button:
        return False
    from core.clock import system_clock
    from storage.backup import RestoreRefused, default_backup_dir, restore

    try:
        kept = restore(db_path, refused.backup, default_backup_dir(db_path), system_clock())
    except (RestoreRefused, OSError) as exc:
        QMessageBox.critical(parent, APP_TITLE, str(exc))
        return False
    log.warning("restored %s over a damaged database; the damaged file is %s", refused.backup, kept)
    return True


def after_first_paint(window: QWidget, then: Callable[[], None], *, limit_s: float = 2.0) -> None:
    """Call `then` once the window is on screen and painted (or after `limit_s` anyway).

    A zero-delay timer alone can fire before the window server maps the window; the
    heavy start-up work would then run in front of an unpainted frame.
    """
    deadline = time.monotonic() + limit_s

    def check() -> None:
        handle = window.windowHandle()
        exposed = handle is not None and handle.isExposed()
        if exposed or not window.isVisible() or time.monotonic() > deadline:
            QTimer.singleShot(0, then)  # after the paint that the expose event queued
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


def wait_for_tray(
    then: Callable[[bool], None],
    *,
    wait_s: float,
    available: Callable[[], bool] | None = None,
    poll_ms: int = 250,
) -> None:
    """Call `then(True)` once a system tray exists, or `then(False)` after `wait_s`.

    Started at login, the app may come up before the panel that hosts the tray.
    """
    if available is None:
        from PySide6.QtWidgets import QSystemTrayIcon

        available = QSystemTrayIcon.isSystemTrayAvailable
    deadline = time.monotonic() + wait_s

    def check() -> None:
        found = available()
        if found or time.monotonic() >= deadline:
            then(found)
        else:
            QTimer.singleShot(poll_ms, check)

    check()


def run_app(
    db_path: Path,
    open_store: Callable[[], Store],
    clock: Callable[[], datetime],
    argv: Sequence[str],
    *,
    tray_only: bool = False,
) -> int:
    """Start the desktop app; returns the exit code (0 when a copy is already running).

    `open_store` runs after the window is painted, in a worker thread (gui.store_opening),
    so it must not touch widgets; a `StoreRefused` from it is shown in a dialog and the
    app exits with 1. With `tray_only` (start at login) no window
    opens unless no tray turns up within TRAY_WAIT_S: the app is never invisible.
    """
    from gui.single_instance import SingleInstance, private_dir, server_name

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv))
    configure_application(app)
    instance = SingleInstance(server_name(db_path), folder=private_dir(db_path.parent))
    if not instance.acquire(listen=False):
        log.info("another instance is running; asked it to show its window")
        return 0
    shell = AppShell(None, clock)
    instance.raise_requested.connect(shell.window.show_window)
    if not tray_only:
        shell.window.show_window()

    def finish_start() -> None:
        from gui.app_icon import app_icon

        app.setWindowIcon(app_icon())  # after the paint: the icon costs ~4 ms to load
        instance.listen()
        opening.start()

    def opened(store: Store | None, error: Exception | None) -> None:
        """On the GUI thread: the store, or the sentence why not (a restore retries once)."""
        if error is not None and not isinstance(error, StoreRefused):
            raise error  # a bug: the crash reporter shows it, as before
        if isinstance(error, StoreRefused):
            if retried:  # the restored file failed too: the sentence, no second offer
                restore_offered(shell.window, StoreRefused(str(error)), db_path)
            elif restore_offered(shell.window, error, db_path):
                retried.append(True)
                opening.start()
                return
            app.exit(1)
            return
        assert store is not None
        if tray_only:
            wait_for_tray(lambda found: begin(store, found), wait_s=TRAY_WAIT_S)
        else:
            begin(store, None)

    def begin(store: Store, tray_found: bool | None) -> None:
        shell.attach_store(store, tray_available=tray_found)
        shell.start(show_window=tray_only and shell.tray is None)
        collector.start()  # the start-up heap is built: freeze it
        warm_screens()
        shell.bridge.metrics_changed.connect(lambda _health: trim_in_background())

    def idle() -> bool:
        from gui.operations import pending_tasks

        jobs = shell.runner._running if shell.runner is not None else ()  # names of jobs running
        return pending_tasks() == 0 and not jobs

    collector = CollectWhenIdle(idle)

    retried: list[bool] = []
    opening = StoreOpening(db_path, open_store, opened)
    opening.updating.connect(shell.window.show_updating)
    after_first_paint(shell.window, finish_start)
    try:
        return int(app.exec())
    finally:
        collector.stop()
        shell.shutdown()
        instance.release()
