"""Crash reports: an unexpected error in a slot, a job or a task is logged and shown once.

pytest-qt turns exceptions in Qt slots into test failures by taking over
sys.excepthook during each test; these tests install our hook instead, so they
carry `qt_no_exception_capture` and check the outcome themselves.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from gui.crash import CrashReporter, is_bug, report_bug
from gui.crash_dialog import CrashDialog

pytestmark = pytest.mark.qt_no_exception_capture


class Reporter(CrashReporter):
    """Our reporter with the dialog's log path and folder opener pointed at the test."""

    def __init__(self, log_path: Path) -> None:
        self.opened: list[Path] = []
        super().__init__(lambda r: CrashDialog(r, log_path=log_path, opener=self.opened.append))


@pytest.fixture
def reporter(qapp: Any, tmp_path: Path) -> Iterator[Reporter]:
    r = Reporter(tmp_path / "logs" / "account-health.log")
    r.install()
    yield r
    r.uninstall()
    if r.dialog is not None:
        r.dialog.close()
    QApplication.processEvents()


def boom() -> None:
    {}["missing"]  # noqa: B018 - the bug under test: a KeyError nobody expected


def shown(qtbot: Any, reporter: Reporter, count: int = 1) -> CrashDialog:
    qtbot.waitUntil(lambda: len(reporter.shown) >= count, timeout=5000)
    dialog = reporter.dialog
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    return dialog


def test_an_error_in_a_slot_is_logged_and_shown_and_the_app_goes_on(
    qtbot: Any, reporter: Reporter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="gui.crash")
    QTimer.singleShot(0, boom)
    dialog = shown(qtbot, reporter)
    assert dialog.windowTitle() == "Account Health Monitor: something went wrong"
    assert not dialog.isModal()
    text = dialog.message.text()
    assert "did not expect: KeyError" in text
    assert "The app keeps running" in text
    assert "Traceback" in dialog.details.toPlainText() and "boom" in dialog.details.toPlainText()
    record = next(r for r in caplog.records if r.name == "gui.crash")
    assert record.getMessage() == "unexpected error in the window"
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert "Traceback" in caplog.text and 'in boom\n    {}["missing"]' in caplog.text

    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(True))  # the event loop still runs
    qtbot.waitUntil(lambda: ran == [True])


def test_the_same_error_twice_is_one_dialog_and_a_short_log_line(
    qtbot: Any, reporter: Reporter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="gui.crash")
    button = QPushButton("Crash")
    qtbot.addWidget(button)
    button.clicked.connect(boom)
    button.click()
    dialog = shown(qtbot, reporter)
    dialog.close()
    qtbot.waitUntil(lambda: reporter.dialog is None)
    button.click()  # the same type at the same place: logged, not shown again
    qtbot.wait(50)
    assert len(reporter.shown) == 1 and reporter.dialog is None
    again = [r.getMessage() for r in caplog.records if "again" in r.getMessage()]
    assert len(again) == 1 and "KeyError: 'missing' at test_crash.py:" in again[0]
    assert caplog.text.count("Traceback") == 1


def test_errors_while_the_dialog_is_open_are_counted_in_it(qtbot: Any, reporter: Reporter) -> None:
    QTimer.singleShot(0, boom)
    dialog = shown(qtbot, reporter)
    QTimer.singleShot(0, lambda: 1 / 0)
    QTimer.singleShot(0, lambda: [][1])
    qtbot.waitUntil(lambda: len(dialog.reports) == 3)
    assert len(reporter.shown) == 1  # still one dialog
    visible = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]
    assert [w for w in visible if w.isVisible()] == [dialog]
    assert dialog.more.text().startswith("2 more unexpected errors happened since")
    details = dialog.details.toPlainText()
    assert "ZeroDivisionError" in details and "IndexError" in details


def test_copy_details_and_open_log_folder(qtbot: Any, reporter: Reporter, tmp_path: Path) -> None:
    QTimer.singleShot(0, boom)
    dialog = shown(qtbot, reporter)
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied == dialog.details_text()
    assert "Traceback" in copied and "KeyError: 'missing'" in copied
    for name in ("Account Health Monitor", "Qt", "PySide6", "SQLite", "Python"):
        assert f"\n{name} " in copied
    assert f"Log file: {tmp_path / 'logs' / 'account-health.log'}" in copied
    dialog.log_button.click()
    assert reporter.opened == [tmp_path / "logs"]


