"""The Settings screen: everything its form shows, read in one go and saved in one go.

The keys are the ones their readers use (storage.repository.warnings for the tray,
storage.watch_folder for the watched folder, storage.backup for the nightly job),
imported from there so writer and reader cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from core.format import DisplayPrefs
from core.reimbursements import ReimbursementSettings
from core.review_requests import ReviewRequestSettings
from core.settings import MetricSettings
from services.backups import (
    BackupPrefs,
    BackupSummary,
    backup_prefs,
    backup_summary,
    save_backup_prefs,
)
from services.changes import Changes
from storage.db import Store, transaction
from storage.repository.settings import (
    get_setting,
    load_reimbursement_settings,
    load_review_request_settings,
    load_settings,
    save_reimbursement_settings,
    save_review_request_settings,
    save_settings,
    set_setting,
)
from storage.repository.warnings import (
    CRITICAL_IN_QUIET_SETTING,
    NOTIFY_ENABLED_SETTING,
    QUIET_END_SETTING,
    QUIET_START_SETTING,
)
from storage.watch_folder import ENABLED_SETTING, PATH_SETTING

LOCAL_TIME_SETTING = "display_local_time"
"""Show times in the computer's zone (True, the default) or in UTC."""

MetricValues = Mapping[str, float | int | None]
"""MetricSettings fields by name; a form sends only the fields it shows."""


@dataclass(frozen=True, slots=True)
class NotificationPrefs:
    """Tray warnings on or off; quiet hours as local "HH:MM" ("" when off)."""

    enabled: bool = True
    quiet_start: str = ""
    quiet_end: str = ""
    critical_in_quiet: bool = True


@dataclass(frozen=True, slots=True)
class WatchPrefs:
    """The folder whose new report files are imported by themselves."""

    enabled: bool = False
    path: str = ""


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """Where the buyer-data key is kept: the system keyring, or a file (with why)."""

    in_file: bool
    key_file: Path | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class SettingsForm:
    """What Save writes: the metric fields shown, and the other groups whole.

    `reimbursements` None leaves the claim windows as stored (a form without them).
    """

    metric_values: MetricValues
    notifications: NotificationPrefs
    watch: WatchPrefs
    backups: BackupPrefs
    reimbursements: ReimbursementSettings | None = None
    review_requests: ReviewRequestSettings | None = None  # None: not shown, kept as stored
    local_time: bool | None = None  # None: not shown, kept as stored


@dataclass(frozen=True, slots=True)
class SettingsPage:
    metrics: MetricSettings
    notifications: NotificationPrefs
    watch: WatchPrefs
    backups: BackupPrefs
    backup_summary: BackupSummary
    key: KeyInfo
    reimbursements: ReimbursementSettings = field(default_factory=ReimbursementSettings)
    review_requests: ReviewRequestSettings = field(default_factory=ReviewRequestSettings)
    local_time: bool = True

    def holds(self, form: SettingsForm) -> bool:
        """Whether `form` shows exactly this page (no unsaved edits)."""
        stored = self.metrics.to_dict()
        groups = (form.notifications, form.watch, form.backups)
        return (
            all(stored.get(name) == value for name, value in form.metric_values.items())
            and groups == (self.notifications, self.watch, self.backups)
            and form.reimbursements in (None, self.reimbursements)
            and form.review_requests in (None, self.review_requests)
            and form.local_time in (None, self.local_time)
        )

    def with_form(self, form: SettingsForm) -> SettingsPage:
        """This page as it is once `form` was saved."""
        return SettingsPage(
            merged(self.metrics, form.metric_values),
            form.notifications,
            form.watch,
            form.backups,
            self.backup_summary,
            self.key,
            form.reimbursements or self.reimbursements,
            form.review_requests or self.review_requests,
            self.local_time if form.local_time is None else form.local_time,
        )


def merged(settings: MetricSettings, values: MetricValues) -> MetricSettings:
    """`settings` with the fields in `values` replaced (fields not shown stay)."""
    return MetricSettings.from_dict({**settings.to_dict(), **values})


def settings_page(store: Store) -> SettingsPage:
    db = store.db
    start = str(get_setting(db, QUIET_START_SETTING, "") or "")
    end = str(get_setting(db, QUIET_END_SETTING, "") or "")
    notifications = NotificationPrefs(
        bool(get_setting(db, NOTIFY_ENABLED_SETTING, True)),
        start if start and end else "",
        end if start and end else "",
        bool(get_setting(db, CRITICAL_IN_QUIET_SETTING, True)),
    )
    watch = WatchPrefs(
        bool(get_setting(db, ENABLED_SETTING, False)), str(get_setting(db, PATH_SETTING, "") or "")
    )
    backups = backup_prefs(store)
    return SettingsPage(
        load_settings(db),
        notifications,
        watch,
        backups,
        backup_summary(backups.folder_for(store.path)),
        key_location(store),
        load_reimbursement_settings(db),
        load_review_request_settings(db),
        local_time(store),
    )


def local_time(store: Store) -> bool:
    """Whether times show in the computer's zone (else UTC)."""
    return bool(get_setting(store.db, LOCAL_TIME_SETTING, True))


def display_prefs(store: Store, zone: tzinfo | None = None) -> DisplayPrefs:
    """The zone the seller chose for every time the app writes (tray texts included);
    `zone` is the local one (None: the computer's)."""
    return DisplayPrefs(local_time=local_time(store), local_zone=zone)


def key_location(store: Store) -> KeyInfo:
    keys = store.key_store
    if keys.location != "file":
        return KeyInfo(False)
    return KeyInfo(True, keys.key_file, keys.fallback_reason)


def save_settings_form(store: Store, form: SettingsForm) -> Changes:
    """Write the whole form in one transaction (fields the form does not show are kept)."""
    db = store.db
    with transaction(db):
        save_settings(db, merged(load_settings(db), form.metric_values))
        _save_notifications(store, form.notifications)
        _save_watch(store, form.watch)
        save_backup_prefs(store, form.backups)
        if form.reimbursements is not None:
            save_reimbursement_settings(db, form.reimbursements)
        if form.review_requests is not None:
            save_review_request_settings(db, form.review_requests)
        if form.local_time is not None:
            set_setting(db, LOCAL_TIME_SETTING, form.local_time)
    return Changes(settings=True)


def _save_notifications(store: Store, prefs: NotificationPrefs) -> None:
    db = store.db
    quiet = bool(prefs.quiet_start and prefs.quiet_end)
    set_setting(db, NOTIFY_ENABLED_SETTING, prefs.enabled)
    set_setting(db, QUIET_START_SETTING, prefs.quiet_start if quiet else "")
    set_setting(db, QUIET_END_SETTING, prefs.quiet_end if quiet else "")
    set_setting(db, CRITICAL_IN_QUIET_SETTING, prefs.critical_in_quiet)


def _save_watch(store: Store, prefs: WatchPrefs) -> None:
    db = store.db
    set_setting(db, ENABLED_SETTING, prefs.enabled)
    set_setting(db, PATH_SETTING, str(Path(prefs.path).expanduser()) if prefs.path else None)
