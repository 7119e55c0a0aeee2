"""The files the program ships (the app icon, the blank CSV templates), found beside this module.

A package rather than a path built from the source tree, so the same call finds them
in a checkout, an installed wheel (package data) and the built app (PyInstaller's
data files). No Qt and no imports from the rest of the program: every layer may use it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
"""The folder that holds icons/ and templates/."""

APP_ICON_NAME = "account-health-monitor"
"""The icon's file stem and its freedesktop icon-theme name (matches the .desktop file)."""

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
"""The PNG sizes shipped in icons/ (what panels, launchers and docks ask for)."""


def resource_path(*parts: str) -> Path:
    """A shipped file or folder, e.g. resource_path("templates", "claims.csv"); must exist."""
    path = ROOT.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"a file the program ships is missing: {path}")
    return path


def templates_dir() -> Path:
    """The shipped copies of the blank CSV templates (messages.csv, claims.csv)."""
    return resource_path("templates")


def icon_png(size: int) -> Path:
    """The app icon as a PNG of `size` pixels (one of ICON_SIZES)."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes: {ICON_SIZES}")
    return resource_path("icons", f"{APP_ICON_NAME}-{size}.png")


def icon_file(suffix: str) -> Path:
    """The app icon's other forms: ".svg" (the source), ".ico" (Windows), ".icns" (macOS)."""
    return resource_path("icons", APP_ICON_NAME + suffix)
