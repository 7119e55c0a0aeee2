"""Check a reply or a review-request text against Amazon's communication guidelines.

Messages may only be about the order: no external links, no contact details, no marketing,
no request for positive feedback, no review request conditioned on satisfaction, no
incentive. Works on English, German, French, Spanish and Italian drafts.
"""

from __future__ import annotations

from core.feedback_check import find_emails, find_phones
from core.reply_check.conditions import conditioned_requests
from core.reply_check.contacts import find_links, find_spelled_emails
from core.reply_check.findings import FIXES, Finding, FindingCode
from core.reply_check.language import guess_language
from core.reply_check.lexicon_offers import MARKETING, OFF_AMAZON
from core.reply_check.offers import incentives, positive_requests
from core.reply_check.text import Span, any_pattern, normalise, pattern, sentences


def check_reply(text: str) -> list[Finding]:
    """Every guideline problem in `text`, in reading order, each with its span and a fix."""
    plain = normalise(text)
    lang = guess_language(plain)
    sents = sentences(plain)
    found: list[tuple[FindingCode, str, Span]] = []
    for span, host in find_links(text):
        found.append(("external_link", f"External link to {host}.", span))
    emails = find_emails(text) + find_spelled_emails(plain)
    found += [("email_address", "E-mail address.", s) for s in emails]
    found += [("phone_number", "Phone number.", s) for s in find_phones(text)]
    for m in pattern(OFF_AMAZON, lang).finditer(plain):
        found.append(
            ("off_amazon_contact", f"Moves the conversation off Amazon: {m.group(0)!r}.", m.span())
        )
    for m in any_pattern(MARKETING).finditer(plain):
        found.append(("marketing", f"Marketing or promotional content: {m.group(0)!r}.", m.span()))
    found += [
        ("positive_feedback_request", msg, s) for s, msg in positive_requests(plain, sents, lang)
    ]
    found += [("incentive", msg, s) for s, msg in incentives(plain, sents, lang)]
    found += [
        ("conditional_review_request", c.why, c.span) for c in conditioned_requests(sents, lang)
    ]
    findings = [Finding(c, msg, s, text[s[0] : s[1]], FIXES[c]) for c, msg, s in found]
    return sorted(set(findings), key=lambda f: (f.span, f.code))
