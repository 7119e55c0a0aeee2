"""Settings: where backups go, how many are kept, back up now and restore.

The folder and rotation are `services.backups.BackupPrefs`, the ones the nightly job
reads. Back up now and Restore run off the GUI thread. A restore replaces the database
file, so background jobs must stop first: the shell sets `before_restore` /
`after_restore` (see gui.app.AppShell); a restore then broadcasts that everything changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from core.clock import Clock
from gui import plain
from gui.display import when
from gui.operations import Ops
from gui.views.key_backup import ask_passphrase, choose_key_backup
from gui.views.settings_thresholds import make_form
from services.backups import (
    BackupMade,
    BackupPrefs,
    BackupSummary,
    back_up,
    restore_backup,
)
from services.keys import backup_needs_key
from storage.db import Store

log = logging.getLogger(__name__)

RestoreHook = Callable[[], None]


class BackupsBox(QGroupBox):
    """Backup folder, rotation, Back up now and Restore."""

    message = Signal(str)  # a one-line result for the settings status line
    restored = Signal()
    backup_finished = Signal(object)  # the Path made, or None when it failed
    restore_finished = Signal(bool)  # done (True) or refused (False)

    def __init__(self, store: Store, ops: Ops, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__("Backups", parent)
        self._store = store
        self._ops = ops
        self._clock = clock
        self.before_restore: RestoreHook | None = None
        """Set by the shell: stop background jobs before the file is replaced."""
        self.after_restore: RestoreHook | None = None
        """Set by the shell: start them again (also after a refused restore)."""
        self._default = BackupPrefs().folder_for(store.path)
        form = make_form(self)
        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(str(self._default))
        self.folder.setToolTip("Empty: the backups folder beside the database.")
        self.folder.setMinimumWidth(260)
        self.choose_button = QPushButton("C&hoose...", self)
        self.choose_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        form.addRow("Backup folder", row)
        self.keep_daily = QSpinBox(self)
        self.keep_daily.setRange(1, 90)
        self.keep_daily.setSuffix(" days")
        self.keep_weekly = QSpinBox(self)
        self.keep_weekly.setRange(0, 104)
        self.keep_weekly.setSuffix(" weeks")
        form.addRow("Keep one a day for", self.keep_daily)
        form.addRow("and one a week for", self.keep_weekly)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        form.addRow(self.info)
        self.backup_button = QPushButton("&Back up now", self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore...", self)
        self.restore_button.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        form.addRow(buttons)

    @property
    def backup_dir(self) -> Path:
        """The folder the form shows (saved or not): what Back up now and Restore use."""
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else self._default

    def load(self, prefs: BackupPrefs, summary: BackupSummary) -> None:
        self.folder.setText(prefs.folder)
        self.keep_daily.setValue(prefs.keep_daily)
        self.keep_weekly.setValue(prefs.keep_weekly)
        self.show_summary(summary)

    def prefs(self) -> BackupPrefs:
        return BackupPrefs(
            self.folder.text().strip(), self.keep_daily.value(), self.keep_weekly.value()
        )

    def validate(self) -> str:
        folder = self.backup_dir
        if folder.exists() and not folder.is_dir():
            return f"The backup folder {folder} is a file, not a folder."
        return ""

    def show_summary(self, summary: BackupSummary) -> None:
        latest = (
            f"latest {when(summary.latest)}, {summary.count} kept"
            if summary.latest is not None
            else "none yet"
        )
        self.info.setText(
            f"Backups go to {summary.folder} every night and when you press Back up now ({latest}). "
            "Buyer details in them can only be read with this database's encryption key: "
            "keep a key backup (Export key...) apart from them."
        )

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Backup folder", str(self.backup_dir))
        if chosen:
            self.folder.setText(chosen)

    def back_up_now(self) -> None:
        """Copy the database into the folder shown (saved or not), in the background."""
        prefs, now = self.prefs(), self._clock()
        self.backup_button.setEnabled(False)

        def done(made: BackupMade) -> None:
            self.backup_button.setEnabled(True)
            self.show_summary(made.summary)
            self.message.emit(f"Backed up to {made.path.name}.")
            self.backup_finished.emit(made.path)

        def failed(exc: Exception) -> None:
            log.error("backup failed", exc_info=exc)
            self.backup_button.setEnabled(True)
            plain.warning(self, "Backup failed", f"The backup could not be made: {exc}")
            self.backup_finished.emit(None)

        self._ops.query(lambda store: back_up(store, prefs, now), done, parent=self, failure=failed)

    def restore(self) -> bool:
        """Replace the database with a chosen backup (the current one is kept as a backup).

        True when the restore started; `restore_finished` says how it ended.
        """
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Restore a backup", str(self.backup_dir), "Backups (*.sqlite3);;All files (*)"
        )
        if not chosen:
            return False
        answer = QMessageBox.question(
            self,
            "Restore backup",
            f"Replace the current data with {Path(chosen).name}? "
            "The current database is kept as a backup first.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        source = Path(chosen)
        self.restore_button.setEnabled(False)
        self._ops.query(
            lambda store: backup_needs_key(store, source),
            lambda needs: self._restore_checked(source, needs),
            parent=self,
        )
        return True

    def _restore_checked(self, source: Path, needs_key: bool) -> None:
        """A backup made with another key asks for that key's backup before anything changes."""
        key_backup: tuple[Path, str] | None = None
        if needs_key:
            QMessageBox.information(
                self,
                "Restore backup",
                f"The buyer details in {source.name} were encrypted with another key. "
                "Choose the key backup exported from that database, and type its passphrase.",
            )
            chosen = choose_key_backup(self)
            passphrase = None if chosen is None else ask_passphrase(self, confirm=False)
            if chosen is None or passphrase is None:
                self.restore_button.setEnabled(True)
                self.restore_finished.emit(False)
                return
            key_backup = (chosen, passphrase)
        if self.before_restore is not None:
            self.before_restore()
        self._store.close()  # the GUI thread's connection; the jobs closed theirs
        folder, now = self.backup_dir, self._clock()
        self._ops.write(
            lambda store: restore_backup(store, source, folder, now, key_backup),
            parent=self,
            success=lambda _changes: self._restore_ended(source, None),
            failure=lambda exc: self._restore_ended(source, exc),
        )

    def _restore_ended(self, source: Path, error: Exception | None) -> None:
        self.restore_button.setEnabled(True)
        if self.after_restore is not None:
            self.after_restore()
        if error is not None:
            log.warning("restore refused: %s", error)
            plain.warning(self, "Restore refused", str(error))
            self.restore_finished.emit(False)
            return
        self.message.emit(f"Restored {source.name}.")
        self.restored.emit()
        self.restore_finished.emit(True)
