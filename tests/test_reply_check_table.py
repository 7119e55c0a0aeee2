"""The reply checker against the labelled table: precision and recall per rule.

The table (tests/data/review_request_examples.py) holds compliant near-misses and violations
in unusual wording in five languages. Every rule must find at least 95 % of its violations,
and no compliant draft may be flagged at all.
"""

from __future__ import annotations

import pytest

from core.reply_check import FIXES, check_reply
from core.reply_check.language import guess_language
from tests.data.review_request_examples import DRAFTS, RULES, Draft

MIN_RECALL = 0.95


def found_codes(draft: Draft) -> frozenset[str]:
    return frozenset(f.code for f in check_reply(draft.text))


def scores() -> dict[str, tuple[int, int, int]]:
    """Per rule: (true positives, false positives, false negatives) over the table."""
    out = {}
    results = [(d, found_codes(d)) for d in DRAFTS]
    for rule in RULES:
        tp = sum(rule in got and rule in d.codes for d, got in results)
        fp = sum(rule in got and rule not in d.codes for d, got in results)
        fn = sum(rule not in got and rule in d.codes for d, got in results)
        out[rule] = (tp, fp, fn)
    return out


def report(table: dict[str, tuple[int, int, int]]) -> str:
    lines = [f"{'rule':28} {'precision':>9} {'recall':>7}  tp  fp  fn"]
    for rule, (tp, fp, fn) in table.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"{rule:28} {precision:9.3f} {recall:7.3f} {tp:3} {fp:3} {fn:3}")
    return "\n".join(lines)


def test_the_table_is_big_tricky_and_multilingual() -> None:
    assert len(DRAFTS) >= 150
    assert sum(d.tricky for d in DRAFTS) * 3 >= len(DRAFTS)
    assert {d.lang for d in DRAFTS} == {"en", "de", "fr", "es", "it"}
    assert len({d.text for d in DRAFTS}) == len(DRAFTS)
    assert all(d.codes <= set(RULES) for d in DRAFTS)
    assert all(sum(r in d.codes for d in DRAFTS) >= 7 for r in RULES)


def test_precision_and_recall_per_rule(capsys: pytest.CaptureFixture[str]) -> None:
    table = scores()
    text = report(table)
    with capsys.disabled():
        print(f"\nreply checker on {len(DRAFTS)} labelled drafts\n{text}")
    for rule, (tp, _fp, fn) in table.items():
        assert tp / (tp + fn) >= MIN_RECALL, f"{rule} recall too low\n{text}"


@pytest.mark.parametrize("draft", [d for d in DRAFTS if not d.codes], ids=lambda d: d.text[:40])
def test_no_compliant_draft_is_flagged(draft: Draft) -> None:
    findings = check_reply(draft.text)
    assert findings == [], [(f.code, f.excerpt) for f in findings]


@pytest.mark.parametrize("draft", [d for d in DRAFTS if d.codes], ids=lambda d: d.text[:40])
def test_every_violation_gets_exactly_its_codes(draft: Draft) -> None:
    assert found_codes(draft) == draft.codes


def test_every_finding_highlights_its_own_words() -> None:
    for draft in DRAFTS:
        for f in check_reply(draft.text):
            assert draft.text[f.span[0] : f.span[1]] == f.excerpt, draft.text
            assert f.excerpt and f.excerpt.strip() == f.excerpt, draft.text
            assert f.fix == FIXES[f.code] and f.message


def test_language_is_guessed_for_drafts_with_a_few_words() -> None:
    def letters_words(text: str) -> int:
        return sum(w.strip(".,:;!?\u00bf\u00a1").isalpha() for w in text.split())

    wrong = [
        d.text for d in DRAFTS if letters_words(d.text) >= 4 and guess_language(d.text) != d.lang
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        # condition and request in different sentences: both are highlighted, and what lies between
        (
            "If you are not satisfied, contact us. Thanks for your order. We'd love a review.",
            "If you are not satisfied, contact us. Thanks for your order. We'd love a review",
        ),
        (
            "Thanks! Wenn Sie zufrieden sind, bewerten Sie uns.",
            "Wenn Sie zufrieden sind, bewerten Sie uns",
        ),
        ("Happy? Leave a review.", "Happy? Leave a review"),
    ],
)
def test_conditioned_request_spans_condition_and_request(text: str, excerpt: str) -> None:
    [f] = [f for f in check_reply(text) if f.code == "conditional_review_request"]
    assert f.excerpt == excerpt


def test_a_forgotten_full_stop_before_an_imperative_still_ends_the_sentence() -> None:
    text = "If you are happy, please leave a review Visit www.myshop.com for 20% off."
    codes = {f.code: f.excerpt for f in check_reply(text)}
    assert codes["conditional_review_request"] == "If you are happy, please leave a review"
    assert "incentive" not in codes and codes["marketing"] == "20% off"


def test_typographic_apostrophes_and_spaces_read_like_plain_ones() -> None:
    assert {f.code for f in check_reply("If you\u2019re happy,\u00a0please leave a review.")} == {
        "conditional_review_request"
    }
