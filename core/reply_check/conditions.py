"""Review requests conditioned on the buyer's satisfaction, read from the message's structure.

Amazon's rule: ask every buyer the same neutral way, or not at all. So a request breaks it when
- the message holds a condition on the buyer's verdict (happy, satisfied, liked it,
  disappointed ...), in any sentence: "If you are not satisfied, contact us. We'd appreciate
  your feedback." sorts buyers as surely as "If you're happy, leave a review";
- a condition on how the order went (a problem, everything arrived) is tied to the request:
  in its sentence, or through "otherwise", "if so", "then";
- it steers buyers away from reviewing: "contact us before leaving feedback", "instead of a
  bad review", "please don't leave negative feedback".
Neutral conditions (a moment, if you wish, if you haven't already, questions) sort no one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.reply_check.lexicon_reviews import (
    ANAPHOR,
    MARKER,
    NOUN_MARKER,
    OUTCOME,
    REVIEW_TERM,
    SATISFACTION,
)
from core.reply_check.requests import review_mentions
from core.reply_check.text import Lang, Sentence, Span, Table, any_pattern, clause_after, pattern

Kind = Literal["satisfaction", "outcome"]
_NOUN_PHRASE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Condition:
    sentence: int
    kind: Kind
    words: str  # the condition as written, for the message


@dataclass(frozen=True, slots=True)
class ConditionedRequest:
    span: Span
    why: str


def _kind(text: str, lang: Lang) -> Kind | None:
    if pattern(SATISFACTION, lang).search(text):
        return "satisfaction"
    if pattern(OUTCOME, lang).search(text):
        return "outcome"
    return None


def _clause_conditions(i: int, s: Sentence, lang: Lang) -> list[Condition]:
    out = []
    for m in pattern(MARKER, lang).finditer(s.text):
        limit = _NOUN_PHRASE_WORDS if NOUN_MARKER.match(m.group(0)) else 10
        scope = clause_after(s, s.start + m.end(), limit)
        if kind := _kind(scope, lang):
            out.append(Condition(i, kind, f"{m.group(0)} {scope}"))
    return out


def _anaphoric_conditions(i: int, sents: list[Sentence], lang: Lang) -> list[Condition]:
    """Anaphors ("if so", "if that's you") take their meaning from what was just said."""
    s = sents[i]
    out = []
    for m in pattern(ANAPHOR, lang).finditer(s.text):
        context = s.text[: m.start()] + (" " + sents[i - 1].text if i else "")
        if kind := _kind(context, lang):
            out.append(Condition(i, kind, m.group(0)))
    return out


# Open questions ("how did you like it?") ask; they do not sort buyers.
WH_START: Table = {
    "en": r"how|what|why|which|where|who",
    "de": r"wie|was|warum|welche\w*|wo",
    "fr": r"comment|que|qu'\w+|quel\w*|pourquoi",
    "es": r"c[oó]mo|qu[eé]|por qu[eé]|cu[aá]l\w*",
    "it": r"come|cosa|che cosa|perché|quale",
}


def _question_condition(i: int, s: Sentence, lang: Lang) -> list[Condition]:
    """A yes/no question about the verdict ("Happy with your order?") is a condition."""
    text = s.text.lstrip("\u00bf\u00a1 ")
    if not s.question or pattern(WH_START, lang).match(text):
        return []
    kind = _kind(text, lang)
    return [Condition(i, kind, text + "?")] if kind else []


def find_conditions(sents: list[Sentence], lang: Lang) -> list[Condition]:
    out: list[Condition] = []
    for i, s in enumerate(sents):
        out += _clause_conditions(i, s, lang)
        out += _anaphoric_conditions(i, sents, lang)
        out += _question_condition(i, s, lang)
    return out


# Asking outright not to review badly.
DONT_REVIEW_BADLY: Table = {
    "en": r"(?:don't|do not|never|please don't|please do not) (?:leave|post|write|give)(?: us)?"
    r"(?: a| any| an)? (?:negative|bad|poor|low|neutral|1-star|one-star)",
    "de": r"(?:keine|nicht) (?:negative|schlechte)\w*",
    "fr": r"ne (?:laissez|publiez|mettez) pas d'(?:avis|évaluation) (?:négati\w*|mauvais\w*)",
    "es": r"no (?:deje|escriba|publique) (?:una |ninguna )?\w+ (?:negativ[oa]|mal[oa])",
    "it": r"non (?:lasci|scriva|pubblichi) (?:una |alcuna )?\w+ (?:negativ[oa]|cattiv[oa])",
}

# Before / instead of a review: steering an unhappy buyer away from reviewing.
DIVERSION: Table = {
    "en": r"before|instead of|rather than|rather\b.{0,40}?\bthan|hold off(?: on)?"
    r"|wait (?:with|before|until)|postpone|delay",
    "de": r"bevor|statt|anstatt|anstelle|vor (?:der|einer|ihrer)|warten sie mit",
    "fr": r"avant de|avant d'|plutôt que(?: de)?|au lieu de|attendez pour",
    "es": r"antes de|en lugar de|en vez de|espere para",
    "it": r"prima di|invece di|anziché|aspetti a",
}

# Right after "before" / "instead of": what the buyer is steered away from.
STEERED_FROM: Table = {
    "en": r"negative|bad|poor|low|neutral|1-star|one-star|anything negative|you (?:review|rate)"
    r"|reviewing(?! (?:your|the|our))|rating(?! (?:your|the|our))",
    "de": r"negative?\w*|schlechte?\w*",
    "fr": r"négati\w*|mauvais\w*",
    "es": r"negativ[oa]s?|mal[oa]s?",
    "it": r"negativ[oaie]|cattiv[oaie]",
}


def _diversion(s: Sentence, lang: Lang) -> str | None:
    """The words that steer a buyer away from reviewing, if the sentence has them."""
    if m := pattern(DONT_REVIEW_BADLY, lang).search(s.text):
        return m.group(0)
    targets = (any_pattern(REVIEW_TERM), pattern(STEERED_FROM, lang))
    for m in pattern(DIVERSION, lang).finditer(s.text):
        after = clause_after(s, s.start + m.end(), 8)
        if any(t.search(after) for t in targets):
            return f"{m.group(0)} {after}"
    return None


# "Otherwise": the request is for the buyers the previous condition left out.
OTHERWISE: Table = {
    "en": r"otherwise|or else|if not(?= *[,;.])",
    "de": r"ansonsten|andernfalls|sonst|wenn nicht(?= *[,;.])",
    "fr": r"sinon|autrement|dans le cas contraire",
    "es": r"de lo contrario|en caso contrario|de otro modo|si no(?= *[,;.])",
    "it": r"altrimenti|in caso contrario|se no(?= *[,;.])",
}

# "Then" after a question or condition: the request follows from the answer.
THEN: Table = {"en": r"then", "de": r"dann", "fr": r"alors", "es": r"entonces", "it": r"allora"}


def _linked(i: int, s: Sentence, sents: list[Sentence], conds: list[Condition], lang: Lang) -> bool:
    """An "otherwise" or "then" in the request that answers an earlier condition or question."""
    earlier = [c for c in conds if c.sentence <= i]
    if pattern(OTHERWISE, lang).search(s.text) and earlier:
        return True
    after_question = i > 0 and sents[i - 1].question
    return bool(pattern(THEN, lang).search(s.text) and (earlier or after_question))


def _span(sents: list[Sentence], first: int, last: int) -> Span:
    a, b = sorted((first, last))
    return (sents[a].start, sents[b].end)


_WHY: dict[Kind, str] = {
    "satisfaction": "Review request tied to the buyer's satisfaction",
    "outcome": "Review request only for buyers whose order went well",
}


def conditioned_requests(sents: list[Sentence], lang: Lang) -> list[ConditionedRequest]:
    """Each diverting sentence, and each review request that is conditioned or sorted."""
    out = [
        ConditionedRequest(s.span, f"Steers the buyer away from a review: {words!r}.")
        for s in sents
        if (words := _diversion(s, lang))
    ]
    mentions = review_mentions(sents, lang)
    asking = sorted({m.sentence for m in mentions if m.request})
    # A mention that asks nothing ("reviews are for happy customers") counts when none asks.
    targets = asking or sorted({m.sentence for m in mentions})
    conds = find_conditions(sents, lang) if targets else []
    satisfaction = [c for c in conds if c.kind == "satisfaction"]
    reported = {c.span for c in out}
    for i in targets:
        here = [c for c in conds if c.sentence == i]
        if i in asking and here:
            found = ConditionedRequest(sents[i].span, f"{_WHY[here[0].kind]}: {here[0].words!r}.")
        elif i in asking and _linked(i, sents[i], sents, conds, lang):
            found = ConditionedRequest(
                sents[i].span, "Review request for the buyers an earlier condition left over."
            )
        elif satisfaction:
            c = min(satisfaction, key=lambda c: abs(c.sentence - i))
            found = ConditionedRequest(
                _span(sents, c.sentence, i),
                f"Review request in a message conditioned on the buyer's satisfaction: "
                f"{c.words!r}.",
            )
        else:
            continue
        if found.span not in reported:
            reported.add(found.span)
            out.append(found)
    return out
