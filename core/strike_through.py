"""Amazon's FBA strike-through note on seller feedback, in every language it writes it.

When Amazon takes responsibility for an FBA order's delivery it strikes the
rating through and adds a fixed sentence to the feedback; the rating then
counts nowhere. The sentence is localised per marketplace, so each language is
matched on the stable core of its sentence: case, accents, full-width letters
and all whitespace are ignored, and every fragment of the core must appear in
order. Sources, where an exact sentence was found:

- en: Seller Central help (G201101660): "This item was fulfilled by Amazon, and
  we take responsibility for this fulfilment experience." (US "fulfillment";
  also "... delivered by Amazon, ... this delivery experience.")
- de: reports.md section 7: "Dieser Artikel wurde von Amazon versandt, und wir
  übernehmen die Verantwortung für dieses Versanderlebnis."
- fr: Seller Central help (G201101660, fr_FR): "Cet article a été expédié par
  Amazon, nous assumons donc toute responsabilité concernant sa distribution."
- it, es, ja: no exact Amazon sentence was found; the cores below are the most
  plausible ones ("spedito da Amazon ... ci assumiamo la responsabilità",
  "enviado por Amazon ... asumimos la responsabilidad", "Amazonが発送 ... 責任"),
  kept short so that wording around them may vary.
"""

from __future__ import annotations

import re
import unicodedata

STRIKE_THROUGH_CORES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("fulfilled by amazon", "we take responsibility for this", "experience"),
        ("delivered by amazon", "we take responsibility for this", "experience"),
    ),
    "de": (("von amazon versandt", "wir übernehmen die verantwortung"),),
    "fr": (
        ("expédié par amazon", "nous assumons", "responsabilité"),
        ("livré par amazon", "nous assumons", "responsabilité"),
    ),
    "it": (
        ("spedito da amazon", "ci assumiamo la responsabilità"),
        ("gestito da amazon", "ci assumiamo la responsabilità"),
        ("consegnato da amazon", "ci assumiamo la responsabilità"),
    ),
    "es": (
        ("enviado por amazon", "asumimos la responsabilidad"),
        ("gestionado por amazon", "asumimos la responsabilidad"),
        ("entregado por amazon", "asumimos la responsabilidad"),
    ),
    "ja": (
        ("amazonが発送", "責任"),
        ("amazonが配送", "責任"),
        ("フルフィルメントbyamazon", "責任"),
    ),
}
"""Per language, the alternative cores of the note; a core's fragments appear in order."""


def fold(text: str) -> str:
    """Case, accents, full-width forms and every whitespace character folded away."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    bare = "".join(c for c in unicodedata.normalize("NFD", norm) if not unicodedata.combining(c))
    return re.sub(r"\s+", "", bare)  # text and cores fold alike (が loses its mark in both)


def _pattern(cores: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    alternatives = (".*?".join(re.escape(fold(part)) for part in core) for core in cores)
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.DOTALL)


_PATTERNS: dict[str, re.Pattern[str]] = {
    lang: _pattern(cores) for lang, cores in STRIKE_THROUGH_CORES.items()
}


def struck_through_language(*texts: str) -> str | None:
    """The language of Amazon's strike-through note in the comment or response, else None."""
    joined = fold(" ".join(t for t in texts if t))
    if "amazon" not in joined:
        return None
    return next((lang for lang, p in _PATTERNS.items() if p.search(joined)), None)


def is_struck_through(*texts: str) -> bool:
    """Amazon struck this FBA feedback through: it counts in no metric."""
    return struck_through_language(*texts) is not None
