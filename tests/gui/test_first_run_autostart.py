"""The first-run page's "Start Account Health Monitor when I log in" box (off by default)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from gui.desktop.autostart import autostart_enabled, autostart_file, set_autostart
from gui.desktop.files import NotOurFile
from gui.first_run import FirstRunView
from tests.desktop_files import files_under

COMMAND = ["/opt/ahm/AccountHealthMonitor"]


def view_in(qtbot: Any, home: Path) -> FirstRunView:
    """The page writing into a temporary home, as the Linux desktop reads it."""
    where = {"home": home, "platform": "linux", "env": {}}
    view = FirstRunView(
        set_autostart=lambda on: set_autostart(on, command=COMMAND, **where),  # type: ignore[arg-type]
        autostart_enabled=partial(autostart_enabled, **where),  # type: ignore[arg-type]
    )
    qtbot.addWidget(view)
    return view


def test_the_box_is_off_by_default_and_writes_then_removes_the_entry(
    qtbot: Any, tmp_path: Path
) -> None:
    view = view_in(qtbot, tmp_path)
    box = view.autostart_box
    assert box.text().replace("&", "") == "Start Account Health Monitor when I log in"
    assert not box.isChecked()
    entry = autostart_file(home=tmp_path, platform="linux", env={})

    box.click()
    assert box.isChecked()
    assert files_under(tmp_path) == [entry]
    assert "Exec=/opt/ahm/AccountHealthMonitor --tray" in entry.read_text()
    assert str(entry) in view.autostart_note.text()

    box.click()
    assert not box.isChecked()
    assert files_under(tmp_path) == []
    assert view.autostart_note.text() == "It will not start when you log in."


def test_the_box_shows_an_entry_already_in_place(qtbot: Any, tmp_path: Path) -> None:
    set_autostart(True, command=COMMAND, home=tmp_path, platform="linux", env={})
    assert view_in(qtbot, tmp_path).autostart_box.isChecked()


def test_a_failure_is_a_sentence_and_the_box_goes_back(qtbot: Any, tmp_path: Path) -> None:
    def refuse(on: bool) -> Path:
        raise NotOurFile(tmp_path / "account-health-monitor.desktop")

    view = FirstRunView(set_autostart=refuse, autostart_enabled=lambda: False)
    qtbot.addWidget(view)
    view.autostart_box.click()
    assert not view.autostart_box.isChecked()
    note = view.autostart_note.text()
    assert note == (
        "Could not turn on start at login: another program's file of the same name is in "
        "the way and was left alone."
    )

    def no_access(on: bool) -> Path:
        raise PermissionError(13, "Permission denied", str(tmp_path / "autostart"))

    view._set_autostart = no_access
    view.autostart_box.click()
    assert not view.autostart_box.isChecked()
    assert view.autostart_note.text() == (
        "Could not turn on start at login: the start-up folder cannot be written."
    )  # no raw exception text (it goes to the log)
