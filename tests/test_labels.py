"""One label table: every identifier a seller could see has a word, and nothing raw leaks."""

from __future__ import annotations

import importlib
import pkgutil
import re
import typing

import pytest

import core
from core.format import NO_VALUE
from core.labels import FAMILIES, LabelFamily, humanise, is_known, label
from core.reconciliation.text import AMAZON_STATUS

SETS = re.compile(
    r"(KINDS|STATUSES|STATES|CODES|REASONS|TYPES|RESOLUTIONS|ORIGINS|CHANNELS|DISPOSITIONS|KEYS)$"
)

COVERED: dict[str, LabelFamily | None] = {
    "AhrBand": "ahr_band",
    "CASE_KINDS": "case_kind",
    "CaseKind": "case_kind",
    "CASE_STATES": "case_state",
    "CaseState": "case_state",
    "MarkStatus": "case_state",
    "CHANNELS": "channel",
    "Channel": "channel",
    "CLAIM_KINDS": "claim_kind",
    "CLAIM_REASONS": "claim_reason",
    "FULFILMENT_REASONS": "claim_reason",
    "CLAIM_STATUSES": "claim_status",
    "CONTACT_TYPES": "contact_type",
    "RESOLUTIONS": "resolution",
    "DAMAGED_DISPOSITIONS": "fba_disposition",
    "DAMAGED_REASONS": "return_reason",
    "PAYING_REASONS": "reimbursement_reason",
    "DeadlineKind": "deadline_kind",
    "SHORT_KINDS": "deadline_kind",
    "DeadlineState": "deadline_state",
    "FindingCode": "reply_finding",
    "GroupBy": "group_by",
    "METRIC_KEYS": "metric",
    "ORDER_STATUSES": "order_status",
    "RETURN_STATUSES": "return_status",
    "RETURN_DECIDED_STATUSES": "return_status",
    "REASON_CODES": "removal_reason",
    "ReasonCode": "removal_reason",
    "REPORT_KINDS": "report_kind",
    "ReportKind": "report_kind",
    "RULE_ORIGINS": "rule_origin",
    "RuleOrigin": "rule_origin",
    "STATUSES": "defect_status",
    "Severity": "severity",
    "Status": "status",
    "Topic": "feedback_topic",
    # defined on other branches (core.review_requests, core.countdown, core.inbox_table,
    # core.reply_check): covered here so the walk holds once they are merged
    "ISSUE_REASONS": "review_exclusion",
    "IssueReason": "review_exclusion",
    "State": "deadline_state",
    "InboxFilter": "inbox_filter",
    "Lang": "language",
    # internal, never shown as such:
    "EventSource": None,  # which report an evidence row came from; the row layout names it
    "LabelFamily": None,  # the names of these very tables
    "SortKey": None,  # what an inbox column sorts by; the column header names it
    "Kind": None,  # the reply checker's kind of condition; its finding says it in words
}


