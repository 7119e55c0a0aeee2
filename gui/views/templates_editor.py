"""List, add, edit and delete saved replies, each checked against Amazon's guidelines.

A template with findings can still be saved (the seller may fill in the flagged part each
time), but only after an explicit confirmation that names the problems.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from gui.display import when
from gui.models.findings_model import check_reply, finding_text
from gui.models.templates_model import TemplatesModel
from gui.operations import Ops
from gui.views.reply_pane import DEBOUNCE_MS, OK_STYLE, OK_TEXT
from services.changes import Changes
from services.reply_templates import (
    ORDER_ID_FIELD,
    ReplyTemplate,
    TemplateError,
    delete_reply_template,
    reply_templates,
    restore_shipped_templates,
    save_reply_template,
    template_problem,
)
from storage.db import Store

log = logging.getLogger(__name__)

Confirm = Callable[[str, str], bool]
"""(title, question) -> yes? Injectable so tests answer without a modal box."""


def ask(parent: QWidget) -> Confirm:
    def confirm(title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes

    return confirm


class TemplatesEditor(QDialog):
    """Modal editor for the saved replies; `templates_changed` fires after every write.

    Reads and writes run through `Ops` (never on the GUI thread); each write broadcasts
    `Changes(reply_templates=True)`, which the inbox's reply pane follows.
    """

    templates_changed = Signal()

    def __init__(
        self,
        ops: Ops,
        clock: Clock,
        parent: QWidget | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Saved replies")
        self.resize(820, 520)
        self._ops = ops
        self._clock = clock
        self.confirm: Confirm = confirm or ask(self)
        self._editing: ReplyTemplate | None = None  # None with a blank form = a new one
        self._dirty = False
        self.model = TemplatesModel(self)

        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setAccessibleName("Saved replies")
        self.new_button = QPushButton("&New", self)
        self.delete_button = QPushButton("&Delete", self)
        self.restore_button = QPushButton("&Restore shipped", self)
        self.restore_button.setToolTip("Add back the shipped replies you deleted; edits stay")
        left_buttons = QHBoxLayout()
        for b in (self.new_button, self.delete_button, self.restore_button):
            left_buttons.addWidget(b)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_view, 1)
        left_layout.addLayout(left_buttons)

        self.name_edit = QLineEdit(self)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setPlaceholderText(
            f"The reply. {ORDER_ID_FIELD} is replaced by the selected message's order id."
        )
        self.saved_label = QLabel(self)
        self.saved_label.setStyleSheet("color: #5f6368;")
        self.lint_label = QLabel(self)
        self.lint_label.setWordWrap(True)
        self.lint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setDefault(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        right_layout.addWidget(self.body_edit, 1)
        right_layout.addWidget(self.lint_label)
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)
        right_layout.addLayout(save_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([260, 560])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)

        self.lint_timer = QTimer(self)
        self.lint_timer.setSingleShot(True)
        self.lint_timer.setInterval(DEBOUNCE_MS)
        self.lint_timer.timeout.connect(self.lint)
        self.new_button.clicked.connect(self.new_template)
        self.delete_button.clicked.connect(self.delete_current)
        self.restore_button.clicked.connect(self.restore)
        self.save_button.clicked.connect(self.save)
        self.name_edit.textEdited.connect(self._mark_dirty)
        self.body_edit.textChanged.connect(self._on_body_changed)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.reload()

    # -- loading ------------------------------------------------------------------
    def reload(self, select_id: int | None = None, select_name: str | None = None) -> None:
        """List the saved replies (in the background) and select one, by id or name."""
        self._ops.query(
            reply_templates,
            lambda templates: self._show_list(templates, select_id, select_name),
            parent=self,
        )

    def _show_list(
        self, templates: Sequence[ReplyTemplate], select_id: int | None, select_name: str | None
    ) -> None:
        self.model.set_items(templates)
        if select_name is not None:
            select_id = next((t.id for t in templates if t.name == select_name), None)
        row = self.model.row_of(select_id) if select_id is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._show(None)
        else:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        self.list_view.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._show(self.model.item(row))

    def names(self) -> list[str]:
        return [t.name for t in self.model.items()]

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        chosen = self.model.item(current.row())
        if self._editing is not None and chosen.id == self._editing.id:
            return
        if self._dirty and not self.confirm(
            "Unsaved changes", "Discard your changes to this reply?"
        ):
            self.list_view.selectionModel().blockSignals(True)
            self.list_view.setCurrentIndex(previous)
            self.list_view.selectionModel().blockSignals(False)
            return
        self._show(chosen)

    def _show(self, t: ReplyTemplate | None) -> None:
        self._editing = t
        self.name_edit.setText(t.name if t else "")
        self.body_edit.setPlainText(t.body if t else "")
        self.delete_button.setEnabled(t is not None)
        if t is None:
            self.saved_label.setText("New reply (not saved yet)")
        elif t.updated_at is None:
            self.saved_label.setText("Shipped with the app")
        else:
            self.saved_label.setText(f"Saved {when(t.updated_at)}")
        self.lint()
        self._dirty = False

    # -- editing ------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._dirty = True

    def _on_body_changed(self) -> None:
        self._dirty = True
        self.lint_timer.start()

    def lint(self) -> list[str]:
        """Check the body now; the label lists what to fix (or says it is fine)."""
        self.lint_timer.stop()
        body = self.body_edit.toPlainText()
        findings = check_reply(body) if body.strip() else []
        lines = [finding_text(f) for f in findings]
        if not body.strip():
            self.lint_label.setText("")
        elif not findings:
            self.lint_label.setText(OK_TEXT)
            self.lint_label.setStyleSheet(OK_STYLE)
        else:
            self.lint_label.setText("\u26a0 " + "\n\u26a0 ".join(lines))
            self.lint_label.setStyleSheet("color: #9f1c1c;")
        return lines

    def new_template(self) -> None:
        if self._dirty and not self.confirm("Unsaved changes", "Discard your changes?"):
            return
        self.list_view.selectionModel().clearSelection()
        self._show(None)
        self.name_edit.setFocus()

    def save(self) -> bool:
        """Save the form; problems with the guidelines need a confirmation first.

        False when the form cannot be saved as it is (said in the label) or the seller
        declined; True once the write is on its way.
        """
        name, body = self.name_edit.text(), self.body_edit.toPlainText()
        problems = self.lint()
        if problems:
            n = len(problems)
            question = (
                f"This reply has {n} {'problem' if n == 1 else 'problems'} with Amazon's "
                "communication guidelines:\n\n" + "\n".join(problems) + "\n\nSave it anyway?"
            )
            if not self.confirm("Save anyway?", question):
                return False
        template_id = self._editing.id if self._editing is not None else None
        template = ReplyTemplate(name, body, template_id)
        listed = self.model.items()
        problem = template_problem(template, listed)
        if problem is not None:
            self.saved_label.setText(problem)
            return False
        now = self._clock()
        self._write(
            lambda store: save_reply_template(store, template, now), select_name=name.strip()
        )
        return True

    def delete_current(self) -> None:
        t = self._editing
        if t is None or t.id is None:
            return
        if not self.confirm("Delete reply", f"Delete the saved reply \u201c{t.name}\u201d?"):
            return
        template_id = t.id
        self._write(lambda store: delete_reply_template(store, template_id))

    def restore(self) -> None:
        self._write(restore_shipped_templates, self._editing.id if self._editing else None)

    def _write(
        self,
        op: Callable[[Store], Changes],
        select_id: int | None = None,
        select_name: str | None = None,
    ) -> None:
        """Run a write; once done, list again and tell the pane."""

        def done(_changes: Changes) -> None:
            self._dirty = False
            self.reload(select_id, select_name)
            self.templates_changed.emit()

        self._ops.write(op, parent=self, success=done, failure=self._failed)

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, TemplateError):
            log.error("a saved-reply write failed", exc_info=exc)
        self.saved_label.setText(
            str(exc) if isinstance(exc, TemplateError) else f"Not saved: {exc}"
        )
