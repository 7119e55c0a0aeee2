"""Settings: where backups go, how many are kept, back up now and restore.

The keys are gui.scheduler's (backup_dir, backup_keep_daily, backup_keep_weekly), the ones
the nightly job reads. A restore replaces the database file, so background jobs must stop
first: the shell sets `before_restore` / `after_restore` (see gui.app.AppShell).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

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

from gui.scheduler import BACKUP_KEEP_DAILY_SETTING, BACKUP_KEEP_WEEKLY_SETTING
from gui.views.settings_thresholds import make_form
from storage.backup import (
    BACKUP_DIR_SETTING,
    KEEP_DAILY,
    KEEP_WEEKLY,
    default_backup_dir,
    list_backups,
)
from storage.repository.settings import get_setting, set_setting

log = logging.getLogger(__name__)


class BackupsBox(QGroupBox):
    """Backup folder, rotation, Back up now and Restore."""

    message = Signal(str)  # a one-line result for the settings status line
    restored = Signal()

    def __init__(
        self, store: Any, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__("Backups", parent)
        self._store = store
        self._clock = clock
        self.before_restore: Callable[[], None] | None = None
        """Set by the shell: stop background jobs before the file is replaced."""
        self.after_restore: Callable[[], None] | None = None
        """Set by the shell: start them again (also after a refused restore)."""
        self._default = default_backup_dir(Path(store.path))
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

    def load(self, db: Any) -> None:
        chosen = get_setting(db, BACKUP_DIR_SETTING)
        self.folder.setText(str(chosen) if chosen else "")
        self.keep_daily.setValue(int(get_setting(db, BACKUP_KEEP_DAILY_SETTING, KEEP_DAILY)))
        self.keep_weekly.setValue(int(get_setting(db, BACKUP_KEEP_WEEKLY_SETTING, KEEP_WEEKLY)))
        self.show_info()

    def validate(self) -> str:
        folder = self.backup_dir
        if folder.exists() and not folder.is_dir():
            return f"The backup folder {folder} is a file, not a folder."
        return ""

    def save(self, db: Any) -> None:
        text = self.folder.text().strip()
        set_setting(db, BACKUP_DIR_SETTING, str(Path(text).expanduser()) if text else None)
        set_setting(db, BACKUP_KEEP_DAILY_SETTING, self.keep_daily.value())
        set_setting(db, BACKUP_KEEP_WEEKLY_SETTING, self.keep_weekly.value())
        self.show_info()

    def show_info(self) -> None:
        found = list_backups(self.backup_dir) if self.backup_dir.is_dir() else []
        latest = (
            f"latest {found[0].taken_at.strftime('%Y-%m-%d %H:%M')} UTC, {len(found)} kept"
            if found
            else "none yet"
        )
        self.info.setText(
            f"Backups go to {self.backup_dir} every night and when you press Back up now "
            f"({latest})."
        )

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Backup folder", str(self.backup_dir))
        if chosen:
            self.folder.setText(chosen)

    def back_up_now(self) -> Path | None:
        from storage.backup import back_up_now

        try:
            target = back_up_now(
                Path(self._store.path),
                self.backup_dir,
                self._clock(),
                keep_daily=self.keep_daily.value(),
                keep_weekly=self.keep_weekly.value(),
            )
        except Exception as exc:
            log.exception("backup failed")
            QMessageBox.warning(self, "Backup failed", f"The backup could not be made: {exc}")
            return None
        self.show_info()
        self.message.emit(f"Backed up to {target.name}.")
        return target

    def restore(self) -> bool:
        """Replace the database with a chosen backup (the current one is kept as a backup)."""
        from storage.backup import restore

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
        if self.before_restore is not None:
            self.before_restore()
        try:
            self._store.close()
            restore(Path(self._store.path), Path(chosen), self.backup_dir, self._clock())
        except Exception as exc:
            log.warning("restore refused: %s", exc)
            QMessageBox.warning(self, "Restore refused", str(exc))
            return False
        finally:
            if self.after_restore is not None:
                self.after_restore()
        self.message.emit(f"Restored {Path(chosen).name}.")
        self.restored.emit()
        return True
