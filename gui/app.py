"""The desktop app: QApplication, single instance, window, tray, background jobs.

`run_app` is what main.py calls. `AppShell` holds the parts so tests can build
the app without entering the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from gui.bridge import Bridge
from gui.main_window import APP_TITLE, MainWindow
from gui.notifications import Notifier
from gui.scheduler import JobRunner
from gui.single_instance import SingleInstance, server_name

log = logging.getLogger(__name__)

ORGANIZATION = "Account Health Monitor"
ORGANIZATION_DOMAIN = "account-health-monitor.local"


def configure_application(app: QApplication) -> None:
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setDesktopFileName("account-health-monitor")


class AppShell:
    """Window + tray + JobRunner + Notifier, started and stopped together."""

    def __init__(
        self,
        store: Any,
        clock: Callable[[], datetime],
        *,
        tray_available: bool | None = None,
        with_jobs: bool = True,
    ) -> None:
        self.store = store
        self.clock = clock
        self._stopped = False
        self.bridge = Bridge()
        self.window = MainWindow(store, self.bridge, clock)
        self.window.quit_requested.connect(self.quit)
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: Any = None
        self.runner: Any = None
        self.notifier: Any = None
        app = QApplication.instance()
        if tray_available:
            from gui.tray import TrayIcon

            self.tray = TrayIcon(self.window, self.bridge, clock)
            self.tray.quit_handler = self.window.request_quit
            self.window.tray = self.tray
            self.window.keep_in_tray = True
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(not tray_available)
        if with_jobs:
            self._make_jobs()
        self._wire_restore()

    def _make_jobs(self) -> None:
        """Background jobs, and the notifier that turns their alerts into tray messages."""
        self.runner = JobRunner(self.store, self.bridge, self.clock)
        self.bridge.settings_changed.connect(self._reschedule)
        self.notifier = Notifier(self.store, self.bridge, self.tray, self.clock)
        if self.tray is not None:
            self.tray.pause_handler = self.notifier.pause

    def _reschedule(self) -> None:
        """A new weekly-review day or hour takes effect now, not at the next start."""
        if self.runner is not None:
            self.runner.reschedule()

    def _wire_restore(self) -> None:
        """A restore replaces the database file: Settings stops the jobs first, then restarts."""
        self.window.screen_built.connect(self._on_screen_built)

    def _on_screen_built(self, name: str, view: Any) -> None:
        if name == "settings" and hasattr(view, "before_restore"):
            view.before_restore = self.pause_jobs
            view.after_restore = self.resume_jobs

    def pause_jobs(self) -> None:
        """Stop the background jobs and wait for running ones (no thread holds the file)."""
        self._jobs_paused = self.runner is not None
        if self.runner is not None:
            try:
                self.runner.shutdown(wait=True)
            except Exception:
                log.exception("stopping background jobs failed")
            self.runner = None

    def resume_jobs(self) -> None:
        """Start fresh background jobs after pause_jobs() (an APScheduler is not restartable)."""
        if not getattr(self, "_jobs_paused", False) or self.runner is not None:
            return
        self._jobs_paused = False
        try:
            self.runner = JobRunner(self.store, self.bridge, self.clock)
            self.runner.start()
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
        if self._stopped:
            return
        if self.runner is not None:
            self.runner.start()  # its start-up catch-up recomputes, off the GUI thread
        else:
            self.recompute()

    def recompute(self) -> None:
        """Numbers at startup, so the tray and dashboard agree from the first second."""
        from storage.health import compute_health, record_snapshot

        try:
            now = self.clock()
            health = compute_health(self.store.db, now, cipher=self.store.cipher)
            record_snapshot(self.store.db, health, now)
        except Exception as exc:
            log.exception("startup recalculation failed")
            self.bridge.job_failed.emit("recompute", f"The numbers could not be computed: {exc}")
            return
        self.bridge.metrics_changed.emit(health)

    def quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """Stop jobs (no thread left behind), hide the tray, close our connection."""
        self._stopped = True
        if self.runner is not None:
            try:
                self.runner.shutdown()
            except Exception:
                log.exception("stopping background jobs failed")
            self.runner = None
        imports = self.window.screens.get("imports")
        if imports is not None and hasattr(imports, "shutdown"):
            imports.shutdown()
        if self.tray is not None:
            self.tray.hide()
        self.store.close()


def run_app(store: Any, clock: Callable[[], datetime], argv: Sequence[str]) -> int:
    """Start the desktop app; returns the exit code (0 when a copy is already running)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv))
    configure_application(app)
    instance = SingleInstance(server_name(store.path))
    if not instance.acquire():
        log.info("another instance is running; asked it to show its window")
        return 0
    shell = AppShell(store, clock)
    instance.raise_requested.connect(shell.window.show_window)
    shell.start()
    try:
        return int(app.exec())
    finally:
        shell.shutdown()
        instance.release()
