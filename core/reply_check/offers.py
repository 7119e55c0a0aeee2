"""Incentives for reviews and requests for praise.

An incentive is anything of value in the same sentence as a review mention ("a gift card for
your review", "we refund the shipping once your review is live"), or a free gift offered at
all. A refund already made is service, not a reward. Thanking a buyer for a 5-star review is
not asking for one.
"""

from __future__ import annotations

from collections.abc import Iterator

from core.reply_check.lexicon_offers import COMPLETED, GIFT, POSITIVE, VALUE
from core.reply_check.requests import is_acknowledged, review_mentions
from core.reply_check.text import Lang, Sentence, Span, Table, any_pattern, clause_before, pattern

_NEGATION_WORDS = 3


def _overlaps(a: Span, spans: list[Span]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


# Just before an offer, these deny it ("we don't offer discounts for reviews").
NEGATION: Table = {
    "en": r"don't|do not|never|not|no|cannot|can't|won't",
    "de": r"kein\w*|nicht|nie",
    "fr": r"pas|jamais|aucun\w*",
    "es": r"no|nunca|ning[uú]n\w*",
    "it": r"non|mai|nessun\w*",
}


def _denied(s: Sentence, offset: int, lang: Lang) -> bool:
    before = clause_before(s, offset).split()[-_NEGATION_WORDS:]
    return pattern(NEGATION, lang).search(" ".join(before)) is not None


def incentives(text: str, sents: list[Sentence], lang: Lang) -> Iterator[tuple[Span, str]]:
    """(span, message) of each offer of value tied to a review, and each free gift."""
    gifts = [m.span() for m in any_pattern(GIFT).finditer(text)]
    for span in gifts:
        yield span, f"Offers an incentive: {text[span[0] : span[1]]!r}."
    reviewed = {m.sentence for m in review_mentions(sents, lang, acknowledged=True)}
    for i in sorted(reviewed):
        s = sents[i]
        if any_pattern(COMPLETED).search(s.text):
            continue
        for m in any_pattern(VALUE).finditer(s.text):
            span = (s.start + m.start(), s.start + m.end())
            if not _overlaps(span, gifts) and not _denied(s, span[0], lang):
                yield span, f"Something of value offered for a review: {m.group(0)!r}."


def _sentence_at(sents: list[Sentence], offset: int) -> Sentence | None:
    return next((s for s in sents if s.start <= offset < s.end), None)


def positive_requests(text: str, sents: list[Sentence], lang: Lang) -> Iterator[tuple[Span, str]]:
    """(span, message) of each ask for good, positive or 5-star feedback."""
    for m in any_pattern(POSITIVE).finditer(text):
        s = _sentence_at(sents, m.start())
        if s is not None and is_acknowledged(s, m.start(), lang):
            continue
        yield m.span(), f"Asks for positive feedback: {m.group(0)!r}."
