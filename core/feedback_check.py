"""Is this seller feedback worth a removal request? Amazon removes only four kinds.

Obscene language, personal information, a comment that is entirely a product review, and an
FBA delivery complaint (Amazon strikes it through). Mixed comments that also blame the
seller's service never qualify. The checker explains itself with spans the GUI highlights.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from core.clock import day_start, iso
from core.model import is_struck_through
from core.triage.text import Folded, compile_pattern, fold

ReasonCode = Literal["obscene", "personal_info", "product_review", "fba_fulfilment"]
REASON_CODES: tuple[ReasonCode, ...] = (
    "obscene",
    "personal_info",
    "product_review",
    "fba_fulfilment",
)
Span = tuple[int, int]
REMOVAL_WINDOW_DAYS = 90


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    explanation: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class RemovalVerdict:
    """`applicable` is False for 4-5 stars and struck-through feedback (nothing to remove)."""

    eligible: bool
    reasons: list[Reason] = field(default_factory=list)
    note: str = ""
    applicable: bool = True
    topics: tuple[str, ...] = ()  # complained-about topics: product / seller / delivery


@dataclass(frozen=True, slots=True)
class RemovalWindow:
    due_at: datetime
    seconds_left: int

    @property
    def open(self) -> bool:
        return self.seconds_left >= 0


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


_PROFANE_RE = re.compile(
    _EDGE_BEFORE + "(?:" + "|".join(_leet_regex(w) for w in _PROFANE) + ")" + _EDGE_AFTER
)


def find_profanity(text: str) -> list[Span]:
    """Spans of obscene words; a masked word needs two real letters ("f*ck", not "5*")."""
    folded = fold(text)
    spans: list[Span] = []
    for m in _PROFANE_RE.finditer(folded.text):
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


# --- what the comment is about -----------------------------------------------------------

Topic = Literal["product", "seller", "delivery"]


def _terms(spec: str) -> tuple[re.Pattern[str], ...]:
    return tuple(compile_pattern(p.strip()) for p in spec.split("|") if p.strip())


# Complaint terms are negative by themselves; mention terms count only in a clause that
# also carries a negative cue (a praised box or a neutral "the box came" is no complaint).
_COMPLAINTS: dict[Topic, tuple[re.Pattern[str], ...]] = {
    "product": _terms(
        "broke | broken | breaks | fell apart | falls apart | fall apart | came apart"
        " | fell off | falls off | defect* | faulty | flimsy | cheaply made | poorly made"
        " | poor quality | bad quality | low quality | cheap quality | stopped working"
        " | doesn't work | does not work | didn't work | did not work | doesnt work"
        " | didnt work | not working | never worked | won't work | doesn't fit"
        " | does not fit | didn't fit | too small | too big | too large | too short"
        " | too long | too tight | runs small | runs large | junk | garbage | useless"
        " | waste of money | not as described | not as pictured | not as advertised"
        " | looks nothing like | not what i expected | wasn't what i expected | leak*"
        " | rusted | rusty | rusts | ripped | torn | peeling | scratches easily | stinks"
        " | expired | overpriced | cheap | misleading | poor design | bad design | cracked"
        " | cracks | chipped | shattered"
    ),
    "seller": _terms(
        "never responded | never replied | never answered | never got back | no response"
        " | no reply | didn't respond | didn't reply | did not respond | did not reply"
        " | doesn't respond | won't respond | not respond* | ignored | ignoring | rude"
        " | unhelpful | unprofessional | refused | wouldn't refund | won't refund"
        " | no refund | never refunded | waiting for my refund | waiting for a refund"
        " | scam* | ripped off | rip off | fraud* | sent the wrong | wrong item | wrong size"
        " | wrong color | wrong colour | wrong one | wrong product | sent a used"
        " | charged twice | overcharged | poor communication | bad communication"
        " | no communication | poor service | bad service | terrible service"
        " | horrible service | poor customer service | bad customer service"
    ),
    "delivery": _terms(
        "arrived late | late delivery | delivered late | came late | days late | weeks late"
        " | late | lost | never arrived | never came | never received | never got it"
        " | didn't arrive | did not arrive | hasn't arrived | has not arrived | not arrived"
        " | didn't receive | did not receive | not received | haven't received"
        " | took forever | took weeks | took a month | took too long | crushed | dented"
        " | damaged | arrived open* | arrived wet | left outside | left it outside"
        " | in the rain | torn open | ripped open"
        " | wrong address | stolen | missing package | poorly packed | poorly packaged"
        " | badly packed | badly packaged | no packaging"
    ),
}
_MENTIONS: dict[Topic, tuple[re.Pattern[str], ...]] = {
    "product": _terms(
        "quality | material | fabric | plastic | color | colour | size | sizing | fit"
        " | fits | battery | batteries | instructions | design | picture | photo"
        " | description | smell* | taste | flavor | flavour | handle | lid | zipper"
        " | screen | charger | cable | button | works | worked"
    ),
    "seller": _terms(
        "seller | vendor | merchant | company | customer service | customer support"
        " | support | communication | service | respond* | response | reply | replied"
        " | answer* | contact* | email* | e-mail | messag* | refund* | store"
    ),
    "delivery": _terms(
        "shipping | shipped | ship | shipment | delivery | delivered | deliver | package"
        " | packaging | packed | packing | box | envelope | courier | carrier | ups | usps"
        " | fedex | dhl | tracking | transit | postman | mailman | driver | arrival"
        " | arrived | arrive | came"
    ),
}
# "product" / "item" name the thing without saying what is wrong with it: they make a
# product mention only when nothing else in the clause is about delivery or the seller.
_WEAK_PRODUCT = _terms("product | item | it | this")
_NEGATIVE = _terms(
    "bad | poor* | terrible | horrible | awful | worst | wrong | missing | slow"
    " | disappoint* | fail* | problem* | issue* | complain* | unhappy | angry | upset"
    " | different | avoid | waste | sadly | unfortunately | return* | sucks"
)
_NEGATION = re.compile(
    r"(?<!\w)(?:not|never|no|nothing|none|nor|without|hardly|cannot|cant|dont|doesnt|didnt"
    r"|wont|isnt|wasnt|\w+n't)(?!\w)"
)
_NEGATED_NEGATIVE = re.compile(
    r"(?<!\w)(?:not|never|no|without|\w+n't|wasnt|isnt|werent)\s+(?:\w+\s+){0,2}?"
    r"(?:damaged|broken|bad|late|dented|crushed|scratched|problems?|issues?|complaints?"
    r"|disappointed|disappointing|wrong|missing|slow|rude|defective|cheap)(?!\w)"
)
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,\n]+|(?<!\w)(?:but|however|although|though|yet|whereas|except)(?!\w)"
)


@dataclass(frozen=True, slots=True)
class _Hit:
    topic: Topic
    span: Span  # in the original text


def _clauses(folded: Folded) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _CLAUSE_BREAK.finditer(folded.text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(folded.text)))
    return [c for c in out if folded.text[c[0] : c[1]].strip()]


def _first(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    hits = [m for p in patterns if (m := p.search(text))]
    return min(hits, key=lambda m: m.start()) if hits else None


def _complaints(text: str) -> dict[Topic, re.Match[str]]:
    """First complaint term per topic; of two overlapping terms the longer wins
    ("torn open" is about the envelope, not a torn product)."""
    hits = [(t, m) for t, ps in _COMPLAINTS.items() for p in ps for m in p.finditer(text)]

    def shadowed(t: Topic, m: re.Match[str]) -> bool:
        return any(
            t2 != t
            and o.start() < m.end()
            and m.start() < o.end()
            and o.end() - o.start() > m.end() - m.start()
            for t2, o in hits
        )

    found: dict[Topic, re.Match[str]] = {}
    for t, m in sorted(hits, key=lambda h: h[1].start()):
        if t not in found and not shadowed(t, m):
            found[t] = m
    return found


def complained_topics(comment: str) -> list[_Hit]:
    """The topics the comment complains about, clause by clause; praise is ignored."""
    folded = fold(comment)
    hits: list[_Hit] = []
    for start, end in _clauses(folded):
        raw = folded.text[start:end]
        text = _NEGATED_NEGATIVE.sub(lambda m: " " * len(m.group(0)), raw)
        found = _complaints(text)
        if not found and not (
            _NEGATION.search(text) or _first(_NEGATIVE, text) or _PROFANE_RE.search(text)
        ):
            continue  # praise ("fast shipping", "box was not damaged") or a neutral remark
        # Naming the seller in a complaining clause blames the seller; other mentions only
        # say what a vaguer complaint ("poor", "disappointed") is about.
        vague = not found
        for topic, patterns in _MENTIONS.items():
            if (
                topic not in found
                and (vague or topic == "seller")
                and (m := _first(patterns, text))
            ):
                found[topic] = m
        if not found and (m := _first(_WEAK_PRODUCT, text)):
            found["product"] = m
        for topic, m in found.items():
            hits.append(_Hit(topic, folded.span(start + m.start(), start + m.end())))
    return hits


# --- the verdict -------------------------------------------------------------------------

_EXPLAIN: dict[ReasonCode, str] = {
    "obscene": "Contains obscene or profane language ({excerpt!r}).",
    "personal_info": "Contains personal information (a {kind}).",
    "product_review": "Entirely a product review: it is about the product, not the seller's "
    "service.",
    "fba_fulfilment": "FBA order and entirely about delivery or packaging, which Amazon "
    "handled: Amazon strikes such feedback through.",
}


def check_feedback(
    comment: str,
    *,
    rating: int,
    channel: Literal["afn", "mfn"] | None,
    response: str = "",
) -> RemovalVerdict:
    """Which of Amazon's removal reasons apply; eligible when at least one does."""
    if is_struck_through(comment, response):
        return RemovalVerdict(
            False,
            [],
            "Amazon has already struck this feedback through; it counts nowhere.",
            applicable=False,
        )
    if not 1 <= rating <= 3:
        return RemovalVerdict(
            False,
            [],
            "Only 1-3 star feedback is checked: 4-5 stars do no harm.",
            applicable=False,
        )
    reasons: list[Reason] = []
    for span in find_profanity(comment)[:1]:
        excerpt = comment[span[0] : span[1]]
        reasons.append(Reason("obscene", _EXPLAIN["obscene"].format(excerpt=excerpt), span))
    for kind, span in find_personal_info(comment)[:1]:
        reasons.append(Reason("personal_info", _EXPLAIN["personal_info"].format(kind=kind), span))
    hits = complained_topics(comment)
    topics = tuple(t for t in ("product", "seller", "delivery") if any(h.topic == t for h in hits))
    first = {h.topic: h.span for h in reversed(hits)}
    content, note = _content_reasons(set(topics), channel, first)
    reasons += content
    if reasons and not note:
        note = "Worth a removal request in Seller Central; Amazon decides."
    elif reasons:
        rest = note[0].lower() + note[1:]
        note = f"Worth a removal request for the reason above. Apart from that, {rest}"
    return RemovalVerdict(bool(reasons), reasons, note, True, topics)


