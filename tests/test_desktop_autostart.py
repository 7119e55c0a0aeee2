"""Start at login on each platform, written into a temporary home: one file, ours, removable.

Each writer runs here whatever the OS (the platform is a parameter): the test reads
back the file it wrote (the .desktop Exec line decoded as the Desktop Entry spec
says, the plist with plistlib, the .cmd byte for byte) and checks that turning it
off removes that file and nothing else.
"""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from gui.desktop.autostart import autostart_enabled, autostart_file, set_autostart
from gui.desktop.command import launch_command
from gui.desktop.files import NotOurFile
from gui.desktop.xdg import entry_values
from tests.desktop_files import files_under, parse_exec

ROOT = Path(__file__).resolve().parents[1]
COMMAND = ["/opt/Account Health/bin/account-health-monitor", "--db", '/data/50% $HOME\'s "db"']
"""A path with every character the Exec quoting must protect (quotes: not on Windows)."""
PORTABLE = ["/opt/Account Health/bin/account-health-monitor", "--db", "/data/50% a.sqlite3"]


def test_off_by_default_then_on_writes_one_desktop_file_then_off_removes_it(tmp_path: Path) -> None:
    env: dict[str, str] = {}
    assert not autostart_enabled(home=tmp_path, platform="linux", env=env)
    path = set_autostart(True, command=COMMAND, home=tmp_path, platform="linux", env=env)

    assert path == tmp_path / ".config" / "autostart" / "account-health-monitor.desktop"
    assert files_under(tmp_path) == [path]
    values = entry_values(path.read_bytes())
    assert parse_exec(values["Exec"]) == [*COMMAND, "--tray"]
    assert values["Type"] == "Application" and values["Name"] == "Account Health Monitor"
    assert Path(values["Icon"]).is_file()
    assert autostart_enabled(home=tmp_path, platform="linux", env=env)

    set_autostart(False, home=tmp_path, platform="linux", env=env)
    assert files_under(tmp_path) == []
    assert not autostart_enabled(home=tmp_path, platform="linux", env=env)


