"""The seller's own review-request text, checked live by the reply checker.

Amazon's Request a Review button sends Amazon's own words; a seller who asks by buyer
message instead keeps the text here. The checker flags an incentive, a request for a
positive review, or a request conditioned on the buyer's satisfaction, among the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.models.findings_model import FindingsModel, check_reply
from gui.views.reply_pane import BAD_STYLE, DEBOUNCE_MS, OK_STYLE, OK_TEXT

HINT = (
    "Optional: the text you send when you ask by buyer message instead of the Request a "
    "Review button (one request per order either way). It is checked as you type."
)
PLACEHOLDER = (
    "Hello, thank you for your order. If you have a moment, we would appreciate a review "
    "of the product and of our service on Amazon."
)


class RequestTextPane(QWidget):
    """Edit, check, keep (`save` hands the text to the screen) and copy the request text."""

    def __init__(self, save: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._stored = ""
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Review request text")
        self.editor.setPlaceholderText(PLACEHOLDER)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.findings_model = FindingsModel(self)
        self.findings_view = QListView(self)
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setWordWrap(True)
        self.findings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_view.setMaximumHeight(90)
        self.findings_view.hide()
        self.save_button = QPushButton("&Keep text", self)
        self.save_button.clicked.connect(self.keep)
        self.copy_button = QPushButton("Copy te&xt", self)
        self.copy_button.clicked.connect(self.copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addWidget(self.editor, 1)
        lay.addWidget(self.findings_view)
        lay.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.check_now)
        self.editor.textChanged.connect(self.timer.start)
        self._sync_buttons()

    def load(self, text: str) -> None:
        """The stored text; an edit the seller has not kept yet stays."""
        if self.editor.toPlainText() == self._stored:
            self.editor.setPlainText(text)
        self._stored = text
        self.check_now()

    def check_now(self) -> int:
        """Check the text; returns the number of findings."""
        self.timer.stop()
        text = self.editor.toPlainText()
        findings = check_reply(text) if text.strip() else []
        self.findings_model.set_items(findings)
        self.findings_view.setVisible(bool(findings))
        if not text.strip():
            self.status.setText("")
        elif findings:
            n = len(findings)
            self.status.setText(f"\u26a0 {n} {'problem' if n == 1 else 'problems'}: fix them first")
            self.status.setStyleSheet(BAD_STYLE)
        else:
            self.status.setText(OK_TEXT)
            self.status.setStyleSheet(OK_STYLE)
        self._sync_buttons()
        return len(findings)

    def _sync_buttons(self) -> None:
        text = self.editor.toPlainText()
        self.save_button.setEnabled(text != self._stored)
        self.copy_button.setEnabled(bool(text.strip()))

    def keep(self) -> None:
        """Keep the text even with findings: the seller may still be working on it."""
        self.check_now()
        self._stored = self.editor.toPlainText()
        self._save(self._stored)
        self._sync_buttons()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
