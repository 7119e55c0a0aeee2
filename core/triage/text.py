"""Accent- and case-insensitive keyword matching that still reports spans in the original text.

Buyers write "cassé", "CASSE" and "casse"; sellers type rules without accents. Folding
both sides the same way and mapping positions back lets the GUI highlight the real words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = frozenset("\u2019\u2018\u02bc\u00b4`")


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus, for every folded character, the index of its source character."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of a folded-text match [start, end)."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self._source_len()
            return (pos, pos)
        return (self.origin[start], self.origin[end - 1] + 1)

    def _source_len(self) -> int:
        return self.origin[-1] + 1 if self.origin else 0


def fold_char(ch: str) -> str:
    """Lower-case, drop diacritics, keep ß/æ style letters as their ASCII spelling."""
    if ch in _APOSTROPHES:
        return "'"
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> Folded:
    """Fold a whole text, remembering where each folded character came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = fold_char(ch)
        out.append(piece)
        origin.extend([i] * len(piece))
    return Folded("".join(out), tuple(origin))


def fold_plain(text: str) -> str:
    """Folded text without the position map (for rules and comparisons)."""
    return "".join(fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A rule pattern as a regex over folded text.

    Words match on word boundaries; `*` stands for any word characters (a stem such as
    "refund*" matches "refunds" and "refunded"); a space matches white space or hyphens,
    so "1 star" also finds "1-star".
    Raises ValueError for an empty pattern.
    """
    words = fold_plain(pattern).split()
    if not words or all(w.strip("*") == "" for w in words):
        raise ValueError(f"empty triage pattern: {pattern!r}")
    parts = [r"\w*".join(re.escape(chunk) for chunk in word.split("*")) for word in words]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)")


def find_pattern(folded: Folded, pattern: str) -> tuple[int, int] | None:
    """The original-text span of the first match of `pattern`, or None."""
    m = compile_pattern(pattern).search(folded.text)
    if m is None:
        return None
    return folded.span(m.start(), m.end())