def test_xdg_config_home_is_honoured(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    path = set_autostart(True, command=COMMAND, home=tmp_path / "home", platform="linux", env=env)
    assert path == tmp_path / "cfg" / "autostart" / "account-health-monitor.desktop"
    relative = {"XDG_CONFIG_HOME": "cfg"}  # not absolute: ignored, as the spec says
    assert autostart_file(home=tmp_path, platform="freebsd14", env=relative).parent == (
        tmp_path / ".config" / "autostart"
    )


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_autostart_entry_is_valid(tmp_path: Path) -> None:
    path = set_autostart(True, command=COMMAND, home=tmp_path, platform="linux", env={})
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_macos_writes_a_launch_agent(tmp_path: Path) -> None:
    path = set_autostart(True, command=COMMAND, home=tmp_path, platform="darwin", env={})

    assert path == tmp_path / "Library" / "LaunchAgents" / "com.accounthealthmonitor.app.plist"
    assert files_under(tmp_path) == [path]
    agent = plistlib.loads(path.read_bytes())
    assert agent == {
        "Label": "com.accounthealthmonitor.app",
        "ProgramArguments": [*COMMAND, "--tray"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    assert autostart_enabled(home=tmp_path, platform="darwin", env={})
    set_autostart(False, home=tmp_path, platform="darwin", env={})
    assert files_under(tmp_path) == []


def test_windows_writes_a_cmd_in_the_startup_folder(tmp_path: Path) -> None:
    env = {"APPDATA": str(tmp_path / "Roaming")}
    command = [
        r"C:\Users\Ann Lee\pipx\venvs\ahm\Scripts\account-health-monitor.exe",
        "--db",
        r"D:\50% data\a.sqlite3",
    ]
    path = set_autostart(True, command=command, home=tmp_path, platform="win32", env=env)

    startup = tmp_path / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    assert path == startup / "Account Health Monitor.cmd"
    assert files_under(tmp_path) == [path]
    assert path.read_bytes() == (
        b"@echo off\r\n"
        b"rem account-health-monitor autostart\r\n"
        b"rem Starts Account Health Monitor in the tray when you log in. Written by the app: turning\r\n"
        b'rem "Start at login" off in its Settings deletes this file.\r\n'
        b'start "" "C:\\Users\\Ann Lee\\pipx\\venvs\\ahm\\Scripts\\account-health-monitor.exe"'
        b' --db "D:\\50%% data\\a.sqlite3" --tray\r\n'
    )
    assert autostart_enabled(home=tmp_path, platform="win32", env=env)
    set_autostart(False, home=tmp_path, platform="win32", env=env)
    assert files_under(tmp_path) == []


def test_windows_reads_a_non_ascii_path_as_utf8(tmp_path: Path) -> None:
    env = {"APPDATA": str(tmp_path)}
    path = set_autostart(
        True, command=[r"C:\Users\José\ahm.exe"], home=tmp_path, platform="win32", env=env
    )
    lines = path.read_bytes().split(b"\r\n")
    assert lines[-3:] == [
        b"chcp 65001 >nul",
        'start "" "C:\\Users\\José\\ahm.exe" --tray'.encode(),
        b"",
    ]


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_turning_it_on_twice_or_off_twice_is_harmless(tmp_path: Path, platform: str) -> None:
    env = {"APPDATA": str(tmp_path / "AppData")}
    first = set_autostart(True, command=PORTABLE, home=tmp_path, platform=platform, env=env)
    second = set_autostart(True, command=PORTABLE[:1], home=tmp_path, platform=platform, env=env)
    assert first == second and files_under(tmp_path) == [first]
    set_autostart(False, home=tmp_path, platform=platform, env=env)
    set_autostart(False, home=tmp_path, platform=platform, env=env)
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_another_programs_files_are_never_touched(tmp_path: Path, platform: str) -> None:
    env = {"APPDATA": str(tmp_path / "AppData")}
    ours = autostart_file(home=tmp_path, platform=platform, env=env)
    ours.parent.mkdir(parents=True)
    neighbour = ours.parent / ("other-app" + ours.suffix)
    neighbour.write_text("[Desktop Entry]\nExec=other-app\n")
    ours.write_text("someone else's file with our name\n")

    with pytest.raises(NotOurFile, match="was not written by Account Health Monitor"):
        set_autostart(True, command=PORTABLE, home=tmp_path, platform=platform, env=env)
    set_autostart(False, home=tmp_path, platform=platform, env=env)

    assert ours.read_text() == "someone else's file with our name\n"
    assert neighbour.read_text() == "[Desktop Entry]\nExec=other-app\n"
    assert not autostart_enabled(home=tmp_path, platform=platform, env=env)


def test_the_default_command_starts_this_installation_in_the_tray(tmp_path: Path) -> None:
    path = set_autostart(True, home=tmp_path, platform="linux", env={})
    assert parse_exec(entry_values(path.read_bytes())["Exec"]) == [*launch_command(), "--tray"]


def test_launch_command_finds_this_installation(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    python = str(bindir / "python")
    assert launch_command(executable=python, frozen=True) == [python]
    assert launch_command(executable=python, frozen=False) == [python, str(ROOT / "main.py")]
    (bindir / "account-health-monitor").write_text("#!/bin/sh\n")
    assert launch_command(executable=python, frozen=False) == [
        str(bindir / "account-health-monitor")
    ]

    scripts = tmp_path / "Scripts"
    scripts.mkdir()
    (scripts / "pythonw.exe").touch()
    exe = str(scripts / "python.exe")
    windowed = [str(scripts / "pythonw.exe"), str(ROOT / "main.py")]
    assert launch_command(executable=exe, frozen=False, platform="win32") == windowed
    (scripts / "account-health-monitor.exe").touch()
    gui_script = [str(scripts / "account-health-monitor.exe")]
    assert launch_command(executable=exe, frozen=False, platform="win32") == gui_script
