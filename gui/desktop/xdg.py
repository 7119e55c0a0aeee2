"""freedesktop.org pieces shared by the Linux autostart and launcher entries.

The base folders honour XDG_CONFIG_HOME and XDG_DATA_HOME (absolute paths only, as
the Base Directory spec says); the Exec line is quoted by the Desktop Entry spec,
so an install path with spaces, quotes or a percent sign still starts the program.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from gui.desktop.command import APP_NAME

MARKER_KEY = "X-Account-Health-Monitor"
"""Present in every .desktop file we write (value: what it is for); how we know ours."""

_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


def _base_dir(env: Mapping[str, str], name: str, home: Path, default: str) -> Path:
    value = env.get(name, "")
    return Path(value) if value and Path(value).is_absolute() else home / default


def config_home(home: Path, env: Mapping[str, str]) -> Path:
    return _base_dir(env, "XDG_CONFIG_HOME", home, ".config")


def data_home(home: Path, env: Mapping[str, str]) -> Path:
    return _base_dir(env, "XDG_DATA_HOME", home, ".local/share")


def exec_argument(arg: str) -> str:
    """One argument of an Exec key: quoted when it holds a reserved character.

    Inside quotes ", `, $ and \\ take a backslash; then the whole value gets the
    string escape (a backslash doubled) and a literal % becomes %%.
    """
    if "\n" in arg or "\r" in arg:
        raise ValueError(f"a command argument cannot hold a line break: {arg!r}")
    if arg == "" or any(c in _RESERVED for c in arg):
        arg = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in arg) + '"'
    return arg.replace("\\", "\\\\").replace("%", "%%")


def exec_line(command: Sequence[str]) -> str:
    return " ".join(exec_argument(arg) for arg in command)


def desktop_entry(
    command: Sequence[str], *, icon: str, purpose: str, extra: Sequence[str] = ()
) -> str:
    """The text of a .desktop file that starts `command`; `purpose` is our marker's value."""
    if any(c in icon for c in "\n\r"):
        raise ValueError(f"an icon path cannot hold a line break: {icon!r}")
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={APP_NAME}",
        "GenericName=Seller account health monitor",
        "Comment=Watches your Amazon seller account health from the system tray",
        f"Exec={exec_line(command)}",
        f"Icon={icon.replace(chr(92), chr(92) * 2)}",
        "Terminal=false",
        "Categories=Office;Finance;",
        "Keywords=Amazon;seller;account health;ODR;",
        f"StartupWMClass={APP_NAME}",  # Qt's X11 WM_CLASS class is the application name
        *extra,
        f"{MARKER_KEY}={purpose}",
    ]
    return "\n".join(lines) + "\n"


def entry_values(data: bytes) -> dict[str, str]:
    """The keys of a .desktop file's [Desktop Entry] group (raw values); {} if unreadable."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    values: dict[str, str] = {}
    group = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values.setdefault(key.strip(), value.strip())
    return values


def is_ours(data: bytes) -> bool:
    return MARKER_KEY in entry_values(data)
