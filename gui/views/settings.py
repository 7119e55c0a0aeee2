"""The Settings screen: metrics and warnings, data and backups, the escalation matrix, rules.

Four tabs. The first two are one form, read with one use case (`settings_page`) and
written with one (`save_settings_form`), both off the GUI thread; Revert reloads what is
stored. A change made elsewhere shows up when the form has no unsaved edits. The matrix
and the rules editors keep their own buttons (they are tables, and a rule change is
written at once); start at login is a file, written the moment its box is clicked.
The groups live in settings_*.py beside this file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.settings import MetricSettings
from gui.bridge import Bridge
from gui.display import clock_time
from gui.views.key_backup import KeyBox
from gui.views.matrix_editor import MatrixEditor
from gui.views.rules_editor import RulesEditor
from gui.views.screen import Screen
from gui.views.settings_backups import BackupsBox
from gui.views.settings_data import DataBox, PrivacyBox, WatchFolderBox
from gui.views.settings_desktop import AutostartBox
from gui.views.settings_held import HeldDataBox
from gui.views.settings_notifications import NotificationsBox
from gui.views.settings_reimbursements import ReimbursementsBox
from gui.views.settings_review_requests import ReviewRequestsBox
from gui.views.settings_thresholds import ThresholdsPanel
from services.changes import Changes
from services.settings import SettingsForm, SettingsPage, merged, save_settings_form, settings_page
from storage.db import Store

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
        store: Store,
        bridge: Bridge,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self._page: SettingsPage | None = None
        self.thresholds = ThresholdsPanel(self)
        self.notifications = NotificationsBox(self)
        self.autostart = AutostartBox(self)
        self.reimbursements = ReimbursementsBox(self)
        self.review_requests = ReviewRequestsBox(self)
        self.data = DataBox(Path(store.path), self)
        self.watch = WatchFolderBox(self)
        self.backups = BackupsBox(store, self.ops, clock, self)
        self.backups.message.connect(self._say)
        self.backups.restored.connect(self._on_restored)
        self.privacy = PrivacyBox(self)
        self.held = HeldDataBox(self.ops, clock, self)
        self.key_box = KeyBox(self.ops, self)
        self.key_box.message.connect(self._say)
        self.matrix = MatrixEditor(store, bridge, clock, self)
        self.rules = RulesEditor(store, bridge, clock, self)
        self._alias_fields()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(
            _scrolled(
                self,
                [self.thresholds],
                [self.notifications, self.autostart, self.reimbursements, self.review_requests],
            ),
            FORM_TABS[0],
        )
        self.tabs.addTab(
            _scrolled(
                self, [self.data, self.watch, self.privacy], [self.backups, self.key_box, self.held]
            ),
            FORM_TABS[1],
        )
        self.tabs.addTab(self.matrix, "Escalation &matrix")
        self.tabs.addTab(self.rules, "Triage &rules")
        self.tabs.currentChanged.connect(self._sync_bar)

        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.save_button = QPushButton("&Save", self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert", self)
        self.revert_button.clicked.connect(self.refresh)
        self.bar = QWidget(self)
        buttons = QHBoxLayout(self.bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.updating_label)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.bar)
        self._enable_form(False)
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
    def wants(self, changes: Changes) -> bool:
        return changes.settings

    def reload(self) -> None:
        """Stored values changed elsewhere: show them, unless the form has unsaved edits."""
        self.fetch(settings_page, lambda page: self._show(page, force=False))

    def refresh(self) -> None:
        """Show the stored values (also what Revert does) and whether start at login is on."""
        self.message.clear()
        self.autostart.load()
        self.fetch(settings_page, lambda page: self._show(page, force=True))

    def _show(self, page: SettingsPage, *, force: bool) -> None:
        if not force and self.dirty:
            return
        self._page = page
        self.thresholds.load(page.metrics)
        self.notifications.load(page.notifications, page.metrics)
        self.notifications.load_zone(page.local_time)
        self.reimbursements.load(page.reimbursements)
        self.review_requests.load(page.review_requests)
        self.watch.load(page.watch)
        self.backups.load(page.backups, page.backup_summary)
        self.privacy.show_key(page.key)
        self.held.refresh()
        self._enable_form(True)

    def _enable_form(self, on: bool) -> None:
        """Until the stored values are shown there is nothing to save or revert."""
        self.save_button.setEnabled(on)
        self.revert_button.setEnabled(on)

    @property
    def dirty(self) -> bool:
        """Whether the form holds edits that are not saved."""
        return self._page is not None and not self._page.holds(self.form())

    def form(self) -> SettingsForm:
        """What the form shows, as Save would write it."""
        values: dict[str, float | int | None] = {}
        self.thresholds.apply(values)
        self.notifications.apply(values)
        return SettingsForm(
            values,
            self.notifications.prefs(),
            self.watch.prefs(),
            self.backups.prefs(),
            self.reimbursements.settings(),
            self.review_requests.settings(),
            self.notifications.local_time(),
        )

    def settings_from_form(self) -> MetricSettings:
        """The stored settings with the form's values (fields not shown stay)."""
        stored = self._page.metrics if self._page is not None else MetricSettings()
        return merged(stored, self.form().metric_values)

    def validate(self, s: MetricSettings) -> str:
        """A sentence for the first inconsistent value, or "" when all is well."""
        for problem in (
            self.thresholds.validate(s),
            self.notifications.validate(),
            self.reimbursements.validate(),
            self.review_requests.validate(),
            self.watch.validate(),
            self.backups.validate(),
        ):
            if problem:
                return problem
        return ""

    def save(self) -> bool:
        """Check the form and write it in the background; False (with a sentence) if refused."""
        if self._page is None:
            return False
        form = self.form()
        problem = self.validate(self.settings_from_form())
        if problem:
            self.message.setText(problem)
            self.message.setStyleSheet(ERROR_STYLE)
            return False

        def saved(_changes: Changes) -> None:
            if self._page is not None:
                self._page = self._page.with_form(form)
            self._say(f"Saved at {clock_time(self._clock())}.")
            self._bridge.settings_changed.emit()  # the scheduler reschedules the weekly review

        self.write(lambda store: save_settings_form(store, form), saved)
        return True

    # -- actions (kept here for the menu and tests) ------------------------------------------
    def open_folder(self) -> None:
        self.data.open_folder()

    def back_up_now(self) -> None:
        self.backups.back_up_now()

    def restore(self) -> bool:
        return self.backups.restore()

    # -- reactions ---------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _sync_bar(self, index: int) -> None:
        self.bar.setVisible(index < len(FORM_TABS))

    def _on_restored(self) -> None:
        """Everything was broadcast as changed; the form and the editors show the new file."""
        text = self.message.text()
        self.refresh()
        self.matrix.refresh()
        self.rules.refresh()
        self._say(text)

    def _on_navigate(self, screen: str, ref: str) -> None:
        if screen != self.screen_name:
            return
        self.refresh()
        tabs = {"matrix": 2, "escalation_matrix": 2, "rules": 3, "triage_rules": 3, "backups": 1}
        if ref in tabs:
            self.tabs.setCurrentIndex(tabs[ref])
