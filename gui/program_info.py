"""What the About box and crash reports say about the program: versions, folders, the header.

Loaded only when one of those dialogs opens, so nothing here weighs on the start.
"""

from __future__ import annotations

import platform
import sqlite3
from collections.abc import Callable
from pathlib import Path

import PySide6
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel

from core.version import APP_NAME, VERSION
from gui.app_icon import app_icon

Opener = Callable[[Path], object]
"""Shows a folder in the system's file manager (injected by tests)."""

HEADER_ICON_PX = 48


def runtime_versions() -> list[tuple[str, str]]:
    """(name, version) of the program and of what it runs on."""
    return [
        (APP_NAME, VERSION),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLite", sqlite3.sqlite_version),
        ("Python", platform.python_version()),
        ("System", platform.platform()),
    ]


def versions_text() -> str:
    """One `name version` per line, for copied crash details."""
    return "\n".join(f"{name} {version}" for name, version in runtime_versions())


def open_folder(folder: Path) -> bool:
    """Open `folder` in the file manager; False when the system could not."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def icon_header(html: str) -> QHBoxLayout:
    """The app icon beside a rich-text heading, the top row of our dialogs."""
    row = QHBoxLayout()
    icon = QLabel()
    icon.setPixmap(app_icon().pixmap(HEADER_ICON_PX, HEADER_ICON_PX))
    icon.setFixedSize(HEADER_ICON_PX, HEADER_ICON_PX)
    row.addWidget(icon)
    heading = QLabel(html)
    heading.setWordWrap(True)
    row.addWidget(heading, 1)
    return row
