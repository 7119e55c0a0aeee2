"""Is this seller feedback worth a removal request? Amazon removes only four kinds.

Obscene language, personal information, a comment that is entirely a product review, and an
FBA delivery complaint (Amazon strikes it through). Mixed comments that also blame the
seller's service never qualify, nor do complaints that the item did not match its listing
("not as described", counterfeit, used sold as new): the listing is the seller's. The
checker explains itself with spans the GUI highlights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from core.clock import day_start, iso
from core.feedback_language import (
    Span,
    find_addresses,
    find_emails,
    find_full_names,
    find_personal_info,
    find_phones,
    find_profanity,
)
from core.feedback_topics import Topic, complained_topics
from core.model import is_struck_through

__all__ = [
    "REASON_CODES",
    "REMOVAL_WINDOW_DAYS",
    "Reason",
    "ReasonCode",
    "RemovalVerdict",
    "RemovalWindow",
    "Span",
    "Topic",
    "check_feedback",
    "complained_topics",
    "find_addresses",
    "find_emails",
    "find_full_names",
    "find_personal_info",
    "find_phones",
    "find_profanity",
    "removal_window",
    "removal_window_to_json",
    "verdict_code",
    "verdict_from_code",
    "verdict_to_json",
]

ReasonCode = Literal["obscene", "personal_info", "product_review", "fba_fulfilment"]
REASON_CODES: tuple[ReasonCode, ...] = (
    "obscene",
    "personal_info",
    "product_review",
    "fba_fulfilment",
)
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
    topics: tuple[str, ...] = ()  # complained about: product / seller / delivery / listing


@dataclass(frozen=True, slots=True)
class RemovalWindow:
    due_at: datetime
    seconds_left: int

    @property
    def open(self) -> bool:
        return self.seconds_left >= 0


# --- the verdict -------------------------------------------------------------------------

_EXPLAIN: dict[ReasonCode, str] = {
    "obscene": "Contains obscene or profane language ({excerpt!r}).",
    "personal_info": "Contains personal information (a {kind}).",
    "product_review": "Entirely a product review: it is about the product, not the seller's "
    "service.",
    "fba_fulfilment": "FBA order and entirely about delivery or packaging, which Amazon "
    "handled: Amazon strikes such feedback through.",
}


_LISTING_NOTE = (
    "It says the item did not match its listing (description, photos, condition or "
    "authenticity). The listing is the seller's responsibility, so Amazon does not treat "
    "this as entirely a product review."
)


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
    order = ("product", "seller", "delivery", "listing")
    topics = tuple(t for t in order if any(h.topic == t for h in hits))
    first = {h.topic: h.span for h in reversed(hits)}
    content, note = _content_reasons(set(topics), channel, first)
    reasons += content
    if reasons and not note:
        note = "Worth a removal request in Seller Central; Amazon decides."
    elif reasons:
        rest = note[0].lower() + note[1:]
        note = f"Worth a removal request for the reason above. Apart from that, {rest}"
    return RemovalVerdict(bool(reasons), reasons, note, True, topics)


_KEPT_NOTE = "Checked before the comment was deleted under the 30-day privacy rule."


def verdict_code(v: RemovalVerdict) -> str:
    """The verdict as plaintext to keep once the comment is purged: no buyer words in it."""
    if not v.applicable:
        return "not_applicable"
    if not v.eligible:
        return "not_eligible"
    return "eligible:" + ",".join(r.code for r in v.reasons)


def verdict_from_code(code: str) -> RemovalVerdict:
    """A kept verdict back, with generic explanations (the excerpts went with the comment)."""
    if code == "not_applicable":
        return RemovalVerdict(False, [], _KEPT_NOTE, applicable=False)
    status, _, codes = code.partition(":")
    generic = {"obscene": "Contains obscene or profane language.", "personal_info":
               "Contains personal information."}  # fmt: skip
    reasons = [
        Reason(c, generic.get(c, _EXPLAIN[c])) for c in REASON_CODES if c in codes.split(",")
    ]
    return RemovalVerdict(status == "eligible" and bool(reasons), reasons, _KEPT_NOTE)


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
    if "listing" in topics:
        return [], _LISTING_NOTE
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
