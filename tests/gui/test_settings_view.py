"""The Settings screen: round trip, validation, revert, folders, backups, restore hooks, keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui import plain
from gui.operations import wait_idle
from gui.views.settings import SettingsView


def make_view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> SettingsView:
    """A settings screen on screen, with the stored values loaded (in the background)."""
    v = SettingsView(store, bridge, clock)
    qtbot.addWidget(v)
    v.show()
    assert wait_idle()
    return v


@pytest.fixture
def view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> SettingsView:
    return make_view(qtbot, store, bridge, clock)


def type_into(qtbot: Any, spin: Any, text: str) -> None:
    spin.selectAll()
    spin.lineEdit().clear()
    qtbot.keyClicks(spin.lineEdit(), text)
    spin.interpretText()


def test_defaults_shown(view: SettingsView) -> None:
    assert view.spins["odr_target"].value() == 1.0
    assert view.spins["odr_lag_days"].value() == 14
    assert view.claim_info.currentData() == 48
    assert view.fm_total.text() == "Not set"
    assert view.notify_enabled.isChecked()
    assert not view.quiet_enabled.isChecked()
    assert not view.quiet_start.isEnabled()


def test_round_trip(qtbot: Any, view: SettingsView, store: Any, bridge: Any, clock: Any) -> None:
    from storage.repository.settings import get_setting, load_settings
    from storage.repository.warnings import quiet_hours

    type_into(qtbot, view.spins["odr_target"], "0.8")
    type_into(qtbot, view.spins["odr_window_days"], "90")
    type_into(qtbot, view.spins["due_soon_short_hours"], "6")
    view.claim_info.setCurrentIndex(view.claim_info.findData(72))
    type_into(qtbot, view.fm_total, "1234")
    view.quiet_enabled.setChecked(True)
    view.quiet_start.setTime(QTime(21, 30))
    view.quiet_end.setTime(QTime(6, 45))
    view.notify_enabled.setChecked(False)
    with qtbot.waitSignals([bridge.settings_changed, bridge.changed]):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert view.message.text() == "Saved at 15:00 UTC."
    s = load_settings(store.db)
    assert (s.odr_target, s.odr_window_days, s.due_soon_short_hours) == (0.8, 90, 6)
    assert (s.claim_info_hours, s.feedback_manager_total) == (72, 1234)
    assert quiet_hours(store.db) == ("21:30", "06:45")
    assert get_setting(store.db, "notify_enabled") is False
    again = make_view(qtbot, store, bridge, clock)
    assert again.spins["odr_target"].value() == 0.8
    assert again.claim_info.currentData() == 72
    assert again.fm_total.value() == 1234
    assert again.quiet_enabled.isChecked() and again.quiet_start.time() == QTime(21, 30)
    assert not again.notify_enabled.isChecked()


def test_spin_ranges_refuse_nonsense(qtbot: Any, view: SettingsView) -> None:
    type_into(qtbot, view.spins["warn_ratio"], "500")
    assert view.spins["warn_ratio"].value() <= 100
    type_into(qtbot, view.spins["odr_lag_days"], "-3")
    assert view.spins["odr_lag_days"].value() >= 0


def test_inconsistent_values_are_not_saved(qtbot: Any, view: SettingsView, store: Any) -> None:
    from storage.repository.settings import load_settings

    type_into(qtbot, view.spins["nfr_warning"], "12")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == (
        "The negative feedback warning level must be below the breach level."
    )
    assert load_settings(store.db).nfr_warning == 5.0


def test_revert_reloads_stored_values(qtbot: Any, view: SettingsView) -> None:
    type_into(qtbot, view.spins["lrr_target"], "20")
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert view.spins["lrr_target"].value() == 10.0


def test_data_folder_and_open_button(
    qtbot: Any, view: SettingsView, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    assert view.db_path.text() == str(store.path) and view.db_path.isReadOnly()
    qtbot.mouseClick(view.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].toLocalFile() == str(Path(store.path).parent)


def test_back_up_and_restore(
    qtbot: Any, view: SettingsView, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.repository.settings import get_setting, set_setting

    assert view.backup_button.isEnabled()
    set_setting(store.db, "marker", "before")
    qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    backups = sorted(view.backup_dir.glob("backup-*.sqlite3"))
    assert len(backups) == 1
    assert "latest Nov 20, 2026 15:00 UTC, 1 kept" in view.backup_info.text()
    set_setting(store.db, "marker", "after")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backups[0]), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(view.backups.restore_finished) as done:
        assert view.restore()
    assert done.args == [True]
    assert get_setting(store.db, "marker") == "before"


def test_restore_of_a_bad_file_is_refused(
    qtbot: Any, view: SettingsView, store: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from storage.repository.settings import get_setting, set_setting

    set_setting(store.db, "marker", "kept")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all")
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(plain, "warning", lambda _p, _t, text: warnings.append(text))
    with qtbot.waitSignal(view.backups.restore_finished) as done:
        view.restore()
    assert done.args == [False]  # refused
    assert warnings and "junk.sqlite3" in warnings[0]
    assert get_setting(store.db, "marker") == "kept"


class FakeKeyStore:
    location = "file"
    key_file = Path("/data/account-health.sqlite3.key")
    fallback_reason = "the system keyring is not available"


def test_key_location_and_fallback_warning(view: SettingsView, store: Any) -> None:
    assert "system keyring" in view.key_info.text()
    assert not view.key_warning.isVisibleTo(view.privacy)
    store.key_store = FakeKeyStore()
    view.refresh()
    assert wait_idle()
    assert str(FakeKeyStore.key_file) in view.key_info.text()
    assert view.key_warning.isVisibleTo(view.privacy)
    assert "no system keyring is available" in view.key_warning.text()


def click_save(qtbot: Any, view: SettingsView) -> None:
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert wait_idle()  # the form is written in the background


def test_notification_keys_are_the_ones_the_notifier_reads(
    qtbot: Any, view: SettingsView, store: Any
) -> None:
    from storage.repository.warnings import (
        critical_in_quiet_hours,
        notifications_enabled,
        quiet_hours,
    )

    assert notifications_enabled(store.db) and quiet_hours(store.db) == ("", "")
    view.quiet_enabled.setChecked(True)
    view.quiet_start.setTime(QTime(23, 0))
    view.quiet_end.setTime(QTime(6, 0))
    view.critical_quiet.setChecked(False)
    view.notify_enabled.setChecked(False)
    click_save(qtbot, view)
    assert quiet_hours(store.db) == ("23:00", "06:00")
    assert not critical_in_quiet_hours(store.db)
    assert not notifications_enabled(store.db)
    view.quiet_enabled.setChecked(False)
    click_save(qtbot, view)
    assert quiet_hours(store.db) == ("", "")


def test_quiet_hours_must_differ(qtbot: Any, view: SettingsView) -> None:
    view.quiet_enabled.setChecked(True)
    view.quiet_start.setTime(QTime(7, 0))
    view.quiet_end.setTime(QTime(7, 0))
    click_save(qtbot, view)
    assert view.message.text() == "Quiet hours must start and end at different times."


def test_watched_folder_round_trip(
    qtbot: Any,
    view: SettingsView,
    store: Any,
    bridge: Any,
    clock: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storage.repository.settings import get_setting
    from storage.watch_folder import ENABLED_SETTING, PATH_SETTING

    assert not view.watch.enabled.isChecked() and not view.watch.path.isEnabled()
    view.watch.enabled.setChecked(True)
    assert view.watch.path.isEnabled()
    click_save(qtbot, view)
    assert view.message.text() == "Choose the folder to watch, or untick the watched folder."
    missing = tmp_path / "nowhere"
    view.watch.path.setText(str(missing))
    click_save(qtbot, view)
    assert view.message.text() == f"The watched folder {missing} does not exist."
    assert get_setting(store.db, ENABLED_SETTING) is None  # nothing written
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(downloads))
    qtbot.mouseClick(view.watch.choose_button, Qt.MouseButton.LeftButton)
    assert view.watch.path.text() == str(downloads)
    click_save(qtbot, view)
    assert view.message.text() == "Saved at 15:00 UTC."
    assert get_setting(store.db, ENABLED_SETTING) is True
    assert get_setting(store.db, PATH_SETTING) == str(downloads)
    again = make_view(qtbot, store, bridge, clock)
    assert again.watch.enabled.isChecked() and again.watch.path.text() == str(downloads)


def test_watched_folder_is_what_the_scheduler_polls(
    qtbot: Any, view: SettingsView, store: Any, bridge: Any, clock: Any, tmp_path: Path
) -> None:
    from datetime import UTC

    from gui.scheduler import JobRunner

    folder = tmp_path / "drop"
    folder.mkdir()
    runner = JobRunner(store, bridge, clock, scheduler=object(), local_tz=UTC)
    assert runner.poll_watched_folder() == []
    assert runner._folder is None  # off
    view.watch.enabled.setChecked(True)
    view.watch.path.setText(str(folder))
    click_save(qtbot, view)
    runner.poll_watched_folder()
    assert runner._folder is not None and runner._folder.path == folder


def test_backup_settings_round_trip(
    qtbot: Any, view: SettingsView, store: Any, bridge: Any, clock: Any, tmp_path: Path
) -> None:
    from datetime import UTC

    from gui.scheduler import JobRunner
    from storage.repository.settings import get_setting

    runner = JobRunner(store, bridge, clock, scheduler=object(), local_tz=UTC)
    assert view.backup_dir == runner.backup_dir(store.db)  # the same default folder
    assert (view.backups.keep_daily.value(), view.backups.keep_weekly.value()) == (7, 4)
    chosen = tmp_path / "elsewhere"
    view.backups.folder.setText(str(chosen))
    type_into(qtbot, view.backups.keep_daily, "3")
    type_into(qtbot, view.backups.keep_weekly, "2")
    click_save(qtbot, view)
    assert get_setting(store.db, "backup_dir") == str(chosen)
    assert (
        get_setting(store.db, "backup_keep_daily"),
        get_setting(store.db, "backup_keep_weekly"),
    ) == (3, 2)
    assert runner.backup_dir(store.db) == chosen == view.backup_dir
    qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert len(list(chosen.glob("backup-*.sqlite3"))) == 1
    assert str(chosen) in view.backup_info.text()
    view.backups.folder.clear()  # empty: back to the default folder
    click_save(qtbot, view)
    assert get_setting(store.db, "backup_dir") is None
    assert runner.backup_dir(store.db) == view.backup_dir


def test_backup_folder_that_is_a_file_is_refused(
    qtbot: Any, view: SettingsView, tmp_path: Path
) -> None:
    afile = tmp_path / "a-file"
    afile.write_text("x")
    view.backups.folder.setText(str(afile))
    click_save(qtbot, view)
    assert view.message.text() == f"The backup folder {afile} is a file, not a folder."


@pytest.mark.parametrize("good", [True, False])
def test_restore_stops_and_restarts_jobs(
    qtbot: Any,
    view: SettingsView,
    store: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    good: bool,
) -> None:
    calls: list[str] = []
    view.before_restore = lambda: calls.append("stop")
    view.after_restore = lambda: calls.append("start")
    if good:
        with qtbot.waitSignal(view.backups.backup_finished) as made:
            view.back_up_now()
        chosen = made.args[0]
        assert chosen is not None and chosen.parent == view.backup_dir
    else:
        chosen = tmp_path / "junk.sqlite3"
        chosen.write_bytes(b"junk")
        monkeypatch.setattr(plain, "warning", lambda *a: None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(view.backups.restore_finished) as done:
        assert view.restore()
    assert done.args == [good]
    assert calls == ["stop", "start"]
    if good:
        assert view.message.text() == f"Restored {chosen.name}."


def test_restore_cancelled_leaves_jobs_alone(
    view: SettingsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    view.before_restore = lambda: calls.append("stop")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert not view.restore()
    assert calls == []


def test_tabs_and_the_save_bar(view: SettingsView, bridge: Any) -> None:
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert titles == [
        "Metrics && warnings",
        "Data && backups",
        "Escalation &matrix",
        "Triage &rules",
    ]
    assert not view.bar.isHidden()
    view.tabs.setCurrentWidget(view.matrix)
    assert view.bar.isHidden()  # the matrix has its own Save
    bridge.navigate.emit("settings", "rules")
    assert view.tabs.currentWidget() is view.rules
    view.tabs.setCurrentIndex(1)
    assert not view.bar.isHidden()


def test_app_shell_wires_the_restore_hooks(
    qtbot: Any, store: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gui.scheduler
    from gui.app import AppShell

    events: list[str] = []

    class FakeRunner:
        def __init__(self, *_a: Any, **_k: Any) -> None:
            events.append("new")

        def start(self) -> None:
            events.append("start")

        def shutdown(self, wait: bool = True) -> None:
            events.append(f"shutdown(wait={wait})")

    monkeypatch.setattr(gui.scheduler, "JobRunner", FakeRunner)
    shell = AppShell(store, clock, tray_available=False)
    qtbot.addWidget(shell.window)
    settings = shell.window.screens["settings"]
    assert isinstance(settings, SettingsView)
    assert settings.before_restore == shell.pause_jobs
    assert settings.after_restore == shell.resume_jobs
    settings.before_restore()
    assert shell.runner is None
    settings.after_restore()
    assert isinstance(shell.runner, FakeRunner)
    assert events == ["new", "shutdown(wait=True)", "new", "start"]
    shell.resume_jobs()  # not paused: nothing happens
    assert events[-1] == "start" and len(events) == 4


def test_save_broadcasts_a_settings_change_and_asks_for_a_reschedule(
    qtbot: Any, view: SettingsView, bridge: Any
) -> None:
    from services.changes import Changes

    changed: list[Changes] = []
    bridge.changed.connect(changed.append)
    type_into(qtbot, view.spins["odr_target"], "0.9")
    with qtbot.waitSignal(bridge.settings_changed):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert changed == [Changes(settings=True)]
    assert not view.dirty


def test_a_change_made_elsewhere_shows_unless_the_form_has_unsaved_edits(
    qtbot: Any, view: SettingsView, store: Any, bridge: Any
) -> None:
    from services.changes import Changes
    from storage.repository.settings import set_setting

    set_setting(store.db, "feedback_manager_total", 250)  # e.g. typed on the dashboard
    bridge.changed.emit(Changes(settings=True))
    assert wait_idle()
    assert view.fm_total.value() == 250 and not view.dirty
    type_into(qtbot, view.spins["lrr_target"], "20")
    assert view.dirty
    set_setting(store.db, "feedback_manager_total", 300)
    bridge.changed.emit(Changes(settings=True))
    assert wait_idle()
    assert view.spins["lrr_target"].value() == 20.0  # the seller's edit is not lost
    assert view.fm_total.value() == 250
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert (view.spins["lrr_target"].value(), view.fm_total.value()) == (10.0, 300)


def test_a_restore_broadcasts_that_everything_changed(
    qtbot: Any, view: SettingsView, bridge: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from services.changes import Changes

    with qtbot.waitSignal(view.backups.backup_finished) as made:
        view.back_up_now()
    changed: list[Changes] = []
    bridge.changed.connect(changed.append)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made.args[0]), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(view.backups.restore_finished):
        assert view.restore()
    assert changed == [Changes.everything()]


def test_the_settings_screen_never_reads_the_database_on_the_gui_thread(
    qtbot: Any, store: Any, bridge: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.db_guard import gui_thread_db_calls

    with gui_thread_db_calls(monkeypatch) as calls:
        view = make_view(qtbot, store, bridge, clock)
        type_into(qtbot, view.spins["odr_target"], "0.7")
        click_save(qtbot, view)
        qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
        view.tabs.setCurrentWidget(view.matrix)
        view.tabs.setCurrentWidget(view.rules)
        with qtbot.waitSignal(view.backups.backup_finished) as made:
            view.back_up_now()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made.args[0]), ""))
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        with qtbot.waitSignal(view.backups.restore_finished) as done:
            view.restore()
        assert wait_idle()
    assert calls == []
    assert done.args == [True] and view.spins["odr_target"].value() == 0.7
