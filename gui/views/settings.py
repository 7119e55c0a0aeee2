"""The Settings screen: thresholds, windows, deadlines, warnings, data, backups, privacy.

Spin boxes carry the valid ranges so a bad value cannot be typed; Save writes
everything in one go and Revert reloads what is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from core.settings import MetricSettings
from gui.bridge import Bridge

log = logging.getLogger(__name__)

# name -> (label, minimum, maximum, decimals or None for integers, suffix)
THRESHOLDS = {
    "odr_target": ("ODR target (below)", 0.1, 10.0, 2, " %"),
    "lrr_target": ("Late response rate target (below)", 1.0, 50.0, 2, " %"),
    "rdr_target": ("Return dissatisfaction target (below)", 1.0, 50.0, 2, " %"),
    "nfr_warning": ("Negative feedback: warning above", 0.5, 50.0, 2, " %"),
    "nfr_breach": ("Negative feedback: breach above", 0.5, 50.0, 2, " %"),
    "warn_ratio": ("Warn at this share of a target", 0.1, 1.0, 2, ""),
}
WINDOWS = {
    "odr_window_days": ("ODR window", 7, 365, None, " days"),
    "odr_lag_days": ("ODR lag behind today", 0, 60, None, " days"),
    "lrr_days": ("Late response window", 7, 90, None, " days"),
    "nfr_days": ("Negative feedback window", 30, 365, None, " days"),
    "rdr_days": ("Return dissatisfaction window", 7, 365, None, " days"),
    "forecast_days": ("Forecast ahead", 1, 60, None, " days"),
}
MARGINS = {
    "due_soon_short_hours": ("Due soon (messages, returns, claims)", 1, 23, None, " h"),
    "due_soon_long_days": ("Due soon (appeals, feedback removal)", 1, 29, None, " days"),
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
KEY_FALLBACK_WARNING = (
    "Buyer data is encrypted with a key stored in a file next to the database because no "
    "system keyring is available. Anyone who can read that folder can read the buyer data: "
    "keep the folder private and back the key file up together with the database."
)


def _form(box: QGroupBox) -> QFormLayout:
    """A form whose fields keep their natural width (a percentage needs no 900 px box)."""
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    return form


class SettingsView(QWidget):
    """Edit MetricSettings and the notification keys; Save / Revert."""

    screen_name = "settings"

    def __init__(
        self,
        store: Any,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._bridge = bridge
        self._clock = clock
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        inner = QWidget(self)
        columns = QHBoxLayout(inner)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        left.addWidget(self._spin_group("Thresholds", THRESHOLDS))
        left.addWidget(self._spin_group("Windows", WINDOWS))
        left.addWidget(self._deadline_group())
        left.addStretch(1)
        right.addWidget(self._notify_group())
        right.addWidget(self._data_group())
        right.addWidget(self._backup_group())
        right.addWidget(self._privacy_group())
        right.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton("&Save", self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert", self)
        self.revert_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        bridge.data_changed.connect(self._on_data_changed)
        bridge.navigate.connect(self._on_navigate)
        self.refresh()

    # -- building --------------------------------------------------------------------
    def _spin(self, name: str, spec: tuple[str, float, float, int | None, str]) -> QWidget:
        _label, low, high, decimals, suffix = spec
        spin: QSpinBox | QDoubleSpinBox
        if decimals is None:
            spin = QSpinBox(self)
            spin.setRange(int(low), int(high))
        else:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(decimals)
            spin.setRange(low, high)
            spin.setSingleStep(0.05 if high <= 1 else 0.1)
        spin.setSuffix(suffix)
        spin.setMinimumWidth(120)
        spin.setObjectName(name)
        self.spins[name] = spin
        return spin

    def _spin_group(self, title: str, specs: dict[str, Any]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = _form(box)
        for name, spec in specs.items():
            form.addRow(spec[0], self._spin(name, spec))
        return box

    def _deadline_group(self) -> QGroupBox:
        box = self._spin_group("Deadlines", MARGINS)
        form = box.layout()
        assert isinstance(form, QFormLayout)
        self.claim_info = QComboBox(self)
        self.claim_info.addItem("48 hours (Amazon's current rule)", 48)
        self.claim_info.addItem("72 hours (older help pages)", 72)
        form.insertRow(0, "A-to-z information request window", self.claim_info)
        return box

    def _notify_group(self) -> QGroupBox:
        box = QGroupBox("Warnings", self)
        form = _form(box)
        self.notify_enabled = QCheckBox("Show tray warnings before a threshold is breached", self)
        form.addRow(self.notify_enabled)
        self.quiet_enabled = QCheckBox("Quiet hours (local time)", self)
        self.quiet_start = QTimeEdit(self)
        self.quiet_end = QTimeEdit(self)
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        self.quiet_enabled.toggled.connect(self._sync_quiet)
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet_start)
        quiet.addWidget(QLabel("to", self))
        quiet.addWidget(self.quiet_end)
        quiet.addStretch(1)
        form.addRow(self.quiet_enabled, quiet)
        self.critical_quiet = QCheckBox("Still show critical warnings during quiet hours", self)
        form.addRow(self.critical_quiet)
        self.review_day = QComboBox(self)
        self.review_day.addItems(WEEKDAYS)
        self.review_hour = QSpinBox(self)
        self.review_hour.setRange(0, 23)
        self.review_hour.setSuffix(":00")
        review = QHBoxLayout()
        review.addWidget(self.review_day)
        review.addWidget(self.review_hour)
        review.addStretch(1)
        form.addRow("Weekly ODR review", review)
        self.fm_total = QSpinBox(self)
        self.fm_total.setRange(0, 10_000_000)
        self.fm_total.setSpecialValueText("Not set")
        self.fm_total.setToolTip(
            "Seller Central > Feedback Manager: the total number of ratings in the last 90 "
            "days. Used as the NFR denominator when your feedback file has only negative "
            "and neutral ratings."
        )
        form.addRow("Feedback Manager total (90 days)", self.fm_total)
        return box

    def _data_group(self) -> QGroupBox:
        box = QGroupBox("Data", self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        path = Path(self._store.path)
        self.data_folder = QLineEdit(str(path.parent), self)
        self.db_path = QLineEdit(str(path), self)
        for edit in (self.data_folder, self.db_path):
            edit.setReadOnly(True)
        self.open_folder_button = QPushButton("&Open folder", self)
        self.open_folder_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.addWidget(self.data_folder, 1)
        row.addWidget(self.open_folder_button)
        form.addRow("Data folder", row)
        form.addRow("Database file", self.db_path)
        return box

    def _backup_group(self) -> QGroupBox:
        box = QGroupBox("Backups", self)
        form = _form(box)
        self.backup_dir = self._backup_module_dir()
        self.backup_info = QLabel(self)
        self.backup_info.setWordWrap(True)
        self.backup_button = QPushButton("&Back up now", self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore...", self)
        self.restore_button.clicked.connect(self.restore)
        if self.backup_dir is None:
            for b in (self.backup_button, self.restore_button):
                b.setEnabled(False)
                b.setToolTip("Backups are not available in this version.")
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        form.addRow(self.backup_info)
        form.addRow(row)
        return box

    def _privacy_group(self) -> QGroupBox:
        box = QGroupBox("Privacy", self)
        layout = QVBoxLayout(box)
        self.key_info = QLabel(self)
        self.key_info.setWordWrap(True)
        self.key_warning = QLabel(KEY_FALLBACK_WARNING, self)
        self.key_warning.setWordWrap(True)
        self.key_warning.setStyleSheet(
            "background: #fff1cc; color: #5c3b00; border: 1px solid #c98a00; padding: 6px"
        )
        layout.addWidget(self.key_info)
        layout.addWidget(self.key_warning)
        return box

    def _backup_module_dir(self) -> Path | None:
        try:
            from storage.backup import default_backup_dir
        except ImportError:
            return None
        return default_backup_dir(Path(self._store.path))

    # -- load / save ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the stored values (also what Revert does)."""
        from storage.repository.settings import get_setting, load_settings

        db = self._store.db
        s = load_settings(db)
        for name, spin in self.spins.items():
            spin.setValue(getattr(s, name))
        self.claim_info.setCurrentIndex(max(self.claim_info.findData(s.claim_info_hours), 0))
        self.review_day.setCurrentIndex(s.weekly_review_weekday % 7)
        self.review_hour.setValue(s.weekly_review_hour)
        self.fm_total.setValue(s.feedback_manager_total or 0)
        self.notify_enabled.setChecked(bool(get_setting(db, "notify_enabled", True)))
        start = str(get_setting(db, "quiet_hours_start", "") or "")
        end = str(get_setting(db, "quiet_hours_end", "") or "")
        self.quiet_enabled.setChecked(bool(start and end))
        self.quiet_start.setTime(QTime.fromString(start or "22:00", "HH:mm"))
        self.quiet_end.setTime(QTime.fromString(end or "07:00", "HH:mm"))
        self.critical_quiet.setChecked(bool(get_setting(db, "critical_during_quiet_hours", True)))
        self._sync_quiet()
        self._show_key_location()
        self._show_backups()
        self.message.clear()

    def settings_from_form(self) -> MetricSettings:
        from storage.repository.settings import load_settings

        values = load_settings(self._store.db).to_dict()  # keeps fields not shown here
        for name, spin in self.spins.items():
            values[name] = spin.value()
        values["claim_info_hours"] = int(self.claim_info.currentData())
        values["weekly_review_weekday"] = self.review_day.currentIndex()
        values["weekly_review_hour"] = self.review_hour.value()
        values["feedback_manager_total"] = self.fm_total.value() or None
        return MetricSettings.from_dict(values)

    def validate(self, s: MetricSettings) -> str:
        """A sentence for the first inconsistent value, or "" when all is well."""
        if s.nfr_warning >= s.nfr_breach:
            return "The negative feedback warning level must be below the breach level."
        if self.quiet_enabled.isChecked() and self.quiet_start.time() == self.quiet_end.time():
            return "Quiet hours must start and end at different times."
        return ""

    def save(self) -> bool:
        from storage.repository.settings import save_settings, set_setting

        s = self.settings_from_form()
        problem = self.validate(s)
        if problem:
            self.message.setText(problem)
            self.message.setStyleSheet("color: #9f1c1c")
            return False
        db = self._store.db
        save_settings(db, s)
        quiet = self.quiet_enabled.isChecked()
        set_setting(db, "notify_enabled", self.notify_enabled.isChecked())
        set_setting(
            db, "quiet_hours_start", self.quiet_start.time().toString("HH:mm") if quiet else ""
        )
        set_setting(db, "quiet_hours_end", self.quiet_end.time().toString("HH:mm") if quiet else "")
        set_setting(db, "critical_during_quiet_hours", self.critical_quiet.isChecked())
        self.message.setStyleSheet("")
        self.message.setText(f"Saved at {self._clock().strftime('%H:%M')} UTC.")
        self._bridge.data_changed.emit()
        return True

    def _on_data_changed(self) -> None:
        self._show_backups()

    def _on_navigate(self, screen: str, _ref: str) -> None:
        if screen == self.screen_name:
            self.refresh()

    def _sync_quiet(self, *_args: object) -> None:
        on = self.quiet_enabled.isChecked()
        for w in (self.quiet_start, self.quiet_end, self.critical_quiet):
            w.setEnabled(on)

    def _show_key_location(self) -> None:
        ks = getattr(self._store, "key_store", None)
        location = getattr(ks, "location", "keyring")
        if location == "file":
            key_file = getattr(ks, "key_file", None)
            reason = getattr(ks, "fallback_reason", None) or "no system keyring is available"
            self.key_info.setText(
                f"The buyer-data key is in a file: {key_file} (because {reason})."
            )
            self.key_warning.show()
        else:
            self.key_info.setText(
                "The buyer-data key is kept in the system keyring (service "
                '"account-health-monitor"); buyer names, addresses and messages are '
                "encrypted in the database."
            )
            self.key_warning.hide()

    def _show_backups(self) -> None:
        if self.backup_dir is None:
            self.backup_info.setText("Backups are not available in this version.")
            return
        from storage.backup import list_backups

        found = list_backups(self.backup_dir)
        latest = (
            f"latest {found[0].taken_at.strftime('%Y-%m-%d %H:%M')} UTC, {len(found)} kept"
            if found
            else "none yet"
        )
        self.backup_info.setText(
            f"Backups go to {self.backup_dir} every night and when you press Back up now "
            f"({latest})."
        )

    # -- actions ----------------------------------------------------------------------------
    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.data_folder.text()))

    def back_up_now(self) -> Path | None:
        from storage.backup import back_up_now

        if self.backup_dir is None:
            return None
        try:
            target = back_up_now(Path(self._store.path), self.backup_dir, self._clock())
        except Exception as exc:
            log.exception("backup failed")
            QMessageBox.warning(self, "Backup failed", f"The backup could not be made: {exc}")
            return None
        self._show_backups()
        self.message.setStyleSheet("")
        self.message.setText(f"Backed up to {target.name}.")
        return target

    def restore(self) -> bool:
        """Replace the database with a chosen backup (the current one is kept as a backup)."""
        from storage.backup import restore

        if self.backup_dir is None:
            return False
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
        self._store.close()
        try:
            restore(Path(self._store.path), Path(chosen), self.backup_dir, self._clock())
        except Exception as exc:
            log.warning("restore refused: %s", exc)
            QMessageBox.warning(self, "Restore refused", str(exc))
            return False
        self.message.setStyleSheet("")
        self.message.setText(f"Restored {Path(chosen).name}.")
        self._bridge.data_changed.emit()
        self.refresh()
        return True
