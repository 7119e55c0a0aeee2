"""Check a reply to a buyer against Amazon's communication guidelines before it is sent.

Messages may only be about the order: no external links, no contact details, no marketing,
no request for positive feedback, no review request conditioned on satisfaction, no
incentive. Strict on links: any URL is flagged unless its host is an amazon.* site (order
pages and the returns centre are the only links a buyer needs to complete the order).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from core.feedback_check import find_emails, find_phones

FindingCode = Literal[
    "external_link",
    "email_address",
    "phone_number",
    "off_amazon_contact",
    "marketing",
    "positive_feedback_request",
    "conditional_review_request",
    "incentive",
]
Span = tuple[int, int]

FIXES: dict[FindingCode, str] = {
    "external_link": "Remove the link: only amazon.* links (such as the order page) are allowed.",
    "email_address": "Remove the e-mail address: keep all contact in Buyer-Seller Messaging.",
    "phone_number": "Remove the phone number: keep all contact in Buyer-Seller Messaging.",
    "off_amazon_contact": "Ask the buyer to reply through Amazon messages instead.",
    "marketing": "Remove the promotion: a message may only be about this order.",
    "positive_feedback_request": 'Ask neutrally, e.g. "We\'d appreciate your honest feedback."',
    "conditional_review_request": "Do not tie a review to satisfaction: ask every buyer the "
    "same neutral way, or not at all.",
    "incentive": "Remove the incentive: nothing may be offered in exchange for a review.",
}


@dataclass(frozen=True, slots=True)
class Finding:
    code: FindingCode
    message: str
    span: Span
    excerpt: str
    fix: str


# --- links -------------------------------------------------------------------------------

_TLDS = (
    "com|net|org|info|biz|io|co|shop|store|online|site|app|me|us|uk|de|fr|es|it|ca|au|eu|"
    "nl|be|at|ch|pl|se|jp|in|mx|br|ly|gl|link|page|xyz|to|tv|ai"
)
_URLS = (
    re.compile(r"https?://[^\s<>\"']+", re.I),
    re.compile(r"(?<![\w/.@-])www\.[^\s<>\"']+", re.I),
    re.compile(
        rf"(?<![\w/.@-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?:\.[a-z]{{2}})?"
        r"(?:/[^\s<>\"']*)?(?![\w@-])",
        re.I,
    ),
)
_AMAZON_HOST = re.compile(
    r"(?:^|\.)amazon\.(?:com|ca|com\.mx|com\.br|co\.uk|de|fr|es|it|nl|se|pl|com\.be|com\.tr|"
    r"ae|sa|eg|in|co\.jp|com\.au|sg|ie)$"
)
_TRAILING = ".,;:!?)]}'\""


def _host(url: str) -> str:
    rest = re.sub(r"^[a-z]+://", "", url.lower())
    return re.split(r"[/?#:]", rest, maxsplit=1)[0]


def find_links(text: str) -> list[tuple[Span, str]]:
    """(span, host) of every non-Amazon link; e-mail domains are not links."""
    emails = find_emails(text)
    seen: list[Span] = []
    out: list[tuple[Span, str]] = []
    for rx in _URLS:
        for m in rx.finditer(text):
            start, end = m.span()
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            span = (start, end)
            if any(s[0] < end and start < s[1] for s in seen + emails):
                continue
            seen.append(span)
            host = _host(text[start:end])
            if not _AMAZON_HOST.search(host):
                out.append((span, host))
    return sorted(out)


# --- phrases -----------------------------------------------------------------------------


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I)


_MARKETING = _rx(
    r"coupons?(?: codes?)?|discount(?:s|ed)?(?: codes?)?|promo(?:tion(?:s|al)?)?(?: codes?)?"
    r"|\d+\s?%\s?off|\d+ percent off|(?:on|our|big|huge|summer|winter|spring|autumn|fall"
    r"|holiday|flash|clearance|christmas|annual|special|seasonal|storewide) sales?"
    r"|sales? (?:starts?|ends?|events?|prices?)|special offers?"
    r"|exclusive (?:offers?|deals?)|limited[- ]time|black friday|cyber monday"
    r"|check out our(?: other)? (?:products|items|store|shop|listings|range|collection)"
    r"|our other (?:products|items|listings)|new (?:products|arrivals|collection|releases)"
    r"|newsletter|subscribe|follow us|like us on|facebook|instagram|twitter|tiktok|youtube"
    r"|pinterest|visit our (?:store|shop|website|site|page)|our website"
    r"|(?:off|on) your next (?:order|purchase)|buy (?:more|again)"
)
_OFF_AMAZON = _rx(
    r"whatsapp|telegram|wechat|skype|viber|call us|text us|phone us|ring us|e-?mail us"
    r"|contact us (?:directly )?(?:by|via|at|on) (?:e-?mail|phone|telephone|whatsapp)"
)
_POSITIVE_REQUEST = _rx(
    r"(?:positive|good|great|excellent|glowing|favou?rable|nice|perfect|top|best|high(?:est)?)"
    r" (?:feedback|reviews?|ratings?|comments?|stars?)"
    r"|(?:5|five)[\s-]*stars?|full stars|rate us (?:5|five|highly)"
)
_INCENTIVE = _rx(
    r"free (?:gifts?|samples?|bonus|products?|items?|giveaway)|gift ?cards?|gift certificates?"
    r"|vouchers?|cash ?back|rewards?"
    r"|in (?:exchange|return) for (?:a |an |your )?(?:honest |positive |5[- ]star )?"
    r"(?:reviews?|feedback|ratings?)"
)
_REVIEW_WORD = _rx(r"feedback|reviews?|rate|rating|ratings|stars?|testimonials?")
_CONDITION = _rx(
    r"if (?:you(?: are|'re| were| feel)?|you're) (?:happy|satisfied|pleased|delighted|"
    r"enjoy(?:ed|ing)?|lik(?:e|ed)|lov(?:e|ed)|content)"
    r"|if you (?:enjoy(?:ed)?|lik(?:e|ed)|lov(?:e|ed)) (?:it|the|your|our|this)"
    r"|if everything (?:is|was) (?:ok|okay|fine|good|great|perfect|to your satisfaction)"
    r"|if (?:the|your) (?:product|order|item|purchase) (?:met|meets|exceeded|exceeds)"
    r"|if you had a (?:good|great|positive|pleasant) experience|only if"
    r"|if you are not (?:happy|satisfied|pleased)|if you're not (?:happy|satisfied|pleased)"
    r"|before (?:leaving|you leave|posting|writing)|instead of (?:leaving|posting|writing)"
)
_MONEY_BACK = _rx(r"refunds?|refunded|reimburs\w*|money back|pay you|paypal|rebate")
_PHRASES: tuple[tuple[re.Pattern[str], FindingCode, str], ...] = (
    (_OFF_AMAZON, "off_amazon_contact", "Moves the conversation off Amazon"),
    (_MARKETING, "marketing", "Marketing or promotional content"),
    (_POSITIVE_REQUEST, "positive_feedback_request", "Asks for positive feedback"),
    (_INCENTIVE, "incentive", "Offers an incentive"),
)
_SENTENCE = re.compile(r"[^.!?;\n]+")


def _sentences(text: str) -> Iterator[tuple[Span, str]]:
    for m in _SENTENCE.finditer(text):
        stripped = m.group(0).strip()
        if stripped:
            start = m.start() + m.group(0).index(stripped)
            yield (start, start + len(stripped)), stripped


def check_reply(text: str) -> list[Finding]:
    """Every guideline problem in `text`, in reading order, each with its span and a fix."""
    found: list[tuple[FindingCode, str, Span]] = []
    for span, host in find_links(text):
        found.append(("external_link", f"External link to {host}.", span))
    found += [("email_address", "E-mail address.", s) for s in find_emails(text)]
    found += [("phone_number", "Phone number.", s) for s in find_phones(text)]
    for rx, code, what in _PHRASES:
        for m in rx.finditer(text):
            found.append((code, f"{what}: {m.group(0)!r}.", m.span()))
    for (start, _end), sentence in _sentences(text):
        if not _REVIEW_WORD.search(sentence):
            continue
        if cond := _CONDITION.search(sentence):
            span = (start, start + len(sentence))
            what = f"Review request tied to the buyer's satisfaction: {cond.group(0)!r}."
            found.append(("conditional_review_request", what, span))
        if money := _MONEY_BACK.search(sentence):
            span = (start + money.start(), start + money.end())
            found.append(("incentive", "Money offered in the same breath as a review.", span))
    findings = [Finding(c, msg, s, text[s[0] : s[1]], FIXES[c]) for c, msg, s in found]
    return sorted(set(findings), key=lambda f: (f.span, f.code))


def finding_to_json(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "message": f.message,
        "span": list(f.span),
        "excerpt": f.excerpt,
        "fix": f.fix,
    }


def findings_to_json(findings: list[Finding]) -> dict[str, Any]:
    """The `check-reply --json` shape: ok when there is nothing to fix."""
    return {"ok": not findings, "findings": [finding_to_json(f) for f in findings]}
