"""The appeal notes pane: a defect's history, new notes and evidence files.

An appeal is won with evidence gathered at the time (tracking, photos, the
message history), so each file path is kept with a timestamp beside the notes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

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

from gui.models.defects_model import DefectRow, kind_label
from gui.models.notes_model import EvidencePathRole, NotesModel

log = logging.getLogger(__name__)

EVIDENCE_KINDS = ("Tracking", "Photos", "Message history", "Other")


class DefectNotesPane(QWidget):
    """Notes of the selected defect; writes go through storage.repository.app_state."""

    def __init__(
        self,
        store: Any,
        clock: Callable[[], datetime],
        on_written: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._on_written = on_written
        self._defect: DefectRow | None = None
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
        self._defect = defect
        self.error.clear()
        if defect is None:
            self.title.setText("Select a defect to see its notes.")
            self.model.set_notes([])
            self._set_enabled(False)
            return
        label = kind_label(defect)
        ref = "" if defect.ref == defect.order_id else f" ({defect.ref})"
        self.title.setText(f"<b>{label}</b> on order {defect.order_id}{ref}")
        self._set_enabled(True)
        self.reload()

    def reload(self) -> None:
        from storage.repository.app_state import list_notes

        if self._defect is None:
            return
        d = self._defect
        self.model.set_notes(list_notes(self._store.db, d.kind, d.ref))
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
        if self._write(text, ""):
            self.editor.clear()

    def attach_evidence(self) -> None:
        """Record the chosen files' paths (the files stay where they are)."""
        if self._defect is None:
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
        for path in paths:
            text = f"{kind}: {Path(path).name}" + (f" - {typed}" if typed else "")
            if not self._write(text, path):
                return
        if paths:
            self.editor.clear()

    def _write(self, text: str, evidence_path: str) -> bool:
        from storage.repository.app_state import add_note

        d = self._defect
        if d is None:
            return False
        try:
            add_note(self._store.db, d.kind, d.ref, self._clock(), text, evidence_path)
        except Exception as exc:
            log.exception("could not save a note")
            self.error.setText(f"The note could not be saved: {exc}")
            return False
        self.error.clear()
        self.reload()
        if self._on_written is not None:
            self._on_written()
        return True
