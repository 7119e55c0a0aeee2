"""What a feedback comment complains about: the product, the listing, the seller, the delivery.

Clause by clause; praise and negated complaints ("box was not damaged") are ignored. The
removal checker decides from these topics whether a comment is entirely a product review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from core.feedback_language import PROFANE_RE, Span
from core.triage.text import Folded, compile_pattern, fold

Topic = Literal["product", "seller", "delivery", "listing"]
"""`listing`: the item did not match what the seller's listing promised (description,
photos, condition, authenticity, freshness). That is the seller's doing, not the product's."""


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
        " | waste of money | not what i expected | wasn't what i expected | leak*"
        " | rusted | rusty | rusts | ripped | torn | peeling | scratches easily | stinks"
        " | overpriced | cheap | poor design | bad design | cracked"
        " | cracks | chipped | shattered"
    ),
    "listing": _terms(
        "not as described | not as pictured | not as advertised | not as shown"
        " | not as listed | not what was described | not what was advertised"
        " | not what was pictured | not the item pictured | not the one pictured"
        " | looks nothing like | nothing like the | misleading | false advertising"
        " | inaccurate description | wrong description | description is wrong"
        " | description was wrong | description is inaccurate | description was inaccurate"
        " | contrary to the description | unlike the description | than described"
        " | than pictured | than advertised | than shown | than the picture* | than the photo*"
        " | than in the picture* | than in the photo* | from the picture* | from the photo*"
        " | from the description | doesn't match the | does not match the"
        " | didn't match the | did not match the | counterfeit | knock off | knockoff"
        " | not genuine | not authentic | not original | not the real | is fake | was fake"
        " | it's fake | are fake | fake product | fake item | fake brand | replica"
        " | used item | used product | previously used | already used | sold as new"
        " | not new | already opened | opened before | second hand | secondhand"
        " | someone else's return | expired | out of date"
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
        " | fits | battery | batteries | instructions | design"
        " | smell* | taste | flavor | flavour | handle | lid | zipper"
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
    "listing": _terms(
        "description | described | listing | listed | pictured | advertised | advert*"
        " | picture | pictures | photo | photos | image | images"
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
            _NEGATION.search(text) or _first(_NEGATIVE, text) or PROFANE_RE.search(text)
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
