"""Links, contact details and promotion: what takes the buyer away from this order on Amazon.

Strict on links: any URL is flagged unless its host is an amazon.* site (order pages and the
returns centre are the only links a buyer needs to complete the order).
"""

from __future__ import annotations

import re

from core.feedback_check import find_emails
from core.reply_check.text import Span

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


_AT = r"\s*[\[\(\{<]\s*at\s*[\]\)\}>]\s*"
_DOT = r"\s*[\[\(\{<]\s*dot\s*[\]\)\}>]\s*"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+(?:{_AT}[\w-]+(?:{_DOT}[\w-]+)+"
    r"| at [\w-]+(?: dot [\w-]+)* dot (?:com|net|org|de|fr|es|it|co|uk|eu)\b)",
    re.I,
)


def find_spelled_emails(text: str) -> list[Span]:
    """E-mail addresses written out to dodge filters: "name [at] shop [dot] com"."""
    return [m.span() for m in _SPELLED_EMAIL.finditer(text)]
