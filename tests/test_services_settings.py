"""services.settings, services.backups and services.triage_rules: the Settings use cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.settings import MetricSettings
from core.triage import DEFAULT_MATRIX, DEFAULT_RULES, MatrixError, TriageRule
from services.backups import (
    BackupPrefs,
    back_up,
    backup_prefs,
    backup_summary,
    restore_backup,
    save_backup_prefs,
)
from services.changes import Changes
from services.settings import (
    NotificationPrefs,
    SettingsForm,
    WatchPrefs,
    save_settings_form,
    settings_page,
)
from services.triage_rules import (
    delete_triage_rule,
    escalation_matrix,
    restore_shipped_rules,
    save_escalation_matrix,
    save_triage_rule,
    triage_rules,
)
from storage.backup import RestoreRefused
from storage.repository.settings import get_setting, load_settings, set_setting

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def form(**changes: Any) -> SettingsForm:
    base = SettingsForm({"odr_target": 1.0}, NotificationPrefs(), WatchPrefs(), BackupPrefs())
    return replace(base, **changes)


def test_a_new_database_shows_the_defaults(store: Any) -> None:
    page = settings_page(store)
    assert page.metrics == MetricSettings()
    assert page.notifications == NotificationPrefs(True, "", "", True)
    assert page.watch == WatchPrefs(False, "")
    assert page.backups == BackupPrefs("", 7, 4)
    assert page.backup_summary.folder == Path(store.path).parent / "backups"
    assert (page.backup_summary.count, page.backup_summary.latest) == (0, None)
    assert not page.key.in_file


def test_save_writes_the_form_and_keeps_the_fields_it_does_not_show(
    store: Any, tmp_path: Path
) -> None:
    set_setting(store.db, "stale_days", 3)  # not on the form
    set_setting(store.db, "feedback_manager_total", 500)
    changes = save_settings_form(
        store,
        form(
            metric_values={"odr_target": 0.8, "weekly_review_hour": 7},
            notifications=NotificationPrefs(False, "21:30", "06:45", False),
            watch=WatchPrefs(True, str(tmp_path)),
            backups=BackupPrefs(str(tmp_path / "b"), 3, 2),
        ),
    )
    assert changes == Changes(settings=True)
    s = load_settings(store.db)
    assert (s.odr_target, s.weekly_review_hour) == (0.8, 7)
    assert (s.stale_days, s.feedback_manager_total) == (3, 500)
    page = settings_page(store)
    assert page.notifications == NotificationPrefs(False, "21:30", "06:45", False)
    assert page.watch == WatchPrefs(True, str(tmp_path))
    assert page.backups == BackupPrefs(str(tmp_path / "b"), 3, 2)
    shown = {f: getattr(page, f) for f in ("notifications", "watch", "backups")}
    assert page.holds(form(metric_values={"odr_target": 0.8}, **shown))


def test_quiet_hours_off_store_empty_times_and_a_home_path_is_expanded(store: Any) -> None:
    save_settings_form(
        store,
        form(notifications=NotificationPrefs(True, "", "07:00"), watch=WatchPrefs(True, "~/x")),
    )
    assert get_setting(store.db, "quiet_hours_start") == ""
    assert get_setting(store.db, "quiet_hours_end") == ""
    assert get_setting(store.db, "watch_folder_path") == str(Path("~/x").expanduser())


def test_holds_and_with_form(store: Any) -> None:
    page = settings_page(store)
    same = form(metric_values={"odr_target": 1.0, "odr_window_days": 60})
    assert page.holds(same)
    edited = form(metric_values={"odr_target": 0.5})
    assert not page.holds(edited)
    assert not page.holds(form(watch=WatchPrefs(True, "")))
    saved = page.with_form(edited)
    assert saved.metrics.odr_target == 0.5 and saved.holds(edited)


def test_backup_prefs_round_trip_and_a_backup_with_its_rotation(store: Any, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    prefs = BackupPrefs(str(folder), 1, 0)
    assert save_backup_prefs(store, prefs) == Changes(settings=True)
    assert backup_prefs(store) == prefs
    first = back_up(store, prefs, NOW - timedelta(days=1))
    made = back_up(store, prefs, NOW)
    assert made.path.parent == folder and made.path.exists()
    assert not first.path.exists()  # one a day for one day: the older one went
    assert (made.summary.count, made.summary.latest) == (1, NOW)
    assert backup_summary(folder) == made.summary
    assert backup_summary(tmp_path / "none").count == 0


def test_restore_brings_the_data_back_and_everything_changed(store: Any, tmp_path: Path) -> None:
    set_setting(store.db, "marker", "before")
    made = back_up(store, BackupPrefs(str(tmp_path / "b")), NOW)
    set_setting(store.db, "marker", "after")
    assert restore_backup(store, made.path, tmp_path / "b", NOW) == Changes.everything()
    assert get_setting(store.db, "marker") == "before"
    kept = [p.name for p in (tmp_path / "b").iterdir() if p.name.startswith("pre-restore-")]
    assert len(kept) == 1  # the data it replaced


def test_a_bad_backup_is_refused_and_the_data_stays(store: Any, tmp_path: Path) -> None:
    set_setting(store.db, "marker", "kept")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database")
    with pytest.raises(RestoreRefused, match="junk.sqlite3"):
        restore_backup(store, junk, tmp_path / "b", NOW)
    assert get_setting(store.db, "marker") == "kept"


def test_rule_edits_change_the_triage_rules(store: Any) -> None:
    rules = triage_rules(store)
    assert len(rules) == len(DEFAULT_RULES)
    changed = Changes(triage_rules=True)
    assert (
        save_triage_rule(store, TriageRule("delivery_issue", "courier", origin="seller")) == changed
    )
    courier = next(r for r in triage_rules(store) if r.pattern == "courier")
    assert courier.id is not None
    assert save_triage_rule(store, replace(courier, enabled=False)) == changed
    assert not next(r for r in triage_rules(store) if r.id == courier.id).enabled
    refund = next(r for r in triage_rules(store) if r.pattern == "refund*")
    assert refund.id is not None
    assert delete_triage_rule(store, refund.id) == changed
    assert restore_shipped_rules(store) == changed
    patterns = [r.pattern for r in triage_rules(store)]
    assert "refund*" in patterns and "courier" in patterns
    with pytest.raises(KeyError):
        save_triage_rule(store, replace(courier, id=10_000))


def test_the_matrix_is_saved_whole_or_refused(store: Any) -> None:
    rows = escalation_matrix(store)
    assert sorted(r.contact_type for r in rows) == sorted(r.contact_type for r in DEFAULT_MATRIX)
    mine = [replace(r, owner="Sam") for r in rows]
    assert save_escalation_matrix(store, mine) == Changes(triage_rules=True)
    assert escalation_matrix(store) == mine
    with pytest.raises(MatrixError, match="appears twice"):
        save_escalation_matrix(store, [*mine, mine[0]])
    assert escalation_matrix(store) == mine
