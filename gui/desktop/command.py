"""How this installation is started from outside it (at login, from the launcher)."""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path

APP_ID = "account-health-monitor"
"""File names, the freedesktop desktop-file id (Qt's desktopFileName) and the icon name."""
APP_NAME = "Account Health Monitor"
BUNDLE_ID = "com.accounthealthmonitor.app"
"""The reverse-DNS name macOS wants (LaunchAgent label, app bundle identifier)."""
TRAY_FLAG = "--tray"
"""Passed by the start-at-login entries: open in the tray only, with no window."""


def launch_command(
    *, executable: str | None = None, frozen: bool | None = None, platform: str | None = None
) -> list[str]:
    """The command line that starts this very installation (not whichever is on PATH).

    The built app is its own binary; an installed wheel (pipx, pip) has the
    `account-health-monitor` script beside its interpreter; a source checkout runs
    main.py with this interpreter (pythonw on Windows, so no console opens).
    """
    exe = Path(executable or sys.executable)
    if getattr(sys, "frozen", False) if frozen is None else frozen:
        return [str(exe)]
    windows = (platform or sys.platform) == "win32"
    script = exe.parent / (APP_ID + (".exe" if windows else ""))
    if script.is_file():
        return [str(script)]
    if windows and (exe.parent / "pythonw.exe").is_file():
        exe = exe.parent / "pythonw.exe"
    spec = find_spec("main")
    if spec is None or spec.origin is None:
        return [str(exe), "-m", "main"]
    return [str(exe), spec.origin]
