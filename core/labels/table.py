"""Label tables written as text, one "identifier: words" line each: easier to read and
review than dict literals, and the one place their format is parsed."""

from __future__ import annotations

from textwrap import dedent


def word_table(text: str) -> dict[str, str]:
    """'open: Open' lines -> {"open": "Open"}; the first ': ' splits, labels may hold more."""
    table: dict[str, str] = {}
    for line in dedent(text).strip().splitlines():
        ident, sep, words = line.strip().partition(": ")
        if not sep or not ident or not words.strip():
            raise ValueError(f"a label line is 'identifier: words', not {line!r}")
        if ident in table:
            raise ValueError(f"{ident!r} has two labels")
        table[ident] = words.strip()
    return table
