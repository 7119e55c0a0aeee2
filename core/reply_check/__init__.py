"""The reply and review-request checker (Amazon's buyer-communication guidelines)."""

from core.reply_check.check import check_reply
from core.reply_check.contacts import find_links
from core.reply_check.findings import (
    FIXES,
    Finding,
    FindingCode,
    finding_to_json,
    findings_to_json,
)
from core.reply_check.text import Span

__all__ = [
    "FIXES",
    "Finding",
    "FindingCode",
    "Span",
    "check_reply",
    "find_links",
    "finding_to_json",
    "findings_to_json",
]
