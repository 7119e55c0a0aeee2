"""The Linux launcher entry in a temporary home: the .desktop file and the icons, then none."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gui.desktop.desktop_entry import (
    desktop_entry_file,
    desktop_entry_installed,
    install_desktop_entry,
    remove_desktop_entry,
)
from gui.desktop.files import NotOurFile
from gui.desktop.xdg import entry_values
from resources import ICON_SIZES, icon_file, icon_png
from tests.desktop_files import files_under, parse_exec

COMMAND = ["/home/ann/.local/bin/account-health-monitor"]


def test_install_writes_the_entry_and_the_icon_and_remove_takes_exactly_them(
    tmp_path: Path,
) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "share")}
    assert not desktop_entry_installed(home=tmp_path, env=env, platform="linux")
    written = install_desktop_entry(command=COMMAND, home=tmp_path, env=env, platform="linux")

    entry = tmp_path / "share" / "applications" / "account-health-monitor.desktop"
    hicolor = tmp_path / "share" / "icons" / "hicolor"
    icons = [hicolor / f"{s}x{s}" / "apps" / "account-health-monitor.png" for s in ICON_SIZES]
    svg = hicolor / "scalable" / "apps" / "account-health-monitor.svg"
    assert written == [*icons, svg, entry]
    assert files_under(tmp_path) == sorted(written)
    for size, icon in zip(ICON_SIZES, icons, strict=True):
        assert icon.read_bytes() == icon_png(size).read_bytes()
    assert svg.read_bytes() == icon_file(".svg").read_bytes()
    values = entry_values(entry.read_bytes())
    assert parse_exec(values["Exec"]) == COMMAND  # the launcher opens the window: no --tray
    assert values["Icon"] == "account-health-monitor"
    assert desktop_entry_installed(home=tmp_path, env=env, platform="linux")

    assert sorted(remove_desktop_entry(home=tmp_path, env=env, platform="linux")) == sorted(written)
    assert files_under(tmp_path) == []
    assert remove_desktop_entry(home=tmp_path, env=env, platform="linux") == []


def test_the_default_folder_is_local_share(tmp_path: Path) -> None:
    path = desktop_entry_file(home=tmp_path, env={}, platform="linux")
    assert path == tmp_path / ".local" / "share" / "applications" / "account-health-monitor.desktop"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_launcher_entry_is_valid(tmp_path: Path) -> None:
    install_desktop_entry(command=COMMAND, home=tmp_path, env={}, platform="linux")
    entry = desktop_entry_file(home=tmp_path, env={}, platform="linux")
    done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_other_programs_files_stay(tmp_path: Path) -> None:
    install_desktop_entry(command=COMMAND, home=tmp_path, env={}, platform="linux")
    share = tmp_path / ".local" / "share"
    others = [
        share / "applications" / "other-app.desktop",
        share / "icons" / "hicolor" / "48x48" / "apps" / "other-app.png",
    ]
    for path in others:
        path.write_text("not ours\n")
    remove_desktop_entry(home=tmp_path, env={}, platform="linux")
    assert files_under(tmp_path) == sorted(others)


def test_a_foreign_entry_with_our_name_is_neither_replaced_nor_removed(tmp_path: Path) -> None:
    entry = desktop_entry_file(home=tmp_path, env={}, platform="linux")
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nType=Application\nName=Hand-made\nExec=ahm\n")
    with pytest.raises(NotOurFile):
        install_desktop_entry(command=COMMAND, home=tmp_path, env={}, platform="linux")
    assert remove_desktop_entry(home=tmp_path, env={}, platform="linux") == []
    assert files_under(tmp_path) == [entry]
    assert not desktop_entry_installed(home=tmp_path, env={}, platform="linux")


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_launcher_entries_are_for_linux_desktops(tmp_path: Path, platform: str) -> None:
    with pytest.raises(ValueError, match="Linux"):
        install_desktop_entry(command=COMMAND, home=tmp_path, env={}, platform=platform)