def _content_reasons(
    topics: set[str], channel: str | None, first: dict[Topic, Span]
) -> tuple[list[Reason], str]:
    """Product-review and FBA-delivery reasons, or a note saying why neither applies."""
    if not topics:
        return [], (
            "It does not say the problem was only the product or an FBA delivery; Amazon "
            "keeps feedback about the seller's service."
        )
    if "seller" in topics:
        if "product" in topics:
            return [], (
                "Mixed: it criticises the product and the seller's service. Amazon removes "
                "only feedback that is entirely a product review."
            )
        if "delivery" in topics and channel == "afn":
            return [], (
                "Mixed: besides the FBA delivery it blames the seller's service, so Amazon "
                "will not strike it through."
            )
        return [], "It is about the seller's service: Amazon does not remove that."
    reasons: list[Reason] = []
    if "delivery" in topics:
        if channel != "afn":
            where = (
                "This FBM order's delivery is the seller's responsibility"
                if channel == "mfn"
                else "Delivery feedback is removable only for FBA orders: check the channel"
            )
            mixed = (
                " It also reviews the product, so it is not entirely a product review."
                if ("product" in topics)
                else ""
            )
            return [], f"{where}.{mixed}"
        reasons.append(Reason("fba_fulfilment", _EXPLAIN["fba_fulfilment"], first["delivery"]))
    if "product" in topics:
        reasons.append(Reason("product_review", _EXPLAIN["product_review"], first["product"]))
    return reasons, ""


def removal_window(
    feedback_date: date, now: datetime, days: int = REMOVAL_WINDOW_DAYS
) -> RemovalWindow:
    """Amazon accepts removal requests for 90 days after the feedback date (00:00 UTC)."""
    due = day_start(feedback_date) + timedelta(days=days)
    return RemovalWindow(due, int((due - now).total_seconds()))


def verdict_to_json(v: RemovalVerdict) -> dict[str, Any]:
    return {
        "eligible": v.eligible,
        "applicable": v.applicable,
        "reasons": [
            {
                "code": r.code,
                "explanation": r.explanation,
                "span": None if r.span is None else list(r.span),
            }
            for r in v.reasons
        ],
        "topics": list(v.topics),
        "note": v.note,
    }


def removal_window_to_json(w: RemovalWindow) -> dict[str, Any]:
    return {"due_at": iso(w.due_at), "seconds_left": w.seconds_left, "open": w.open}