def _identifier_sets() -> dict[str, tuple[str, ...]]:
    """Every Literal alias and every constant set of codes defined anywhere in core."""
    found: dict[str, tuple[str, ...]] = {}
    for info in pkgutil.walk_packages(core.__path__, "core."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if typing.get_origin(obj) is typing.Literal:
                found[name] = tuple(str(v) for v in typing.get_args(obj))
            elif (
                name.isupper()
                and SETS.search(name)
                and isinstance(obj, tuple | frozenset)
                and obj
                and all(isinstance(v, str) for v in obj)
            ):
                found[name] = tuple(sorted(obj))
    return found


def _is_words(text: str) -> bool:
    """A label a person reads: no underscores, not a shouted code, starts like a sentence."""
    return (
        bool(text)
        and "_" not in text
        and text != NO_VALUE
        and (text[0].isupper() or text[0].isdigit())
        and not (text.isupper() and len(text) > 4 and " " not in text)
    )


def test_every_identifier_set_in_core_has_a_label_family() -> None:
    sets = _identifier_sets()
    assert len(sets) >= 30
    missing = sorted(name for name in sets if name not in COVERED)
    assert not missing, f"give these a family in core/labels (or mark them internal): {missing}"


@pytest.mark.parametrize("name", sorted(_identifier_sets()))
def test_every_identifier_has_a_real_label(name: str) -> None:
    family = COVERED.get(name)
    if family is None:
        return
    for ident in _identifier_sets()[name]:
        assert is_known(family, ident), f"{name}: {ident!r} has no label in {family!r}"
        assert _is_words(label(family, ident)), (name, ident, label(family, ident))


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_label_is_words_not_a_code(family: LabelFamily) -> None:
    for ident, text in FAMILIES[family].items():
        assert _is_words(text), (family, ident, text)
        looks_like_code = "_" in ident or ident.islower() or ident.isupper()
        if looks_like_code and " " not in ident:
            assert text != ident, (family, ident)


def test_amazons_statuses_the_reconciliation_reads_have_words() -> None:
    for status in AMAZON_STATUS:
        assert is_known("amazon_status", status), status


@pytest.mark.parametrize(
    ("family", "ident", "text"),
    [
        ("channel", "afn", "FBA (Amazon ships)"),
        ("channel", "MFN", "FBM (you ship)"),
        ("channel_short", "afn", "FBA"),
        ("report_kind", "returns_fbm", "FBM returns report"),
        ("report_kind", "returns_fba", "FBA customer returns report"),
        ("deadline_kind", "claim_info", "A-to-z info request"),
        ("deadline_kind", "feedback_removal", "Feedback removal"),
        ("language", "de", "German"),
        ("inbox_filter", "no_response_needed", "No response needed"),
        ("status", "no_data", "No data"),
        ("status", "breach", "Breach"),  # the dashboard pill's word
        ("removal_reason", "product_review", "Entirely a product review"),
        ("claim_status", "info_requested", "Information requested"),
        ("contact_type", "pre_purchase_question", "Pre-purchase question"),
        ("return_reason", "CR-DEFECTIVE", "Defective (customer)"),
        ("return_reason", "cr-unwanted_item", "No longer wanted (customer)"),
        ("return_reason", "AMZ-PG-BAD-DESC", "Description on the website was wrong"),
        ("return_reason", "CR-SOMETHING_NEW", "Something new (customer)"),
        ("fba_disposition", "CUSTOMER_DAMAGED", "Damaged by the customer"),
        ("reimbursement_reason", "REMOVALORDERLOST", "Removal order lost"),
        ("reimbursement_reason", "Lost_Warehouse", "Lost in Amazon's warehouse"),
        ("adjustment_reason", "M", "Lost in Amazon's warehouse"),
        (
            "amazon_metric",
            "productConditionCustomerComplaints",
            "Product condition customer complaints",
        ),
        ("amazon_status", "BAD", "Bad"),
        ("return_type", "C-Returns", "Customer return"),
        # unknown identifiers become words, never raw
        ("deadline_kind", "some_new_thing", "Some new thing"),
        ("amazon_metric", "someNewRate", "Some new rate"),
        ("fba_disposition", "SOME_NEW_STATE", "Some new state"),
        ("report_kind", "fba_inventory", "FBA inventory"),
        ("amazon_status", "", NO_VALUE),
        ("amazon_status", None, NO_VALUE),
    ],
)
def test_labels(family: LabelFamily, ident: str | None, text: str) -> None:
    assert label(family, ident) == text


@pytest.mark.parametrize(
    ("ident", "text"),
    [
        ("some_new_thing", "Some new thing"),
        ("orderDefectRate", "Order defect rate"),
        ("SOME_CODE", "Some code"),
        ("FBA_RETURN_KIND", "FBA return kind"),
        ("sku_count", "SKU count"),
        ("asinURL", "ASIN URL"),
        ("already words", "Already words"),
        ("x", "X"),
        ("  ", NO_VALUE),
    ],
)
def test_humanise(ident: str, text: str) -> None:
    assert humanise(ident) == text
