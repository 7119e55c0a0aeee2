"""One table of the words a seller reads for every identifier the app or Amazon uses.

`label("channel", "afn")` -> 'FBA (Amazon ships)'. Nothing raw reaches a screen: an
identifier the table does not know yet is turned into words ('some_new_thing' ->
'Some new thing') rather than shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from core.format.instants import NO_VALUE
from core.labels import amazon, ours

LabelFamily = Literal[
    "report_kind",
    "channel",
    "channel_short",
    "metric",
    "metric_short",
    "status",
    "severity",
    "warning_status",
    "deadline_kind",
    "deadline_state",
    "inbox_filter",
    "language",
    "direction",
    "contact_type",
    "resolution",
    "rule_origin",
    "claim_kind",
    "claim_reason",
    "claim_status",
    "order_status",
    "return_status",
    "defect_kind",
    "defect_status",
    "odr_component",
    "rdr_component",
    "removal_reason",
    "feedback_topic",
    "reply_finding",
    "case_kind",
    "case_state",
    "review_exclusion",
    "group_by",
    "ahr_band",
    "amazon_status",
    "amazon_metric",
    "fba_disposition",
    "return_reason",
    "fba_return_status",
    "return_type",
    "return_resolution",
    "adjustment_reason",
    "reimbursement_reason",
    "ledger_event",
]

FAMILIES: Mapping[LabelFamily, Mapping[str, str]] = {
    "report_kind": ours.REPORT_KIND,
    "channel": ours.CHANNEL,
    "channel_short": ours.CHANNEL_SHORT,
    "metric": ours.METRIC,
    "metric_short": ours.METRIC_SHORT,
    "status": ours.STATUS,
    "severity": ours.SEVERITY,
    "warning_status": ours.WARNING_STATUS,
    "deadline_kind": ours.DEADLINE_KIND,
    "deadline_state": ours.DEADLINE_STATE,
    "inbox_filter": ours.INBOX_FILTER,
    "language": ours.LANGUAGE,
    "direction": ours.DIRECTION,
    "contact_type": ours.CONTACT_TYPE,
    "resolution": ours.RESOLUTION,
    "rule_origin": ours.RULE_ORIGIN,
    "claim_kind": ours.CLAIM_KIND,
    "claim_reason": ours.CLAIM_REASON,
    "claim_status": ours.CLAIM_STATUS,
    "order_status": ours.ORDER_STATUS,
    "return_status": ours.RETURN_STATUS,
    "defect_kind": ours.DEFECT_KIND,
    "defect_status": ours.DEFECT_STATUS,
    "odr_component": ours.ODR_COMPONENT,
    "rdr_component": ours.RDR_COMPONENT,
    "removal_reason": ours.REMOVAL_REASON,
    "feedback_topic": ours.FEEDBACK_TOPIC,
    "reply_finding": ours.REPLY_FINDING,
    "case_kind": ours.CASE_KIND,
    "case_state": ours.CASE_STATE,
    "review_exclusion": ours.REVIEW_EXCLUSION,
    "group_by": ours.GROUP_BY,
    "ahr_band": ours.AHR_BAND,
    "amazon_status": amazon.AMAZON_STATUS,
    "amazon_metric": amazon.AMAZON_METRIC,
    "fba_disposition": amazon.FBA_DISPOSITION,
    "return_reason": amazon.RETURN_REASON,
    "fba_return_status": amazon.FBA_RETURN_STATUS,
    "return_type": amazon.RETURN_TYPE,
    "return_resolution": amazon.RETURN_RESOLUTION,
    "adjustment_reason": amazon.ADJUSTMENT_REASON,
    "reimbursement_reason": amazon.REIMBURSEMENT_REASON,
    "ledger_event": amazon.LEDGER_EVENT,
}


def _key(ident: str) -> str:
    """Case, '-', '_' and spaces do not matter: Amazon spells one code several ways."""
    return re.sub(r"[\s_-]+", "", ident).upper()


_INDEX: dict[LabelFamily, dict[str, str]] = {
    family: {_key(k): v for k, v in table.items()} for family, table in FAMILIES.items()
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_ACRONYMS = frozenset(
    [
        "FBA",
        "FBM",
        "AFN",
        "MFN",
        "SKU",
        "ASIN",
        "FNSKU",
        "ODR",
        "LRR",
        "NFR",
        "RDR",
        "AHR",
        "RMA",
        "ID",
        "FC",
        "UPS",
        "USPS",
        "DHL",
        "URL",
    ]
)


def humanise(ident: str) -> str:
    """Words for an identifier no table knows: 'some_new_thing' -> 'Some new thing',
    'orderDefectRate' -> 'Order defect rate', 'SOME_CODE' -> 'Some code'."""
    text = ident.strip()
    if not text:
        return NO_VALUE
    if " " not in text:
        shouting = text.upper() == text
        words = re.split(r"[_-]+", _CAMEL.sub(" ", text).replace(" ", "_"))
        text = " ".join(_word(w, shouting) for w in words if w)
    return text[:1].upper() + text[1:] if text else NO_VALUE


def _word(word: str, shouting: bool) -> str:
    """Acronyms stay capitals; other words are lower case (a shouted CODE is not an acronym)."""
    if word.upper() in _ACRONYMS or (word.isupper() and not shouting and len(word) <= 4):
        return word.upper()
    return word.lower()


def label(family: LabelFamily, ident: str | None) -> str:
    """The seller's word for `ident` in `family`; an em dash for nothing."""
    if ident is None or not ident.strip():
        return NO_VALUE
    found = _INDEX[family].get(_key(ident))
    if found is not None:
        return found
    prefix = amazon.CUSTOMER_REASON_PREFIX
    if family == "return_reason" and ident.strip().upper().startswith(prefix):
        rest = ident.strip()[len(prefix) :]
        return f"{label('return_reason', rest)} (customer)"
    return humanise(ident)


def is_known(family: LabelFamily, ident: str) -> bool:
    """Whether the table has a word of its own for `ident` (no fallback needed)."""
    return _key(ident) in _INDEX[family]


def choices(family: LabelFamily) -> Mapping[str, str]:
    """Identifier -> label of one family, in the table's order (for pickers and filters)."""
    return FAMILIES[family]


__all__ = ["FAMILIES", "LabelFamily", "choices", "humanise", "is_known", "label"]
