"""Sentences, clauses and per-language word patterns: the structure the guideline rules read.

Positions always index the original text, so every finding can highlight its own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "de", "fr", "es", "it"]
LANGS: tuple[Lang, ...] = ("en", "de", "fr", "es", "it")
Span = tuple[int, int]
Table = dict[Lang, str]
"""Pattern alternatives per language (a lexicon)."""


_PLAIN = str.maketrans("\u2019\u00a0\u202f", "'  ")


def normalise(text: str) -> str:
    """Typographic apostrophes and spaces made plain, keeping every offset."""
    return text.translate(_PLAIN)


def words(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern that starts and ends on word boundaries."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.I)


_COMPILED: dict[tuple[int, str], re.Pattern[str]] = {}


def pattern(table: Table, lang: Lang) -> re.Pattern[str]:
    """A lexicon's grammar words for English plus `lang`: conditional and asking words are
    false friends across languages (Italian "se" is Spanish "se", itself)."""
    return _compiled(table, ("en", lang))


def own_pattern(table: Table, lang: Lang) -> re.Pattern[str]:
    """A lexicon's words for `lang` alone."""
    return _compiled(table, (lang,))


def any_pattern(table: Table) -> re.Pattern[str]:
    """A vocabulary lexicon in every language at once: review, gift or shop words mean the
    same wherever they appear, so a wrong language guess cannot hide them."""
    return _compiled(table, LANGS)


def _compiled(table: Table, langs: tuple[Lang, ...]) -> re.Pattern[str]:
    key = (id(table), ",".join(langs))
    if key not in _COMPILED:
        parts = [table[lang] for lang in dict.fromkeys(langs) if lang in table]
        _COMPILED[key] = words("|".join(parts) or r"(?!x)x")
    return _COMPILED[key]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    question: bool

    @property
    def span(self) -> Span:
        return (self.start, self.end)


# A capitalised imperative straight after a lowercase word starts a new sentence whose full
# stop was forgotten ("...leave a review Visit our shop").
_RUN_ON = (
    r"Visit|Call|Use|Check|Follow|Sign|Get|Enjoy|Leave|Please|Thanks|Thank|Contact|Write|Send"
    r"|Feel|Click|Shop|Subscribe|See|Besuchen|Rufen|Folgen|Nutzen|Visitez|Appelez|Suivez"
    r"|Profitez|Laissez|Visite|Llámenos|Síganos|Aproveche|Visiti|Seguici|Approfitti"
)
_SENTENCE_END = re.compile(rf"[.!?;\u2026]+(?=\s|$)|\s*\n\s*|(?<=[a-z\d] )(?=(?:{_RUN_ON})\b)")


def sentences(text: str) -> list[Sentence]:
    """Sentences split at . ! ? ; (before a space) and at line breaks, stripped."""
    out: list[Sentence] = []
    start = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        stop, after = (m.start(), m.end()) if m else (len(text), len(text))
        chunk = text[start:stop]
        stripped = chunk.strip(" \t\"'()[]")
        if stripped.strip("\u00bf\u00a1-\u2013\u2014 "):
            first = start + chunk.index(stripped)
            question = bool(m and "?" in m.group(0))
            out.append(Sentence(first, first + len(stripped), stripped, question))
        start = after
    return out


_CLAUSE_END = re.compile(r"[,:;()\u2013\u2014]| - ")


def clause_after(sentence: Sentence, offset: int, max_words: int = 10) -> str:
    """The clause that starts at `offset` inside the sentence: up to the next comma, colon,
    bracket or dash, and at most `max_words` words."""
    rest = sentence.text[offset - sentence.start :]
    cut = _CLAUSE_END.search(rest)
    clause = rest[: cut.start()] if cut else rest
    return " ".join(clause.split()[:max_words])


def clause_before(sentence: Sentence, offset: int) -> str:
    """The clause that ends at `offset` inside the sentence (back to the last separator)."""
    head = sentence.text[: offset - sentence.start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(head)]
    return head[cuts[-1] :] if cuts else head
