"""What the checker reports: a finding per problem, with its words and a one-line fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from core.reply_check.text import Span

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
