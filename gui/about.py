"""Help > About: the version, where the data, the log and the key are, the licence, the runtimes.

A QDialog of our own (the app icon, not QMessageBox's): buttons open the data and
log folders. Where the key lives is read by a background query (loading the key
may ask the system keyring); until it arrives the line says "Checking...".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.version import APP_NAME, VERSION
from gui.app_icon import app_icon
from gui.program_info import Opener, icon_header, open_folder, runtime_versions
from services.about import AboutFacts, about_facts

if TYPE_CHECKING:
    from gui.operations import Ops
    from storage.db import Store

LICENCE = "MIT License: you may use, copy, change and share it freely, without warranty."
CHECKING = "Checking\u2026"


def key_sentence(facts: AboutFacts) -> str:
    """Where the key that encrypts buyer data lives, and what is wrong with it if anything."""
    key = facts.key
    if key.in_file:
        reason = f" because {key.fallback_reason}" if key.fallback_reason else ""
        where = f"In a file beside the database: {key.key_file}{reason}."
    else:
        where = (
            f'In the system keyring (service "{facts.keyring_service}", one entry per database).'
        )
    return f"{where} {key.problem}".strip()


class AboutDialog(QDialog):
    """Facts about this installation; `show_facts` fills in the parts read in the background."""

    def __init__(
        self,
        *,
        data_folder: Path | None,
        log_path: Path | None,
        opener: Opener = open_folder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._opener = opener
        self.data_folder = data_folder
        self.log_path = log_path
        self.setWindowTitle(f"About {APP_NAME}")
        self.setWindowIcon(app_icon())
        lay = QVBoxLayout(self)
        lay.addLayout(
            icon_header(
                f"<b>{APP_NAME}</b><br>Offline account-health metrics, "
                "deadlines and warnings for Amazon sellers. Your data stays on this computer."
            )
        )
        form = QFormLayout()
        lay.addLayout(form)
        self.version_label = self._value(form, "Version:", VERSION)
        opening = "(the data is still opening)"
        self.data_label = self._value(form, "Data folder:", str(data_folder or opening))
        self.data_button = QPushButton("Open &data folder")
        self.data_button.clicked.connect(self.open_data_folder)
        self.data_button.setEnabled(data_folder is not None)
        self.log_label = self._value(form, "Log file:", str(log_path or "(no log file)"))
        self.log_button = QPushButton("Open &log folder")
        self.log_button.clicked.connect(self.open_log_folder)
        self.log_button.setEnabled(log_path is not None)
        self.key_label = self._value(form, "Encryption key:", CHECKING if data_folder else opening)
        self.licence_label = self._value(form, "Licence:", LICENCE)
        runtimes = " \u00b7 ".join(f"{n} {v}" for n, v in runtime_versions()[1:5])
        self.runtime_label = self._value(form, "Built with:", runtimes)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.data_button)
        row.addWidget(self.log_button)
        row.addStretch(1)
        row.addWidget(buttons)
        lay.addLayout(row)

    def _value(self, form: QFormLayout, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setMinimumWidth(420)
        form.addRow(name, label)
        return label

    def show_facts(self, facts: AboutFacts) -> None:
        self.key_label.setText(key_sentence(facts))

    def open_data_folder(self) -> None:
        if self.data_folder is not None:
            self._opener(self.data_folder)

    def open_log_folder(self) -> None:
        if self.log_path is not None:
            self._opener(self.log_path.parent)


def open_about(parent: QWidget, store: Store | None, ops: Ops | None) -> AboutDialog:
    """Help > About: the dialog opens at once; the key's place follows from a background read."""
    from gui.crash import log_file

    folder = store.path.parent if store is not None else None
    dialog = AboutDialog(data_folder=folder, log_path=log_file(), parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if ops is not None:
        ops.query(about_facts, dialog.show_facts, parent=dialog)
    dialog.open()
    return dialog
