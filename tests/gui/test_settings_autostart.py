"""Settings' "Start Account Health Monitor when I log in" box: the real entry, written at once."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from gui.desktop import autostart
from gui.desktop.autostart import autostart_file, set_autostart
from gui.operations import wait_idle
from gui.views.settings import SettingsView
from tests.desktop_files import files_under
from tests.gui.test_settings_view import make_view as open_settings

COMMAND = ["/opt/ahm/AccountHealthMonitor"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This user's home and config folder are a temp folder (the real autostart stays alone)."""
    home = tmp_path / "home"  # the test's database is in tmp_path too
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setattr(autostart, "launch_command", lambda platform=None: COMMAND)
    return home


def click(qtbot: Any, view: SettingsView) -> None:
    qtbot.mouseClick(view.autostart.box, Qt.MouseButton.LeftButton)


def test_ticking_writes_the_entry_and_unticking_removes_it(
    qtbot: Any, home: Path, store: Any, bridge: Any, clock: Any
) -> None:
    view = open_settings(qtbot, store, bridge, clock)
    box = view.autostart.box
    assert box.text().replace("&", "") == "Start Account Health Monitor when I log in"
    assert not box.isChecked()
    entry = home / ".config" / "autostart" / "account-health-monitor.desktop"
    assert autostart_file() == entry

    click(qtbot, view)
    assert box.isChecked()
    assert files_under(home) == [entry]
    assert "Exec=/opt/ahm/AccountHealthMonitor --tray" in entry.read_text()
    assert view.autostart.note.text() == f"It will start in the tray when you log in ({entry})."
    assert open_settings(qtbot, store, bridge, clock).autostart.box.isChecked()

    click(qtbot, view)
    assert not box.isChecked()
    assert files_under(home) == []
    assert view.autostart.note.text() == "It will not start when you log in."
    assert not open_settings(qtbot, store, bridge, clock).autostart.box.isChecked()
    assert not view.dirty  # not part of the Save/Revert form


def test_the_box_shows_the_entry_as_it_is_when_the_screen_opens(
    qtbot: Any, home: Path, store: Any, bridge: Any, clock: Any
) -> None:
    set_autostart(True, command=COMMAND)
    view = open_settings(qtbot, store, bridge, clock)
    assert view.autostart.box.isChecked()
    autostart_file().unlink()  # removed by hand while the app runs
    bridge.navigate.emit("settings", "")  # going back to the screen
    assert wait_idle()
    assert not view.autostart.box.isChecked()


def test_a_refused_write_is_one_sentence_and_the_box_goes_back(
    qtbot: Any,
    home: Path,
    store: Any,
    bridge: Any,
    clock: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    view = open_settings(qtbot, store, bridge, clock)

    def no_access(enabled: bool) -> Path:
        raise PermissionError(13, "Permission denied", str(home / ".config" / "autostart"))

    monkeypatch.setattr(autostart, "set_autostart", no_access)
    with caplog.at_level(logging.WARNING, logger="gui.views.settings_desktop"):
        click(qtbot, view)
    assert not view.autostart.box.isChecked()
    note = view.autostart.note.text()
    assert note == "Could not turn on start at login: the start-up folder cannot be written."
    assert "Permission denied" not in note
    assert "Permission denied" in caplog.text
    assert files_under(home) == []


def test_someone_elses_file_is_left_alone_and_said_so(
    qtbot: Any, home: Path, store: Any, bridge: Any, clock: Any
) -> None:
    foreign = autostart_file()
    foreign.parent.mkdir(parents=True)
    foreign.write_text("[Desktop Entry]\nExec=something-else\n")
    view = open_settings(qtbot, store, bridge, clock)
    assert not view.autostart.box.isChecked()
    click(qtbot, view)
    assert not view.autostart.box.isChecked()
    assert view.autostart.note.text() == (
        "Could not turn on start at login: another program's file of the same name is in "
        "the way and was left alone."
    )
    assert foreign.read_text() == "[Desktop Entry]\nExec=something-else\n"


def test_a_refused_removal_puts_the_tick_back(
    qtbot: Any, home: Path, store: Any, bridge: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_autostart(True, command=COMMAND)
    view = open_settings(qtbot, store, bridge, clock)

    def read_only(enabled: bool) -> Path:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(autostart, "set_autostart", read_only)
    click(qtbot, view)
    assert view.autostart.box.isChecked()
    assert view.autostart.note.text() == (
        "Could not turn off start at login: the start-up entry cannot be removed."
    )
    assert autostart_file().is_file()
