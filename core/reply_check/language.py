"""Which of the five languages sellers write in a draft is in.

Only decides which grammar words to trust (if / wenn / si / se ...): common words, letters
and the language's own review words vote; English wins a tie.
"""

from __future__ import annotations

import re
from functools import cache

from core.reply_check.lexicon_reviews import REQUEST_CUE, REVIEW_TERM
from core.reply_check.text import LANGS, Lang, normalise, own_pattern

_STOPWORDS: dict[Lang, str] = {
    "en": "the and you your we to of is for please if it with our us this be are have thank "
    "would any an will was on at from can that not in",
    "de": "der die das und sie ihr ihre ihnen wir uns ist nicht mit für bitte wenn eine ein "
    "sind den dem zu auf über bei sich auch noch wurde haben falls sollten",
    "fr": "le les et vous votre vos nous est pas pour avec une des du sur merci que si "
    "au aux ce cette être avez êtes sont été en un ne très",
    "es": "el los las y usted su sus es por para con una del gracias que le lo nos está "
    "ha muy pero al este esta sido en un se más",
    "it": "il gli e lei suo sua è non per con una di della del grazie che ci ha se sono "
    "molto ma al questo questa stato alla nostra nostro in un nel nella più già",
}
_LETTERS: dict[Lang, str] = {
    "de": "äöüß",
    "fr": "çœêèàâîû",
    "es": "ñ¿¡áíóú",
    "it": "èìòù",
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@cache
def _stopwords(lang: Lang) -> frozenset[str]:
    return frozenset(_STOPWORDS[lang].split())


def _score(lang: Lang, tokens: list[str], text: str) -> float:
    stop = _stopwords(lang)
    score = float(sum(t in stop or t.split("'")[0] in stop for t in tokens))
    score += 0.5 * sum(c in _LETTERS.get(lang, "") for c in text)
    score += sum(len(own_pattern(t, lang).findall(text)) for t in (REVIEW_TERM, REQUEST_CUE))
    return score


def guess_language(text: str) -> Lang:
    plain = normalise(text).lower()
    tokens = _WORD.findall(plain)
    scores = {lang: _score(lang, tokens, plain) for lang in LANGS}
    return max(LANGS, key=lambda lang: (scores[lang], lang == "en"))
