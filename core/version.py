"""The program's version: the one place it is written (pyproject.toml reads it from here).

A constant rather than package metadata, so the same answer comes from a checkout,
an installed wheel and the built app (which carries no metadata), at no start-up cost.
"""

from __future__ import annotations

VERSION = "0.1.0"
APP_NAME = "Account Health Monitor"


def version_line() -> str:
    """What `--version` prints and the About box heads with."""
    return f"{APP_NAME} {VERSION}"
