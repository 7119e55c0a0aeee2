"""The Settings screen: round trip, validation, revert, backups and the key location."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.views.settings import SettingsView


@pytest.fixture
def view(qtbot: Any, store: Any, bridge: Any, clock: Any) -> SettingsView:
    v = SettingsView(store, bridge, clock)
    qtbot.addWidget(v)
    return v


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
    with qtbot.waitSignal(bridge.data_changed):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == "Saved at 15:00 UTC."
    s = load_settings(store.db)
    assert (s.odr_target, s.odr_window_days, s.due_soon_short_hours) == (0.8, 90, 6)
    assert (s.claim_info_hours, s.feedback_manager_total) == (72, 1234)
    assert quiet_hours(store.db) == ("21:30", "06:45")
    assert get_setting(store.db, "notify_enabled") is False
    again = SettingsView(store, bridge, clock)
    qtbot.addWidget(again)
    assert again.spins["odr_target"].value() == 0.8
    assert again.claim_info.currentData() == 72
    assert again.fm_total.value() == 1234
    assert again.quiet_enabled.isChecked() and again.quiet_start.time() == QTime(21, 30)
    assert not again.notify_enabled.isChecked()


def test_spin_ranges_refuse_nonsense(qtbot: Any, view: SettingsView) -> None:
    type_into(qtbot, view.spins["warn_ratio"], "5")
    assert view.spins["warn_ratio"].value() <= 1.0
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
    assert view.spins["lrr_target"].value() == 10.0


def test_data_folder_and_open_button(
    qtbot: Any, view: SettingsView, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
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
    backups = sorted(view.backup_dir.glob("backup-*.sqlite3"))  # type: ignore[union-attr]
    assert len(backups) == 1
    assert "latest 2026-11-20 15:00 UTC, 1 kept" in view.backup_info.text()
    set_setting(store.db, "marker", "after")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backups[0]), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert view.restore()
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
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert not view.restore()
    assert warnings and "junk.sqlite3" in warnings[0]
    assert get_setting(store.db, "marker") == "kept"


class FakeKeyStore:
    location = "file"
    key_file = Path("/data/account-health.sqlite3.key")
    fallback_reason = "the system keyring is not available"


def test_key_location_and_fallback_warning(view: SettingsView, store: Any) -> None:
    assert "system keyring" in view.key_info.text()
    assert not view.key_warning.isVisibleTo(view)
    store.key_store = FakeKeyStore()
    view.refresh()
    assert str(FakeKeyStore.key_file) in view.key_info.text()
    assert view.key_warning.isVisibleTo(view)
    assert "no system keyring is available" in view.key_warning.text()
