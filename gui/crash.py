"""Crash reports: an error nobody expected is logged with its traceback and shown once.

`CrashReporter.install()` takes over `sys.excepthook` (the GUI thread, including
exceptions PySide6 meets in slots and virtual overrides) and `threading.excepthook`
(Python threads); the background jobs and tasks call `report_bug` for failures that
are bugs rather than the expected kind (`is_bug`). Every report goes to the log; a
dialog (gui.crash_dialog, loaded on the first crash) says what happened, once per
kind of error (type + where it was raised), with one dialog open at a time: errors
arriving while it is open are counted in it, never stacked. The app keeps running.

Light on purpose: it is installed before the first paint, so no dataclasses, no
widgets and no `Qt` namespace here.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
Key = tuple[str, str, int]

BUG_TYPES = (
    TypeError,
    AttributeError,
    NameError,
    LookupError,
    ArithmeticError,
    AssertionError,
    RuntimeError,
    ImportError,
)
"""Python's own errors for mistakes in the code. Our exception classes (and OSError,
SQLite's, a plain ValueError with a sentence) are failures the code expected."""

GUI_THREAD = "in the window"


def is_bug(exc: BaseException) -> bool:
    """A programming error (a KeyError, a TypeError...), not a failure the code foresaw."""
    return type(exc).__module__ == "builtins" and isinstance(exc, BUG_TYPES)


LOG_HANDLER = "account-health-log"
"""The name main.configure_logging gives the log file's handler."""


def log_file() -> Path | None:
    """The file the log goes to (main.configure_logging's handler), if there is one."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler) and handler.get_name() == LOG_HANDLER:
            return Path(handler.baseFilename)
    return None


class CrashReport:
    """One unexpected error: where it happened, its one-line summary and its traceback."""

    def __init__(self, info: ExcInfo, where: str, *, fatal: bool = False) -> None:
        exc_type, exc, tb = info
        self.where = where
        self.fatal = fatal  # the app ends after it (the dialog must not say it keeps running)
        self.type_name = exc_type.__qualname__
        message = str(exc).strip()
        self.summary = f"{self.type_name}: {message}" if message else self.type_name
        self.traceback = "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()
        frames = traceback.extract_tb(tb) if tb is not None else []
        last = frames[-1] if frames else None
        self.location = f"{Path(last.filename).name}:{last.lineno}" if last else "unknown"
        self.key: Key = (
            f"{exc_type.__module__}.{self.type_name}",
            last.filename if last else "",
            (last.lineno or 0) if last else 0,
        )


class CrashReporter(QObject):
    """Receives reports from any thread and shows them in the GUI thread."""

    reported = Signal(object)  # CrashReport; from another thread Qt queues it to ours

    def __init__(
        self,
        make_dialog: Callable[[CrashReport], QDialog] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`make_dialog` builds the dialog (tests inject one); default gui.crash_dialog."""
        super().__init__(parent)
        self._make_dialog = make_dialog
        self._lock = threading.Lock()
        self._seen: dict[Key, int] = {}
        self.dialog: QDialog | None = None
        self.shown: list[CrashReport] = []  # every report that got a dialog, in order
        self._previous: tuple[object, object] | None = None
        self.reported.connect(self._later)

    # --- reporting (any thread) ------------------------------------------------------

    def report(self, exc: BaseException, where: str) -> None:
        """Log `exc` with its traceback and show it once (a repeat is one log line)."""
        self.report_info((type(exc), exc, exc.__traceback__), where)

    def report_info(self, info: ExcInfo, where: str) -> None:
        report = self._record(info, where)
        if report is not None:
            self.reported.emit(report)

    def _record(self, info: ExcInfo, where: str, *, fatal: bool = False) -> CrashReport | None:
        """Log the error; the report when this kind was not seen before (else None)."""
        report = CrashReport(info, where, fatal=fatal)
        with self._lock:
            count = self._seen.get(report.key, 0) + 1
            self._seen[report.key] = count
        if count > 1 and not fatal:
            if not _worth_a_line(count):
                return None
            log.error(
                "unexpected error %s again (%s at %s, %d times)",
                where,
                report.summary,
                report.location,
                count,
            )
            return None
        log.error("unexpected error %s", where, exc_info=info)
        return report

    def fatal(self, exc: BaseException, where: str) -> None:
        """An error that ends the app: logged, and shown in a dialog that waits to be read."""
        report = self._record((type(exc), exc, exc.__traceback__), where, fatal=True)
        from PySide6.QtWidgets import QApplication

        if report is None or not isinstance(QApplication.instance(), QApplication):
            return  # no GUI to show it in: the log (and stderr) have it
        try:
            self._build(report).exec()
        except Exception:
            log.exception("the crash dialog could not be shown")

    # --- showing (GUI thread) --------------------------------------------------------

    def _later(self, report: CrashReport) -> None:
        """Never build the dialog inside the hook that caught the error: from the loop."""
        QTimer.singleShot(0, lambda: self._show(report))

    def _show(self, report: CrashReport) -> None:
        if self.dialog is not None:
            add = getattr(self.dialog, "add_report", None)
            if callable(add):
                add(report)
            return
        try:
            dialog = self._build(report)
        except Exception:  # a broken dialog must not become the next crash report
            log.exception("the crash dialog could not be shown")
            return
        self.dialog = dialog
        self.shown.append(report)
        dialog.finished.connect(self._closed)
        dialog.show()
        dialog.raise_()

    def _build(self, report: CrashReport) -> QDialog:
        if self._make_dialog is not None:
            return self._make_dialog(report)
        from gui.crash_dialog import CrashDialog

        return CrashDialog(report)

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    # --- hooks -----------------------------------------------------------------------

    def install(self) -> None:
        """Become the process's handler of uncaught exceptions (and `report_bug`'s target)."""
        global _current
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        _current = self

    def uninstall(self) -> None:
        global _current
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None
        if _current is self:
            _current = None

    def _sys_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report_info((exc_type, exc, tb), GUI_THREAD)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "unnamed"
        self.report_info(
            (args.exc_type, args.exc_value, args.exc_traceback), f"in the thread {name}"
        )


_current: CrashReporter | None = None


def report_bug(exc: BaseException, where: str) -> bool:
    """Hand a caught bug to the installed reporter; False when none is installed."""
    reporter = _current
    if reporter is None:
        return False
    reporter.report(exc, where)
    return True


def _worth_a_line(count: int) -> bool:
    """Repeats are logged at 2, 3, ... 10, then 20, 30 ... 100, 200 ...: a slot that fails
    50 times a second must not fill the rotating log and push out the days before it."""
    step: int = 10 ** max(0, len(str(count)) - 1)
    return count % step == 0
