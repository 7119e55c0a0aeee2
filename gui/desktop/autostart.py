"""Start at login, off by default: one file per platform, written and removed by us only.

- Linux (and other XDG desktops): `$XDG_CONFIG_HOME/autostart/account-health-monitor.desktop`.
- macOS: a LaunchAgent, `~/Library/LaunchAgents/<BUNDLE_ID>.plist` (RunAtLoad).
- Windows: `Account Health Monitor.cmd` in the Startup folder. A .cmd rather than a .lnk
  (a binary format only the Windows shell writes reliably) or the Run key (not testable
  off Windows): it is plain text, checked here byte for byte; `start` detaches the app
  and the .cmd's console closes at once.

Every entry starts `launch_command()` + `--tray` (open in the tray only). Turning it
off deletes the file only when its content shows we wrote it; enabling never replaces
a file someone else wrote (NotOurFile).
"""

from __future__ import annotations

import os
import plistlib
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from gui.desktop import xdg
from gui.desktop.command import APP_ID, APP_NAME, BUNDLE_ID, TRAY_FLAG, launch_command
from gui.desktop.files import refuse_foreign, remove_if_ours, write_atomic
from resources import icon_png

CMD_MARKER = f"rem {APP_ID} autostart"
"""The line that marks the Windows .cmd as ours."""
_PLAIN = re.compile(r"[\w\-.:/\\]+")


def _kind(platform: str | None) -> str:
    platform = platform or sys.platform
    return platform if platform in ("darwin", "win32") else "xdg"


def autostart_file(
    *, home: Path | None = None, platform: str | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """Where the start-at-login entry lives for this user on `platform` (sys.platform values)."""
    home = home or Path.home()
    env = os.environ if env is None else env
    kind = _kind(platform)
    if kind == "darwin":
        return home / "Library" / "LaunchAgents" / f"{BUNDLE_ID}.plist"
    if kind == "win32":
        appdata = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
        startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        return startup / f"{APP_NAME}.cmd"
    return xdg.config_home(home, env) / "autostart" / f"{APP_ID}.desktop"


def autostart_content(command: Sequence[str], platform: str | None = None) -> bytes:
    """The file that starts `command` at login (the caller adds --tray)."""
    kind = _kind(platform)
    if kind == "darwin":
        agent = {
            "Label": BUNDLE_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
        return plistlib.dumps(agent)
    if kind == "win32":
        return _cmd_file(command).encode("utf-8")
    extra = ("X-GNOME-Autostart-enabled=true",)
    text = xdg.desktop_entry(command, icon=str(icon_png(256)), purpose="autostart", extra=extra)
    return text.encode("utf-8")


def _cmd_argument(arg: str, *, quote: bool = False) -> str:
    """Plain words as they are; anything else in quotes, where only % is still special."""
    if any(c in arg for c in '"\r\n'):
        raise ValueError(f"a command argument cannot hold quotes or line breaks: {arg!r}")
    if arg and not quote and _PLAIN.fullmatch(arg):
        return arg
    return '"' + arg.replace("%", "%%") + '"'


def _cmd_file(command: Sequence[str]) -> str:
    program, *args = command
    arguments = "".join(" " + _cmd_argument(a) for a in args)
    lines = [
        "@echo off",
        CMD_MARKER,
        f"rem Starts {APP_NAME} in the tray when you log in. Written by the app: turning",
        'rem "Start at login" off in its Settings deletes this file.',
        f'start "" {_cmd_argument(program, quote=True)}{arguments}',
    ]
    if not lines[-1].isascii():  # a path like C:\Users\José: read the rest as UTF-8
        lines.insert(-1, "chcp 65001 >nul")
    return "\r\n".join(lines) + "\r\n"


def _is_ours(data: bytes, platform: str | None) -> bool:
    kind = _kind(platform)
    if kind == "darwin":
        try:
            agent = plistlib.loads(data)
        except Exception:  # any unreadable plist is simply not ours
            return False
        return isinstance(agent, dict) and agent.get("Label") == BUNDLE_ID
    if kind == "win32":
        return CMD_MARKER.encode() in data.splitlines()
    return xdg.is_ours(data)


def set_autostart(
    enabled: bool,
    *,
    command: Sequence[str] | None = None,
    home: Path | None = None,
    platform: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Path:
    """Write (enabled) or remove (not enabled) this user's start-at-login entry; its path.

    `command` defaults to launch_command() (this installation); --tray is added.
    Raises NotOurFile rather than replace a file of the same name we did not write,
    and OSError when the folder cannot be written.
    """
    path = autostart_file(home=home, platform=platform, env=env)
    if not enabled:
        remove_if_ours(path, lambda data: _is_ours(data, platform))
        return path
    refuse_foreign(path, lambda data: _is_ours(data, platform))
    args = [*(command or launch_command(platform=platform)), TRAY_FLAG]
    return write_atomic(path, autostart_content(args, platform))


def autostart_enabled(
    *, home: Path | None = None, platform: str | None = None, env: Mapping[str, str] | None = None
) -> bool:
    """True when our start-at-login entry is in place (what the Settings checkbox shows)."""
    path = autostart_file(home=home, platform=platform, env=env)
    try:
        return _is_ours(path.read_bytes(), platform)
    except OSError:
        return False
