"""Where a message asks for a review or feedback, sentence by sentence.

A mention (review, feedback, stars, Bewertung, avis, reseña, recensione ...) is a request
when its sentence also asks, wishes or helps ("please", "would", "freuen uns", "merci de");
a mention right after "thank you for" / "we read" is about a review already given.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.reply_check.lexicon_reviews import ACKNOWLEDGE, REQUEST_CUE, REVIEW_TERM
from core.reply_check.text import Lang, Sentence, Span, any_pattern, clause_before, pattern

_ACK_WORDS = 6


@dataclass(frozen=True, slots=True)
class Mention:
    """One review mention that is not an acknowledgement; `request` when it asks for one."""

    sentence: int
    span: Span
    request: bool


def is_acknowledged(sentence: Sentence, offset: int, lang: Lang) -> bool:
    """True when the words just before `offset` thank for or refer to a given review."""
    before = " ".join(clause_before(sentence, offset).split()[-_ACK_WORDS:])
    return pattern(ACKNOWLEDGE, lang).search(before) is not None


def review_mentions(
    sents: list[Sentence], lang: Lang, *, acknowledged: bool = False
) -> list[Mention]:
    """Every review mention of the message in reading order; acknowledgements of a review
    already given only when asked for (a reward for it is still an incentive)."""
    terms, cues = any_pattern(REVIEW_TERM), pattern(REQUEST_CUE, lang)
    out: list[Mention] = []
    for i, s in enumerate(sents):
        asks = cues.search(s.text) is not None
        for m in terms.finditer(s.text):
            start = s.start + m.start()
            if acknowledged or not is_acknowledged(s, start, lang):
                out.append(Mention(i, (start, s.start + m.end()), asks))
    return out
