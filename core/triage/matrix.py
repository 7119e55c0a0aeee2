"""The escalation matrix: who answers each kind of buyer contact, how fast, and with what.

The glossary's expert tip: pre-approve a resolution and a dollar limit per contact type so
nobody waits for an approval while Amazon's 24-hour clock runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

AMAZON_RESPONSE_HOURS = 24
"""Amazon's first-response limit for every buyer message, weekends included."""

CONTACT_TYPES: tuple[str, ...] = (
    "delivery_issue",
    "product_defect",
    "return_request",
    "cancellation_request",
    "pre_purchase_question",
    "general_inquiry",
    "negative_feedback_alert",
)
CONTACT_TYPE_LABELS: dict[str, str] = {
    "delivery_issue": "Delivery issue",
    "product_defect": "Product defect",
    "return_request": "Return request",
    "cancellation_request": "Cancellation request",
    "pre_purchase_question": "Pre-purchase question",
    "general_inquiry": "General inquiry",
    "negative_feedback_alert": "Negative feedback alert",
}
FALLBACK_CONTACT_TYPE = "general_inquiry"

RESOLUTIONS: tuple[str, ...] = ("replacement", "refund", "partial_refund", "return_label", "answer")
RESOLUTION_LABELS: dict[str, str] = {
    "replacement": "Send a replacement",
    "refund": "Refund",
    "partial_refund": "Partial refund",
    "return_label": "Send a return label",
    "answer": "Answer the question",
}


class MatrixError(ValueError):
    """An escalation row the seller cannot save; the message is one readable sentence."""


@dataclass(frozen=True, slots=True)
class EscalationRow:
    """One contact type's pre-approved pathway. `dollar_limit` None = no money pre-approved."""

    contact_type: str
    owner: str
    target_hours: float
    resolution: str
    dollar_limit: Decimal | None = None
    notes: str = ""

    @property
    def label(self) -> str:
        return CONTACT_TYPE_LABELS.get(self.contact_type, self.contact_type)


@dataclass(frozen=True, slots=True)
class Pathway:
    """What the inbox shows beside a classified message."""

    contact_type: str
    owner: str
    target_hours: float
    resolution: str
    dollar_limit: Decimal | None
    notes: str = ""


def validate_row(row: EscalationRow) -> EscalationRow:
    """Return the row or raise MatrixError: a target over 24 h would miss Amazon's own limit."""
    label = row.label
    if row.contact_type not in CONTACT_TYPES:
        raise MatrixError(f"Unknown contact type {row.contact_type!r}.")
    if not 0 < row.target_hours <= AMAZON_RESPONSE_HOURS:
        raise MatrixError(
            f"{label}: the target time must be more than 0 and at most 24 hours "
            f"(Amazon's limit), not {row.target_hours:g}."
        )
    if row.resolution not in RESOLUTIONS:
        raise MatrixError(
            f"{label}: the resolution must be one of {', '.join(RESOLUTIONS)}, "
            f"not {row.resolution!r}."
        )
    if row.dollar_limit is not None and (not row.dollar_limit.is_finite() or row.dollar_limit < 0):
        raise MatrixError(f"{label}: the dollar limit must be zero or more.")
    return row


def validate_matrix(rows: Iterable[EscalationRow]) -> list[EscalationRow]:
    """Every row valid and each contact type at most once."""
    seen: set[str] = set()
    out: list[EscalationRow] = []
    for row in rows:
        validate_row(row)
        if row.contact_type in seen:
            raise MatrixError(f"{row.label} appears twice in the escalation matrix.")
        seen.add(row.contact_type)
        out.append(row)
    return out


DEFAULT_MATRIX: tuple[EscalationRow, ...] = (
    EscalationRow(
        "cancellation_request",
        "Customer service",
        4,
        "refund",
        None,
        "4 h: an unshipped order can still be stopped; once it ships it becomes a return.",
    ),
    EscalationRow(
        "delivery_issue",
        "Customer service",
        12,
        "replacement",
        Decimal("50"),
        "Check tracking; reship or refund up to the limit without asking. "
        "FBA: Amazon handles delivery, but the message still needs an answer.",
    ),
    EscalationRow(
        "product_defect",
        "Customer service",
        12,
        "replacement",
        Decimal("50"),
        "Defects turn into 1-star feedback and A-to-z claims: replace up to the full "
        "product value, no return required under the limit.",
    ),
    EscalationRow(
        "return_request",
        "Customer service",
        12,
        "return_label",
        Decimal("50"),
        "Authorise within Amazon's 48 h return window; a late or wrongly rejected "
        "return counts in RDR.",
    ),
    EscalationRow(
        "negative_feedback_alert",
        "Owner",
        8,
        "partial_refund",
        Decimal("25"),
        "Reach out fast and fix the problem; never ask the buyer to change or remove "
        "the feedback (against Amazon policy). Check removal eligibility.",
    ),
    EscalationRow(
        "pre_purchase_question",
        "Customer service",
        12,
        "answer",
        None,
        "A quick, exact answer wins the sale; no money involved.",
    ),
    EscalationRow(
        "general_inquiry",
        "Customer service",
        24,
        "answer",
        None,
        "Everything else: answer within Amazon's 24 h.",
    ),
)
"""Shipped defaults: the urgent, defect-prone contact types get the shortest targets."""


def default_row(contact_type: str) -> EscalationRow:
    """The shipped row for a contact type (the general inquiry row for unknown types)."""
    for row in DEFAULT_MATRIX:
        if row.contact_type == contact_type:
            return row
    return replace(default_row(FALLBACK_CONTACT_TYPE), contact_type=contact_type)


def complete_matrix(rows: Iterable[EscalationRow]) -> list[EscalationRow]:
    """The seller's rows plus a default row for every contact type they lack."""
    out = list(rows)
    have = {r.contact_type for r in out}
    out.extend(r for r in DEFAULT_MATRIX if r.contact_type not in have)
    return out


def matrix_row(contact_type: str, matrix: Iterable[EscalationRow]) -> EscalationRow:
    """The seller's row for a contact type, else the shipped default."""
    for row in matrix:
        if row.contact_type == contact_type:
            return row
    return default_row(contact_type)


def target_hours(row: EscalationRow) -> float:
    """The stricter of the matrix target and Amazon's 24 h."""
    return float(min(row.target_hours, AMAZON_RESPONSE_HOURS))


def response_target(received_at: datetime, matrix_row: EscalationRow) -> datetime:
    """When the first answer is due internally (DeadlineItem.target_at)."""
    return received_at + timedelta(hours=target_hours(matrix_row))


def escalation_row_to_json(row: EscalationRow) -> dict[str, Any]:
    return {
        "contact_type": row.contact_type,
        "label": row.label,
        "owner": row.owner,
        "target_hours": row.target_hours,
        "resolution": row.resolution,
        "dollar_limit": None if row.dollar_limit is None else str(row.dollar_limit),
        "notes": row.notes,
    }


def pathway_to_json(p: Pathway) -> dict[str, Any]:
    return {
        "contact_type": p.contact_type,
        "label": CONTACT_TYPE_LABELS.get(p.contact_type, p.contact_type),
        "owner": p.owner,
        "target_hours": p.target_hours,
        "resolution": p.resolution,
        "dollar_limit": None if p.dollar_limit is None else str(p.dollar_limit),
        "notes": p.notes,
    }
