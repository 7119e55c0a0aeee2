"""Text output for people: aligned tables, coloured status on a terminal.

Much of what the CLI prints came from a file (file names, cells, refusal
sentences, buyer subjects), and a file can hold terminal escape codes that
recolour, retitle or rewrite the terminal. `run` routes stdout and stderr
through `SafeStream`, which drops every control character and escape sequence
(`clean`); only the colours `table` adds itself get through.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves, erase)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (window title, hyperlinks)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"  # controls, bidi overrides
)


def clean(text: str) -> str:
    """`text` without control characters or escape sequences (line breaks and tabs stay)."""
    return _ESCAPES.sub("", text)


class SafeStream:
    """A text stream that `clean`s everything written to it; `raw` is the stream below."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(clean(text))

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def _unguarded(stream: TextIO) -> TextIO:
    """Where `table` writes its own colour codes: below a SafeStream, else the stream."""
    raw = getattr(stream, "raw", None)
    return raw if isinstance(stream, SafeStream) and raw is not None else stream


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
    out = _unguarded(stream)  # cells are cleaned here, so the colours may pass
    rows = [[clean(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), file=out)
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            padded = cell.ljust(widths[i])
            if i == status_col:
                padded = colour(padded, cell, stream)
            cells.append(padded)
        print("  ".join(cells).rstrip(), file=out)


def emit_json(payload: Any, stream: TextIO | None = None) -> None:
    """JSON escapes C0 controls itself; C1 controls and bidi overrides are escaped here."""
    stream = stream or sys.stdout
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    _unguarded(stream).write(_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    stream.write("\n")


_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
