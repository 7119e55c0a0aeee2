"""The Settings screen: metrics and warnings, data and backups, the escalation matrix, rules.

Four tabs. The first two are one form: Save writes it in one go and Revert reloads what
is stored. The matrix and the rules editors keep their own buttons (they are tables, and
a rule change is written at once). The groups live in settings_*.py beside this file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.settings import MetricSettings
from gui.bridge import Bridge
from gui.views.matrix_editor import MatrixEditor
from gui.views.rules_editor import RulesEditor
from gui.views.screen import Screen
from gui.views.settings_backups import BackupsBox
from gui.views.settings_data import DataBox, PrivacyBox, WatchFolderBox
from gui.views.settings_notifications import NotificationsBox
from gui.views.settings_thresholds import ThresholdsPanel

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #9f1c1c"
FORM_TABS = ("Metrics && warnings", "Data && backups")


def _scrolled(parent: QWidget, *columns: list[QWidget]) -> QScrollArea:
    """Widgets in side-by-side columns inside a scroll area (small screens still work)."""
    inner = QWidget(parent)
    row = QHBoxLayout(inner)
    for widgets in columns:
        col = QVBoxLayout()
        for w in widgets:
            col.addWidget(w)
        col.addStretch(1)
        row.addLayout(col, 1)
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    return scroll


class SettingsView(Screen):
    """Edit MetricSettings, warnings, folders and backups; the assistants' matrix and rules."""

    screen_name = "settings"

    def __init__(
        self,
        store: Any,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.thresholds = ThresholdsPanel(self)
        self.notifications = NotificationsBox(self)
        self.data = DataBox(Path(store.path), self)
        self.watch = WatchFolderBox(self)
        self.backups = BackupsBox(store, clock, self)
        self.backups.message.connect(self._say)
        self.backups.restored.connect(self._on_restored)
        self.privacy = PrivacyBox(self)
        self.matrix = MatrixEditor(store, bridge, clock, self)
        self.rules = RulesEditor(store, bridge, clock, self)
        self._alias_fields()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(_scrolled(self, [self.thresholds], [self.notifications]), FORM_TABS[0])
        self.tabs.addTab(
            _scrolled(self, [self.data, self.watch, self.privacy], [self.backups]), FORM_TABS[1]
        )
        self.tabs.addTab(self.matrix, "Escalation &matrix")
        self.tabs.addTab(self.rules, "Triage &rules")
        self.tabs.currentChanged.connect(self._sync_bar)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton("&Save", self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert", self)
        self.revert_button.clicked.connect(self.refresh)
        self.bar = QWidget(self)
        buttons = QHBoxLayout(self.bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.bar)
        bridge.data_changed.connect(self._on_data_changed)
        bridge.navigate.connect(self._on_navigate)
        self.refresh()

    def _alias_fields(self) -> None:
        """Short names for the form's fields (tests and the screenshot tool use them)."""
        self.spins = self.thresholds.spins
        self.claim_info = self.thresholds.claim_info
        self.fm_total = self.thresholds.fm_total
        n = self.notifications
        self.notify_enabled, self.critical_quiet = n.notify_enabled, n.critical_quiet
        self.quiet_enabled, self.quiet_start, self.quiet_end = (
            n.quiet_enabled,
            n.quiet_start,
            n.quiet_end,
        )
        self.review_day, self.review_hour = n.review_day, n.review_hour
        self.db_path, self.data_folder = self.data.db_path, self.data.data_folder
        self.open_folder_button = self.data.open_folder_button
        self.backup_button, self.restore_button = (
            self.backups.backup_button,
            self.backups.restore_button,
        )
        self.backup_info = self.backups.info
        self.key_info, self.key_warning = self.privacy.key_info, self.privacy.key_warning

    # -- hooks the shell sets ----------------------------------------------------------------
    @property
    def before_restore(self) -> Callable[[], None] | None:
        """Called before a restore replaces the database: the shell stops background jobs."""
        return self.backups.before_restore

    @before_restore.setter
    def before_restore(self, hook: Callable[[], None] | None) -> None:
        self.backups.before_restore = hook

    @property
    def after_restore(self) -> Callable[[], None] | None:
        """Called after a restore, done or refused: the shell starts the jobs again."""
        return self.backups.after_restore

    @after_restore.setter
    def after_restore(self, hook: Callable[[], None] | None) -> None:
        self.backups.after_restore = hook

    @property
    def backup_dir(self) -> Path:
        return self.backups.backup_dir

    # -- load / save -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the stored values (also what Revert does)."""
        from storage.repository.settings import load_settings

        db = self._store.db
        s = load_settings(db)
        self.thresholds.load(s)
        self.notifications.load(db, s)
        self.watch.load(db)
        self.backups.load(db)
        self.privacy.show_key_location(self._store)
        self.message.clear()

    def settings_from_form(self) -> MetricSettings:
        from storage.repository.settings import load_settings

        values = load_settings(self._store.db).to_dict()  # keeps fields not shown here
        self.thresholds.apply(values)
        self.notifications.apply(values)
        return MetricSettings.from_dict(values)

    def validate(self, s: MetricSettings) -> str:
        """A sentence for the first inconsistent value, or "" when all is well."""
        for problem in (
            self.thresholds.validate(s),
            self.notifications.validate(),
            self.watch.validate(),
            self.backups.validate(),
        ):
            if problem:
                return problem
        return ""

    def save(self) -> bool:
        from storage.db import transaction
        from storage.repository.settings import save_settings

        s = self.settings_from_form()
        problem = self.validate(s)
        if problem:
            self.message.setText(problem)
            self.message.setStyleSheet(ERROR_STYLE)
            return False
        db = self._store.db
        with transaction(db):
            save_settings(db, s)
            self.notifications.save(db)
            self.watch.save(db)
            self.backups.save(db)
        self._say(f"Saved at {self._clock().strftime('%H:%M')} UTC.")
        self._bridge.settings_changed.emit()
        self._bridge.data_changed.emit()
        return True

    # -- actions (kept here for the menu and tests) ------------------------------------------
    def open_folder(self) -> None:
        self.data.open_folder()

    def back_up_now(self) -> Path | None:
        return self.backups.back_up_now()

    def restore(self) -> bool:
        return self.backups.restore()

    # -- reactions ---------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _sync_bar(self, index: int) -> None:
        self.bar.setVisible(index < len(FORM_TABS))

    def _on_restored(self) -> None:
        text = self.message.text()
        self.refresh()
        self.matrix.refresh()
        self.rules.refresh()
        self._say(text)
        self._bridge.data_changed.emit()

    def _on_data_changed(self) -> None:
        self.backups.show_info()

    def _on_navigate(self, screen: str, ref: str) -> None:
        if screen != self.screen_name:
            return
        self.refresh()
        tabs = {"matrix": 2, "escalation_matrix": 2, "rules": 3, "triage_rules": 3, "backups": 1}
        if ref in tabs:
            self.tabs.setCurrentIndex(tabs[ref])
