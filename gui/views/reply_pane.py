"""Draft a reply and check it live against Amazon's communication guidelines.

The app never sends anything: the seller copies the checked text and pastes it into
Seller Central. Findings come from core.reply_check (the same checker as the CLI), each
with its words highlighted in the draft and a one-line fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.models.findings_model import (
    HIGHLIGHT_LINE,
    FindingsModel,
    check_reply,
)
from gui.operations import Ops
from services.changes import Changes
from services.reply_templates import ORDER_ID_FIELD, ReplyTemplate, reply_templates

if TYPE_CHECKING:
    from core.reply_check import Finding

DEBOUNCE_MS = 300
"""Check after the seller pauses typing, not on every key."""

HIGHLIGHT_BG = QColor("#fde2e2")
OK_TEXT = "\u2714 Follows Amazon's guidelines"
OK_STYLE = "color: #137333; font-weight: bold;"
BAD_STYLE = "color: #9f1c1c; font-weight: bold;"
COPY_NOTE = "The app never sends messages: copy the reply and paste it into Seller Central."


class ReplyPane(QWidget):
    """A draft box, a saved-reply picker, the live findings and a copy button."""

    checked = Signal(int)  # number of findings after each check
    edit_templates_requested = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._order_id = ""
        self._ref = ""
        self._drafts: dict[str, str] = {}  # one draft per inbox item, kept while the app runs
        self._findings: list[Finding] = []
        self.findings_model = FindingsModel(self)

        self.template_combo = QComboBox(self)
        self.template_combo.setAccessibleName("Saved replies")
        self.template_combo.activated.connect(self._on_template_picked)
        self.templates_button = QPushButton("&Templates\u2026", self)
        self.templates_button.setToolTip("Add, edit or delete saved replies")
        self.templates_button.clicked.connect(self.edit_templates_requested)
        self.context_label = QLabel(self)
        self.context_label.setStyleSheet("font-weight: bold;")
        self.context_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.template_combo, 1)
        top.addWidget(self.templates_button)

        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Reply draft")
        self.editor.setPlaceholderText(
            "Draft your reply here, or pick a saved reply above. It is checked as you type."
        )
        self.editor.textChanged.connect(self._schedule_check)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.findings_view = QListView(self)
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setWordWrap(True)
        self.findings_view.setAlternatingRowColors(True)
        self.findings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_view.clicked.connect(self._select_finding)
        self.findings_view.setMaximumHeight(110)
        self.copy_button = QPushButton("&Copy reply", self)
        self.copy_button.setToolTip(COPY_NOTE)
        self.copy_button.clicked.connect(self.copy_reply)
        note = QLabel(COPY_NOTE, self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(self.copy_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.context_label)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.findings_view)
        layout.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.check_now)
        self.reload_templates()
        ops.bridge.changed.connect(self._on_changed)
        self.set_context("", "")
        self.check_now()

    # -- templates ---------------------------------------------------------------
    def reload_templates(self) -> None:
        """Read the saved replies in the background (at start and after the editor saved)."""
        self._ops.query(reply_templates, self._show_templates, parent=self, failure=self._failed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.reply_templates:
            self.reload_templates()

    def _failed(self, exc: Exception) -> None:  # the pane must not take the inbox down
        self._show_templates([])
        self.status.setText(f"Saved replies could not be loaded: {exc}")

    def _show_templates(self, templates: Sequence[ReplyTemplate]) -> None:
        self.template_combo.clear()
        self.template_combo.addItem("Pick a saved reply\u2026", None)
        for t in templates:
            self.template_combo.addItem(t.name, t)
        self.template_combo.setCurrentIndex(0)

    def template_names(self) -> list[str]:
        return [self.template_combo.itemText(i) for i in range(1, self.template_combo.count())]

    def use_template(self, name: str) -> bool:
        """Put the named saved reply in the draft (as picking it in the combo does)."""
        index = self.template_combo.findText(name)
        if index < 1:
            return False
        self.template_combo.setCurrentIndex(index)
        self._on_template_picked(index)
        return True

    def _on_template_picked(self, index: int) -> None:
        template = self.template_combo.itemData(index)
        if not isinstance(template, ReplyTemplate):
            return
        body = template.body
        if self._order_id:
            body = body.replace(ORDER_ID_FIELD, self._order_id)
        self.editor.setPlainText(body)
        self.check_now()

    def set_context(self, ref: str, order_id: str) -> None:
        """The selected inbox item: each keeps its own draft; its order fills {order_id}.

        A draft started with nothing selected moves to the first item selected.
        """
        self._order_id = order_id
        self.context_label.setText(
            f"Reply about order {order_id}" if order_id else "Reply draft (no order selected)"
        )
        if ref == self._ref:
            return
        text = self.editor.toPlainText()
        if self._ref:
            self._drafts[self._ref] = text
        elif text.strip() and ref not in self._drafts:
            self._drafts[ref] = text
        self._ref = ref
        self.template_combo.setCurrentIndex(0)
        self.editor.setPlainText(self._drafts.get(ref, ""))
        self.check_now()

    # -- checking ------------------------------------------------------------------
    def _schedule_check(self) -> None:
        self.timer.start()

    def check_now(self) -> list[Finding]:
        """Check the draft, highlight each finding's words and list the fixes."""
        self.timer.stop()
        text = self.editor.toPlainText()
        self._findings = check_reply(text) if text.strip() else []
        self.findings_model.set_items(self._findings)
        self.editor.setExtraSelections(self._highlights(self._findings))
        self.findings_view.setVisible(bool(self._findings))
        if not text.strip():
            self.status.setText("")
        elif not self._findings:
            self.status.setText(OK_TEXT)
            self.status.setStyleSheet(OK_STYLE)
        else:
            n = len(self._findings)
            self.status.setText(
                f"\u26a0 {n} {'problem' if n == 1 else 'problems'} with Amazon's "
                "guidelines: fix before you send"
            )
            self.status.setStyleSheet(BAD_STYLE)
        self.copy_button.setEnabled(bool(text.strip()))
        self.checked.emit(len(self._findings))
        return list(self._findings)

    def _highlights(self, findings: Sequence[Finding]) -> list[QTextEdit.ExtraSelection]:
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT_BG)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(HIGHLIGHT_LINE)
        out = []
        for f in findings:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(f.span[0])
            cursor.setPosition(f.span[1], QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            out.append(sel)
        return out

    def highlighted_texts(self) -> list[str]:
        """The words currently highlighted in the draft (what the seller sees marked)."""
        return [s.cursor.selectedText() for s in self.editor.extraSelections()]

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def _select_finding(self, index: QModelIndex) -> None:
        start, end = self.findings_model.item(index.row()).span
        cursor = self.editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    # -- copying -------------------------------------------------------------------
    def copy_reply(self) -> None:
        """Put the draft on the clipboard; say so, and warn when it still has problems."""
        text = self.editor.toPlainText()
        if not text.strip():
            return
        findings = self.check_now()
        QGuiApplication.clipboard().setText(text)
        if findings:
            n = len(findings)
            self.status.setText(
                f"Copied, but it still has {n} {'problem' if n == 1 else 'problems'}: "
                "fix them before you paste it into Seller Central."
            )
        else:
            self.status.setText(OK_TEXT + " \u2014 copied: paste it into Seller Central.")
