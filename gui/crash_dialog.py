"""The dialog of an unexpected error: what happened in plain words, copy details, open the log.

Not modal: the app keeps running behind it (the tray, the jobs, the window).
Errors that arrive while it is open are counted in it rather than stacked
(gui.crash.CrashReporter calls `add_report`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.version import APP_NAME
from gui.app_icon import app_icon
from gui.crash import CrashReport, log_file
from gui.program_info import Opener, icon_header, open_folder, versions_text


class CrashDialog(QDialog):
    """One report, its traceback, and the two things a seller can do with it."""

    def __init__(
        self,
        report: CrashReport,
        *,
        log_path: Path | None = None,
        opener: Opener = open_folder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reports = [report]
        self._log_path = log_path if log_path is not None else log_file()
        self._opener = opener
        self.setWindowTitle(f"{APP_NAME}: something went wrong")
        self.setWindowIcon(app_icon())
        self.setModal(False)
        self.resize(620, 420)
        lay = QVBoxLayout(self)
        lay.addLayout(icon_header(f"<b>Something went wrong {escape(report.where)}.</b>"))
        where = f" ({self._log_path})" if self._log_path is not None else ""
        outcome = (
            "The app has to stop; start it again."
            if report.fatal
            else "The app keeps running, but what it was doing at that moment may not have "
            "finished. If the numbers look wrong, quit and start it again."
        )
        self.message = QLabel(
            f"The program met an error it did not expect: {escape(report.summary)}. "
            f"It was written to the log{escape(where)}. {outcome} If it happens again, "
            "copy the details and send them to whoever looks after your installation."
        )
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.message)
        self.more = QLabel()
        self.more.setWordWrap(True)
        self.more.setTextFormat(Qt.TextFormat.RichText)
        self.more.hide()
        lay.addWidget(self.more)
        self.details = QPlainTextEdit(report.traceback)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName("Error details")
        lay.addWidget(self.details, 1)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.clicked.connect(self.copy_details)
        self.log_button = QPushButton("Open &log folder")
        self.log_button.clicked.connect(self.open_log_folder)
        self.log_button.setEnabled(self._log_path is not None)
        self.close_button = QPushButton("Close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        lay.addWidget(buttons)

    def add_report(self, report: CrashReport) -> None:
        """Another unexpected error while this dialog is open: counted, its details added."""
        self.reports.append(report)
        extra = len(self.reports) - 1
        self.more.setText(
            f"{extra} more unexpected error{'s' if extra != 1 else ''} happened since "
            f"(the latest {escape(report.where)}: {escape(report.summary)}); "
            "they are in the log and in the details."
        )
        self.more.show()
        self.details.setPlainText(self._tracebacks())

    def _tracebacks(self) -> str:
        return "\n\n".join(f"Error {r.where}:\n{r.traceback}" for r in self.reports)

    def details_text(self) -> str:
        """What Copy details puts on the clipboard: every traceback, then the versions."""
        where = f"Log file: {self._log_path}\n" if self._log_path is not None else ""
        return f"{self._tracebacks()}\n\n{versions_text()}\n{where}"

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText("&Copied")

    def open_log_folder(self) -> None:
        if self._log_path is not None:
            self._opener(self._log_path.parent)
