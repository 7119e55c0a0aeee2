"""Reply checker: labelled good and bad replies, spans, fixes, JSON shape."""

from __future__ import annotations

import pytest

from core.reply_check import FIXES, check_reply, find_links, findings_to_json
from tests.data.reply_examples import BAD, GOOD


@pytest.mark.parametrize("text", GOOD)
def test_good_replies_have_no_findings(text: str) -> None:
    findings = check_reply(text)
    assert findings == [], [(f.code, f.excerpt) for f in findings]


@pytest.mark.parametrize(("text", "codes"), BAD)
def test_bad_replies_are_flagged_with_the_right_codes(text: str, codes: frozenset[str]) -> None:
    assert {f.code for f in check_reply(text)} == codes


def test_every_finding_has_its_excerpt_span_and_one_line_fix() -> None:
    for text, _ in BAD:
        for f in check_reply(text):
            assert text[f.span[0] : f.span[1]] == f.excerpt
            assert f.excerpt.strip() == f.excerpt and f.excerpt
            assert f.fix == FIXES[f.code] and "\n" not in f.fix
            assert f.message


def test_findings_are_in_reading_order() -> None:
    text = "Use coupon SAVE10. If you're happy, leave 5 stars! Mail: a@b.com"
    findings = check_reply(text)
    starts = [f.span[0] for f in findings]
    assert starts == sorted(starts)
    assert [f.code for f in findings][0] == "marketing"


@pytest.mark.parametrize(
    ("text", "hosts"),
    [
        ("see http://shop.example.org/a?b=1.", ["shop.example.org"]),
        ("go to www.amazon.de/returns or www.amaz0n-deals.com", ["www.amaz0n-deals.com"]),
        ("https://amazon.com.evil.io/x", ["amazon.com.evil.io"]),
        ("sellercentral.amazon.com is fine", []),
        ("write to me@example.com", []),  # an e-mail address, reported as such
        ("e.g. the lid, i.e. the top", []),
        ("v1.2 of the manual", []),
    ],
)
def test_links_except_amazon_sites(text: str, hosts: list[str]) -> None:
    assert [h for _, h in find_links(text)] == hosts


def test_link_span_excludes_trailing_punctuation() -> None:
    text = "Manual: (https://example.com/manual)."
    [f] = check_reply(text)
    assert f.excerpt == "https://example.com/manual"


def test_conditional_request_spans_the_whole_sentence() -> None:
    text = "Thanks for your order. If you're satisfied, leave a review. Bye."
    [f] = check_reply(text)
    assert f.code == "conditional_review_request"
    assert f.excerpt == "If you're satisfied, leave a review"


def test_json_shape() -> None:
    assert findings_to_json(check_reply("All good, thank you.")) == {"ok": True, "findings": []}
    data = findings_to_json(check_reply("Leave us positive feedback"))
    assert data["ok"] is False
    [item] = data["findings"]
    assert item["code"] == "positive_feedback_request"
    assert item["span"] == [9, 26]
    assert item["excerpt"] == "positive feedback"
    assert set(item) == {"code", "message", "span", "excerpt", "fix"}
