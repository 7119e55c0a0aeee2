"""The program's own flags, run as a seller would: --version, --tray, the launcher entry."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cli.parser import TRAY_FLAG, build_parser, desktop_options, program_name
from core.version import VERSION, version_line
from tests.desktop_files import files_under

ROOT = Path(__file__).resolve().parents[1]


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def home_env(home: Path) -> dict[str, str]:
    """A throwaway home: nothing here may touch the real one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        HOME=str(home),
        AHM_DB=str(home / "data" / "account-health.sqlite3"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return env


def test_version_prints_the_name_and_version_without_qt_or_a_database(tmp_path: Path) -> None:
    probe = (
        "import sys, main\n"
        "code = main.main(['--version'])\n"
        "assert 'PySide6' not in sys.modules, 'PySide6 was imported'\n"
        "assert 'sqlite3' not in sys.modules, 'sqlite3 was imported'\n"
        "sys.exit(code)\n"
    )
    env = home_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Account Health Monitor {VERSION}\n"
    assert files_under(tmp_path) == []  # no data folder, no database, no log


def test_version_from_the_command_line_and_beside_a_command(tmp_path: Path) -> None:
    env = home_env(tmp_path)
    for args in (["--version"], ["--db", str(tmp_path / "x.sqlite3"), "--version"]):
        done = run_main(*args, env=env)
        assert (done.returncode, done.stdout) == (0, version_line() + "\n"), done.stderr
    done = run_main("--version", "metrics", env=env)  # the full parser answers the same
    assert (done.returncode, done.stdout) == (0, version_line() + "\n")


def test_the_version_is_the_one_the_package_is_built_with() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "core.version.VERSION"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    assert project["project"]["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_help_lists_the_desktop_flags_under_the_name_it_was_started_as(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "argv", ["/home/ann/.local/bin/account-health-monitor"])
    text = build_parser().format_help()
    assert text.startswith("usage: account-health-monitor ")
    for flag in ("--version", "--tray", "--install-desktop-entry", "--remove-desktop-entry"):
        assert flag in text
    assert run_main("--help").stdout.startswith("usage: main.py ")


@pytest.mark.parametrize(
    ("argv0", "name"),
    [
        ("/usr/bin/account-health-monitor", "account-health-monitor"),
        ("C:\\Apps\\AccountHealthMonitor.exe", "AccountHealthMonitor"),
        ("/src/ahm/main.py", "main.py"),
        ("/src/ahm/__main__.py", "main.py"),
        ("", "main.py"),
    ],
)
def test_program_name(argv0: str, name: str) -> None:
    assert program_name(argv0.replace("\\", "/")) == name


def test_tray_and_version_take_the_fast_desktop_path() -> None:
    from gui.desktop.command import TRAY_FLAG as WRITTEN_AT_LOGIN

    assert TRAY_FLAG == WRITTEN_AT_LOGIN
    found = desktop_options(["--tray"])
    assert found is not None and found.tray and found.command is None
    found = desktop_options(["--db", "x.sqlite3", "--tray", "--debug"])
    assert found is not None and (found.tray, found.debug, found.db) == (
        True,
        True,
        Path("x.sqlite3"),
    )
    found = desktop_options(["--version"])
    assert found is not None and found.version and not found.tray
    assert desktop_options(["--tray", "metrics"]) is None
    both = ["--install-desktop-entry", "--remove-desktop-entry"]
    assert desktop_options(both) is None  # the full parser explains that they exclude each other


def test_tray_reaches_the_desktop_start(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import gui.launch
    import main

    seen: list[tuple[Path, bool]] = []
    monkeypatch.setattr(
        gui.launch, "launch", lambda db, _logging, *, tray: seen.append((db, tray)) or 0
    )
    assert main.main(["--db", str(tmp_path / "t.sqlite3"), "--tray"]) == 0
    assert main.main(["--db", str(tmp_path / "t.sqlite3")]) == 0
    assert seen == [(tmp_path / "t.sqlite3", True), (tmp_path / "t.sqlite3", False)]


def test_the_launcher_entry_flags_write_and_remove_and_print_the_paths(tmp_path: Path) -> None:
    env = home_env(tmp_path)
    done = run_main("--install-desktop-entry", env=env)
    assert done.returncode == 0, done.stderr
    written = [Path(line.removeprefix("Wrote ")) for line in done.stdout.splitlines()]
    entry = tmp_path / ".local" / "share" / "applications" / "account-health-monitor.desktop"
    assert written[-1] == entry and len(written) > 2
    assert files_under(tmp_path) == sorted(written)

    done = run_main("--remove-desktop-entry", env=env)
    assert done.returncode == 0, done.stderr
    removed = [Path(line.removeprefix("Removed ")) for line in done.stdout.splitlines()]
    assert sorted(removed) == sorted(written)
    assert files_under(tmp_path) == []
    again = run_main("--remove-desktop-entry", env=env)
    assert (again.returncode, again.stdout) == (0, "There was no launcher entry to remove.\n")


def test_the_launcher_entry_flags_fail_with_one_sentence(tmp_path: Path) -> None:
    env = home_env(tmp_path)
    entry = tmp_path / ".local" / "share" / "applications" / "account-health-monitor.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nName=Someone else's\n")
    done = run_main("--install-desktop-entry", env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "was not written by Account Health Monitor" in done.stderr
    assert entry.read_text() == "[Desktop Entry]\nName=Someone else's\n"

    blocked = tmp_path / "file"
    blocked.write_text("x")
    env["XDG_DATA_HOME"] = str(blocked / "share")  # a file where a folder must be
    done = run_main("--install-desktop-entry", env=env)
    assert done.returncode == 1 and done.stderr.startswith("Cannot add the launcher entry (")
    assert done.stderr.count("\n") == 1
