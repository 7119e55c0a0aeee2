"""The appeal notes pane: a defect's history, new notes and evidence files.

An appeal is won with evidence gathered at the time (tracking, photos, the
message history), so each file path is kept with a timestamp beside the notes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.defects import DefectNote, DefectRow, kind_label
from gui.bridge import Bridge
from gui.models.notes_model import EvidencePathRole, NotesModel
from gui.operations import Ops
from gui.plain import plain_labels
from services.changes import Changes
from services.defects import add_notes, defect_notes
from storage.db import Store

log = logging.getLogger(__name__)

EVIDENCE_KINDS = ("Tracking", "Photos", "Message history", "Other")


class DefectNotesPane(QWidget):
    """Notes of the selected defect, read and written through `ops` (off the GUI thread)."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        on_written: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        *,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops or Ops(store, Bridge())
        self._clock = clock
        self._on_written = on_written
        self._subject: tuple[str, str] | None = None  # (notes kind, ref) shown
        self.model = NotesModel(self)

        self.title = QLabel("Select a defect to see its notes.", self)
        self.title.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.open_evidence)
        self.table.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText("What happened, what you sent Amazon, what to do next...")
        self.editor.setMaximumHeight(90)
        self.add_button = QPushButton("&Add note", self)
        self.add_button.clicked.connect(self.add_note)
        self.evidence_kind = QComboBox(self)
        self.evidence_kind.addItems(EVIDENCE_KINDS)
        self.evidence_kind.setToolTip("What the attached files show")
        self.attach_button = QPushButton("Attach &evidence...", self)
        self.attach_button.clicked.connect(self.attach_evidence)
        self.error = QLabel(self)
        plain_labels(self.error)
        self.error.setStyleSheet("color: #9f1c1c")
        self.error.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        evidence = QHBoxLayout()
        evidence.addWidget(self.evidence_kind)
        evidence.addWidget(self.attach_button)
        evidence.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        layout.addLayout(evidence)
        layout.addWidget(self.error)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.editor, self.add_button, self.attach_button, self.evidence_kind):
            w.setEnabled(enabled)

    def show_defect(self, defect: DefectRow | None) -> None:
        """Switch the pane to `defect` (None clears it) and load its notes."""
        if defect is None:
            self.show_subject(None)
            return
        label = kind_label(defect)
        ref = "" if defect.ref == defect.order_id else f" ({defect.ref})"
        self.show_subject(
            (defect.kind, defect.ref),
            f"<b>{escape(label)}</b> on order {escape(defect.order_id + ref)}",
        )

    def show_subject(
        self, subject: tuple[str, str] | None, title: str = "", empty: str = ""
    ) -> None:
        """Notes of anything the notes table keys by (kind, ref): a defect, a claim case."""
        self._subject = subject
        self.error.clear()
        if subject is None:
            self.title.setText(empty or "Select a defect to see its notes.")
            self.model.set_notes([])
            self._set_enabled(False)
            return
        self.title.setText(title)
        self._set_enabled(True)
        self.reload()

    def reload(self) -> None:
        """Fetch the shown subject's notes; a result for another subject is dropped."""
        if self._subject is None:
            return
        kind, ref = self._subject
        self._ops.query(
            lambda store: defect_notes(store, kind, ref),
            lambda notes: self._show_notes(kind, ref, notes),
            parent=self,
        )

    def _show_notes(self, kind: str, ref: str, notes: list[DefectNote]) -> None:
        if self._subject != (kind, ref):
            return
        self.model.set_notes(notes)
        self.table.resizeRowsToContents()
        if self.model.rowCount():
            self.table.scrollToBottom()

    def open_evidence(self, index: QModelIndex) -> None:
        """Open an attached file with the system's viewer (it never leaves the disk)."""
        path = str(self.model.data(index, EvidencePathRole) or "")
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def add_note(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text:
            self.error.setText("Type the note first.")
            return
        self._write([(text, "")])

    def attach_evidence(self) -> None:
        """Record the chosen files' paths (the files stay where they are)."""
        if self._subject is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Attach evidence",
            str(Path.home()),
            "Evidence (*.pdf *.png *.jpg *.jpeg *.gif *.heic *.txt *.eml *.csv *.html);;"
            "All files (*)",
        )
        kind = self.evidence_kind.currentText()
        typed = self.editor.toPlainText().strip()
        suffix = f" - {typed}" if typed else ""
        if paths:
            self._write([(f"{kind}: {Path(path).name}{suffix}", path) for path in paths])

    def _write(self, notes: list[tuple[str, str]]) -> bool:
        """Save `(text, evidence path)` notes; the editor clears once they are stored."""
        if self._subject is None:
            return False
        (kind, ref), at = self._subject, self._clock()

        def saved(_changes: Changes) -> None:
            self.error.clear()
            self.editor.clear()
            self.reload()
            if self._on_written is not None:
                self._on_written()

        def failed(exc: Exception) -> None:
            log.error("could not save a note", exc_info=exc)
            self.error.setText(f"The note could not be saved: {exc}")

        self._ops.write(
            lambda store: add_notes(store, kind, ref, at, notes),
            parent=self,
            success=saved,
            failure=failed,
        )
        return True