def test_an_error_in_a_job_thread_is_shown_and_an_expected_failure_stays_a_sentence(
    qtbot: Any, reporter: Reporter, store: Any, bridge: Any, clock: Any
) -> None:
    from gui.scheduler import JobRunner

    sentences: list[tuple[str, str]] = []
    bridge.job_failed.connect(lambda job, text: sentences.append((job, text)))
    runner = JobRunner(store, bridge, clock)
    threads: list[str] = []

    def buggy_purge() -> None:
        threads.append(threading.current_thread().name)
        boom()

    def full_disk() -> None:
        raise OSError(28, "No space left on device")

    runner.jobs["purge"] = buggy_purge
    runner.jobs["backup"] = full_disk
    runner.scheduler.start()  # real worker threads, without the periodic jobs
    try:
        runner.run_now("purge")
        dialog = shown(qtbot, reporter)
        assert threads and threads[0] != threading.main_thread().name
        assert dialog.reports[0].where == "in a background job (erasing old buyer data)"
        runner.run_now("backup")
        qtbot.waitUntil(lambda: len(sentences) == 1)
    finally:
        runner.shutdown(wait=True)
    assert sentences[0][0] == "backup"
    assert "No space left on device" in sentences[0][1]
    assert len(reporter.shown) == 1 and len(dialog.reports) == 1  # the OSError is no crash


def test_an_error_in_a_python_thread_is_shown(qtbot: Any, reporter: Reporter) -> None:
    thread = threading.Thread(target=boom, name="watcher")
    thread.start()
    thread.join()
    dialog = shown(qtbot, reporter)
    assert dialog.reports[0].where == "in the thread watcher"


def test_background_tasks_report_bugs_and_keep_sentences_for_failures(
    qtbot: Any, reporter: Reporter, store: Any, bridge: Any, settle: Any
) -> None:
    from gui.operations import Ops

    sentences: list[str] = []
    bridge.job_failed.connect(lambda _job, text: sentences.append(text))
    ops = Ops(store, bridge)

    def locked(_store: Any) -> None:
        raise OSError("database is locked")

    ops.query(locked, lambda _r: None)
    settle()
    assert sentences == ["Something could not be done (database is locked)."]
    assert reporter.shown == []

    ops.query(lambda _store: boom(), lambda _r: None)
    settle()
    dialog = shown(qtbot, reporter)
    assert dialog.reports[0].where == "in a background task"
    ops.query(lambda _store: 7, lambda result: [][result])  # the screen's callback is buggy
    settle()
    qtbot.waitUntil(lambda: len(dialog.reports) == 2)
    assert dialog.reports[1].where == "while showing the result of a background task"
    assert len(sentences) == 1


def test_what_counts_as_a_bug() -> None:
    from gui.desktop.files import NotOurFile
    from storage.keys import KeyUnavailable

    assert is_bug(KeyError("x")) and is_bug(TypeError()) and is_bug(AttributeError())
    assert is_bug(ZeroDivisionError()) and is_bug(RuntimeError("C++ object deleted"))
    assert not is_bug(OSError("disk full")) and not is_bug(ValueError("a sentence"))
    assert not is_bug(KeyUnavailable("locked")) and not is_bug(NotOurFile(Path("x")))
    import sqlite3

    assert not is_bug(sqlite3.OperationalError("database is locked"))


def test_without_a_reporter_report_bug_says_so(qapp: Any) -> None:
    assert report_bug(KeyError("x"), "nowhere") is False


def test_an_error_that_ends_the_start_is_shown_before_the_app_stops(
    qtbot: Any, reporter: Reporter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="gui.crash")
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, CrashDialog):
            seen.append(box.message.text())
            box.accept()
        else:
            QTimer.singleShot(10, read_and_close)

    QTimer.singleShot(0, read_and_close)
    try:
        boom()
    except KeyError as exc:
        reporter.fatal(exc, "while the app was starting or stopping")
    assert len(seen) == 1 and "The app has to stop" in seen[0]
    assert not isinstance(QApplication.activeModalWidget(), QMessageBox)
    assert "unexpected error while the app was starting or stopping" in caplog.text


def test_launch_reports_an_error_that_escapes_the_start_and_exits_1(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import gui.app
    from gui.launch import launch

    before = sys.excepthook
    fatal: list[tuple[str, str]] = []
    monkeypatch.setattr(gui.app, "run_app", lambda *a, **k: boom())
    monkeypatch.setattr(
        CrashReporter, "fatal", lambda self, exc, where: fatal.append((type(exc).__name__, where))
    )
    assert launch(tmp_path / "x.sqlite3", lambda: None) == 1
    assert fatal == [("KeyError", "while the app was starting or stopping")]
    assert sys.excepthook is before  # the hooks are handed back
