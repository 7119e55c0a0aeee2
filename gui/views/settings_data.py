"""Settings: where the data lives, the optional watched folder, and where the PII key is.

The watched folder is `services.settings.WatchPrefs`, stored under the keys the
scheduler polls every 30 seconds.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.settings import KeyInfo, WatchPrefs

KEY_FALLBACK_WARNING = (
    "Buyer data is encrypted with a key stored in a file next to the database because no "
    "system keyring is available. Anyone who can read that folder can read the buyer data: "
    "keep the folder private and back the key file up together with the database."
)


class DataBox(QGroupBox):
    """The data folder and database file (read-only), with a button to open the folder."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__("Data", parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.data_folder = QLineEdit(str(db_path.parent), self)
        self.db_path = QLineEdit(str(db_path), self)
        for edit in (self.data_folder, self.db_path):
            edit.setReadOnly(True)
        self.open_folder_button = QPushButton("&Open folder", self)
        self.open_folder_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.addWidget(self.data_folder, 1)
        row.addWidget(self.open_folder_button)
        form.addRow("Data folder", row)
        form.addRow("Database file", self.db_path)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.data_folder.text()))


class WatchFolderBox(QGroupBox):
    """Report files saved into this folder are imported by themselves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Watched folder", parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.enabled = QCheckBox("Import report files saved into this folder by themselves", self)
        self.enabled.toggled.connect(self._sync)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText("e.g. your Downloads folder")
        self.choose_button = QPushButton("Choo&se...", self)
        self.choose_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        hint = QLabel(
            "Checked every 30 seconds; a file is imported once its download has finished. "
            "Files that are not reports are left alone.",
            self,
        )
        hint.setWordWrap(True)
        form.addRow(self.enabled)
        form.addRow("Folder", row)
        form.addRow(hint)
        self._sync()

    def _sync(self, *_args: object) -> None:
        on = self.enabled.isChecked()
        self.path.setEnabled(on)
        self.choose_button.setEnabled(on)

    def choose_folder(self) -> None:
        start = self.path.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Folder to watch", start)
        if chosen:
            self.path.setText(chosen)

    def load(self, prefs: WatchPrefs) -> None:
        self.enabled.setChecked(prefs.enabled)
        self.path.setText(prefs.path)
        self._sync()

    def prefs(self) -> WatchPrefs:
        return WatchPrefs(self.enabled.isChecked(), self.path.text().strip())

    def validate(self) -> str:
        if not self.enabled.isChecked():
            return ""
        text = self.path.text().strip()
        if not text:
            return "Choose the folder to watch, or untick the watched folder."
        if not Path(text).expanduser().is_dir():
            return f"The watched folder {text} does not exist."
        return ""


class PrivacyBox(QGroupBox):
    """Where the buyer-data key is kept, with a warning when it is only a file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Privacy", parent)
        layout = QVBoxLayout(self)
        self.key_info = QLabel(self)
        self.key_info.setWordWrap(True)
        self.key_warning = QLabel(KEY_FALLBACK_WARNING, self)
        self.key_warning.setWordWrap(True)
        self.key_warning.setStyleSheet(
            "background: #fff1cc; color: #5c3b00; border: 1px solid #c98a00; padding: 6px"
        )
        layout.addWidget(self.key_info)
        layout.addWidget(self.key_warning)

    def show_key(self, key: KeyInfo) -> None:
        if key.in_file:
            reason = key.reason or "no system keyring is available"
            self.key_info.setText(
                f"The buyer-data key is in a file: {key.key_file} (because {reason})."
            )
            self.key_warning.show()
        else:
            self.key_info.setText(
                "The buyer-data key is kept in the system keyring (service "
                '"account-health-monitor"); buyer names, addresses and messages are '
                "encrypted in the database."
            )
            self.key_warning.hide()
