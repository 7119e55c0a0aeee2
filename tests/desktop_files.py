"""Helpers for the desktop-integration tests: list what was written, decode an Exec line."""

from __future__ import annotations

from pathlib import Path


def files_under(root: Path) -> list[Path]:
    """Every file (not folder) below `root`, sorted: "exactly one file was written"."""
    return sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink())


def parse_exec(value: str) -> list[str]:
    """An Exec value back into arguments, as the Desktop Entry spec (1.5) reads it.

    First the string escapes (\\\\ \\s \\n \\t \\r), then the quoting (inside double
    quotes a backslash escapes " ` $ \\), then %% becomes %. Written independently
    of gui.desktop.xdg so the test does not check the writer against itself.
    """
    simple = {"\\": "\\", "s": " ", "n": "\n", "t": "\t", "r": "\r"}
    text, i = "", 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in simple:
            text += simple[value[i + 1]]
            i += 2
        else:
            text += value[i]
            i += 1
    args: list[str] = []
    current: str | None = None
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
                current = (current or "") + text[i + 1]
                i += 1
            elif c == '"':
                quoted = False
            else:
                current = (current or "") + c
        elif c == '"':
            quoted, current = True, current or ""
        elif c == " ":
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + c
        i += 1
    assert not quoted, f"unterminated quote in {value!r}"
    if current is not None:
        args.append(current)
    return [a.replace("%%", "%") for a in args]
