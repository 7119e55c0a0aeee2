"""The Linux launcher entry: a .desktop file in the applications folder, and the icon.

`install_desktop_entry()` writes `$XDG_DATA_HOME/applications/account-health-monitor.desktop`
and the icon into `$XDG_DATA_HOME/icons/hicolor/<size>/apps/`; the .desktop file
records the icon files it brought, so `remove_desktop_entry()` deletes exactly those.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from gui.desktop import xdg
from gui.desktop.command import APP_ID, launch_command
from gui.desktop.files import refuse_foreign, remove_if_ours, write_atomic
from resources import APP_ICON_NAME, ICON_SIZES, icon_file, icon_png

FILES_KEY = "X-Account-Health-Monitor-Icons"
"""The icon files written with the entry, ;-separated (read back on removal)."""


def _where(home: Path | None, env: Mapping[str, str] | None, platform: str | None) -> Path:
    if (platform or sys.platform) in ("darwin", "win32"):
        raise ValueError("a launcher entry is for Linux desktops (freedesktop.org)")
    return xdg.data_home(home or Path.home(), os.environ if env is None else env)


def desktop_entry_file(
    *, home: Path | None = None, env: Mapping[str, str] | None = None, platform: str | None = None
) -> Path:
    return _where(home, env, platform) / "applications" / f"{APP_ID}.desktop"


def _icons(data: Path) -> list[tuple[Path, Path]]:
    """(shipped file, where it goes in the user's hicolor theme)."""
    hicolor = data / "icons" / "hicolor"
    pairs = [
        (icon_png(size), hicolor / f"{size}x{size}" / "apps" / f"{APP_ICON_NAME}.png")
        for size in ICON_SIZES
    ]
    pairs.append((icon_file(".svg"), hicolor / "scalable" / "apps" / f"{APP_ICON_NAME}.svg"))
    return pairs


def install_desktop_entry(
    *,
    command: Sequence[str] | None = None,
    home: Path | None = None,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> list[Path]:
    """Write the launcher entry (starting `command`, default this installation) and its icons.

    Returns the files written, the .desktop file last. Raises NotOurFile rather than
    replace a .desktop file of that name we did not write.
    """
    data = _where(home, env, platform)
    entry = desktop_entry_file(home=home, env=env, platform=platform)
    refuse_foreign(entry, xdg.is_ours)
    written = [write_atomic(dest, src.read_bytes()) for src, dest in _icons(data)]
    listed = ";".join(str(p).replace("\\", "\\\\").replace(";", "\\;") for p in written)
    text = xdg.desktop_entry(
        command or launch_command(platform=platform),
        icon=APP_ICON_NAME,
        purpose="launcher",
        extra=(f"{FILES_KEY}={listed};",),
    )
    written.append(write_atomic(entry, text.encode("utf-8")))
    return written


def remove_desktop_entry(
    *, home: Path | None = None, env: Mapping[str, str] | None = None, platform: str | None = None
) -> list[Path]:
    """Delete our launcher entry and the icon files it lists; returns what was deleted."""
    entry = desktop_entry_file(home=home, env=env, platform=platform)
    try:
        values = xdg.entry_values(entry.read_bytes())
    except FileNotFoundError:
        return []
    if xdg.MARKER_KEY not in values or not remove_if_ours(entry, xdg.is_ours):
        return []
    removed = [entry]
    ours = {dest for _, dest in _icons(_where(home, env, platform))}
    for path in map(Path, _split_list(values.get(FILES_KEY, ""))):
        if path in ours and path.is_file():  # only our icon names, in our theme folders
            path.unlink()
            removed.append(path)
    return removed


def desktop_entry_installed(
    *, home: Path | None = None, env: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    try:
        return xdg.is_ours(desktop_entry_file(home=home, env=env, platform=platform).read_bytes())
    except OSError:
        return False


def _split_list(value: str) -> list[str]:
    """A desktop-entry list value: ;-separated, with \\; and \\\\ escapes."""
    items, current, chars = [], "", iter(value)
    for c in chars:
        if c == "\\":
            current += next(chars, "")
        elif c == ";":
            items.append(current)
            current = ""
        else:
            current += c
    if current:
        items.append(current)
    return [item for item in items if item]
