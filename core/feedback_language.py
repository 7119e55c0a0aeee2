"""What a feedback comment contains that Amazon removes on sight: obscene words, personal data.

Spans point into the original text so the GUI can highlight them; the reply checker reuses
the e-mail and phone finders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.triage.text import fold

Span = tuple[int, int]

# --- obscene language --------------------------------------------------------------------


def _wordlist(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_PROFANE = _wordlist(
    "fuck fucks fucked fucker fuckers fucking fuckin fuckup fck fcking motherfucker "
    "motherfucking wtf stfu shit shits shitty shite shitting bullshit horseshit ass asses "
    "asshole assholes arse arsehole jackass dumbass bitch bitches bitchy bastard bastards "
    "cunt cunts twat wanker dickhead goddamn slut whore "
    "scheisse scheiss arschloch ficken wichser merde putain connard connasse salope encule "
    "mierda joder puta puto cabron cono gilipollas cazzo merda stronzo vaffanculo fanculo "
    "minchia"
)
_LEET = {
    "a": "a4@",
    "e": "e3",
    "i": "i1!|",
    "l": "l1|",
    "o": "o0",
    "s": "s5$",
    "t": "t7",
    "b": "b8",
}
_EDGE_BEFORE = r"(?<![\w@$*!|])"
_EDGE_AFTER = r"(?![\w@$*|]|![\w@$*])"


def _leet_regex(word: str) -> str:
    """Each letter may repeat ("fuuuck"), be a look-alike ("sh1t", "a$$") or a '*' ("f*ck")."""
    parts = []
    for ch in word:
        cls = re.escape(_LEET.get(ch, ch))
        parts.append(f"(?:[{cls}]+|\\*)")
    return "".join(parts)


PROFANE_RE = re.compile(
    _EDGE_BEFORE + "(?:" + "|".join(_leet_regex(w) for w in _PROFANE) + ")" + _EDGE_AFTER
)


def find_profanity(text: str) -> list[Span]:
    """Spans of obscene words; a masked word needs two real letters ("f*ck", not "5*")."""
    folded = fold(text)
    spans: list[Span] = []
    for m in PROFANE_RE.finditer(folded.text):
        letters = sum(c.isalpha() for c in m.group(0))
        if letters == 0 or ("*" in m.group(0) and letters < 2):
            continue
        spans.append(folded.span(m.start(), m.end()))
    return spans


# --- personal information ----------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_ORDER_ID = re.compile(r"\d{3}-\d{7}-\d{7}")
_PHONES = (
    re.compile(r"(?<![\w+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])"),
    re.compile(r"(?<![\w+-])\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5}(?![\w-])"),
    re.compile(r"(?<![\w+-])0\d{1,4}(?:[\s/.-]?\d{2,8}){1,4}(?![\w-])"),
)
_SHORT_PHONE = re.compile(r"(?<![\w-])\d{3}[\s.-]\d{4}(?![\w-])")
_PHONE_CONTEXT = re.compile(r"(?i)\b(?:call|phone|tel|telephone|cell|mobile|text|number)\b")
_STREET = (
    re.compile(
        r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\.?\s+){1,3}"
        r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|"
        r"Place|Pl|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy)\b\.?"
    ),
    re.compile(r"\b\d{1,5}\s+(?:[a-z]+\s+){1,2}(?:street|avenue|boulevard|lane)\b"),
    re.compile(
        r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|allee|platz)"
        r"\s+\d{1,4}[a-z]?\b"
    ),
    re.compile(r"\b[Pp]\.?\s?[Oo]\.?\s+[Bb]ox\s+\d+"),
)
_NAME_CUE = re.compile(
    r"(?i:\b(?:my name is|name is|i am|i'm|this is|seller|agent|representative|rep|driver|"
    r"courier|manager|owner|employee|signed|sincerely|regards)\b)[\s,:-]+"
    r"((?-i:[A-Z][a-z'’-]+)(?:\s+(?-i:[A-Z][a-z'’-]+)){1,2})"
)
_NOT_NAMES = frozenset(
    _wordlist(
        "the this that very not happy never good great bad product item seller amazon customer "
        "service store shop inc llc ltd co company deals goods direct outlet trading home "
        "kitchen pro official usa us uk with and for from would will order shipping delivery so "
        "too really extremely disappointed satisfied unhappy angry upset just still super "
        "totally completely a an it is was"
    )
)


def find_emails(text: str) -> list[Span]:
    return [m.span() for m in _EMAIL.finditer(text)]


def find_phones(text: str) -> list[Span]:
    """Phone numbers (10-15 digits; 7 with a word like "call" nearby), never order ids."""
    blocked = [m.span() for m in _ORDER_ID.finditer(text)] + find_emails(text)
    found: list[Span] = []
    for rx in _PHONES:
        for m in rx.finditer(text):
            digits = sum(c.isdigit() for c in m.group(0))
            if 10 <= digits <= 15:
                found.append(m.span())
    for m in _SHORT_PHONE.finditer(text):
        if _PHONE_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]):
            found.append(m.span())
    return _disjoint(s for s in found if not any(_overlaps(s, b) for b in blocked))


def find_addresses(text: str) -> list[Span]:
    return _disjoint(m.span() for rx in _STREET for m in rx.finditer(text))


def find_full_names(text: str) -> list[Span]:
    """Two or three capitalised words after a cue such as "my name is" or "seller"."""
    spans = []
    for m in _NAME_CUE.finditer(text):
        words = m.group(1).split()
        if any(w.lower().strip("'’-") in _NOT_NAMES for w in words):
            continue
        spans.append(m.span(1))
    return spans


def find_personal_info(text: str) -> list[tuple[str, Span]]:
    """(kind, span) for e-mail addresses, phone numbers, street addresses and full names."""
    found = [("e-mail address", s) for s in find_emails(text)]
    found += [("phone number", s) for s in find_phones(text)]
    found += [("street address", s) for s in find_addresses(text)]
    found += [("full name", s) for s in find_full_names(text)]
    return sorted(found, key=lambda f: f[1])


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _disjoint(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping ones merged away (the longest first one kept)."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not out or not _overlaps(out[-1], s):
            out.append(s)
    return out
