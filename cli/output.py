"""Text output for people: aligned tables, coloured status on a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

_COLOURS = {
    "ok": "32",
    "open": "32",
    "info": "36",
    "warning": "33",
    "due_soon": "33",
    "breach": "31",
    "critical": "31",
    "overdue": "31",
    "no_data": "90",
    "claimable": "32",
    "closing_soon": "33",
    "expired": "90",
}


def colour(text: str, status: str, stream: TextIO) -> str:
    """ANSI colour only when writing to a terminal."""
    code = _COLOURS.get(status)
    if not code or not stream.isatty():
        return text
    return f"\033[{code}m{text}\033[0m"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    status_col: int | None = None,
    stream: TextIO | None = None,
) -> None:
    """Print an aligned table; the status column is coloured on a terminal."""
    stream = stream or sys.stdout
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), file=stream)
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            padded = cell.ljust(widths[i])
            if i == status_col:
                padded = colour(padded, cell, stream)
            cells.append(padded)
        print("  ".join(cells).rstrip(), file=stream)


def emit_json(payload: Any, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    json.dump(payload, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
