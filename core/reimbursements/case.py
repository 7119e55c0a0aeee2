"""What the finder reports: one `Case` per claim, with the rows that prove it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from core.reimbursements.claim_text import claim_text as render_claim_text
from core.reimbursements.records import Evidence

CaseKind = Literal["customer_return", "return_damaged", "warehouse", "removal", "reversal"]
CASE_KINDS: tuple[CaseKind, ...] = (
    "customer_return",
    "return_damaged",
    "warehouse",
    "removal",
    "reversal",
)
CaseState = Literal[
    "waiting", "claimable", "closing_soon", "expired", "filed", "reimbursed", "denied"
]
CASE_STATES: tuple[CaseState, ...] = (
    "waiting",
    "claimable",
    "closing_soon",
    "expired",
    "filed",
    "reimbursed",
    "denied",
)
MarkStatus = Literal["filed", "reimbursed", "denied"]


Figures = tuple[tuple[str, int], ...]
"""Labelled unit counts that explain the quantity, e.g. (("units refunded", 2), ...)."""


@dataclass(frozen=True, slots=True)
class CaseMark:
    """The seller's word on a case: filed (with Seller Central's case id), reimbursed, denied.

    Marks made after as_of are ignored; of several marks of one key the latest wins
    (`marked_at` None counts as earliest).
    """

    key: str
    status: MarkStatus
    case_id: str = ""
    marked_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """One claim. `key` is stable across imports (marks and the deadline board use it).

    `reason` is the adjustment reason code (M / E) of a warehouse case, else "".
    `claim_opens` / `claim_closes` are inclusive; both None for a reversal.
    `evidence` holds the report rows that prove it; `figures` the unit counts
    behind `quantity`; `filed_case_id` and `note` come from the seller's mark;
    `claim_text` is the text to paste into Seller Central.
    """

    key: str
    kind: CaseKind
    order_id: str | None
    fnsku: str | None
    sku: str | None
    quantity: int
    event_date: date
    claim_opens: date | None
    claim_closes: date | None
    evidence: tuple[Evidence, ...]
    figures: Figures = ()
    reason: str = ""
    currency: str | None = None
    state: CaseState = "claimable"
    estimated_value: Decimal | None = None
    filed_case_id: str | None = None
    note: str = ""

    @property
    def claim_text(self) -> str:
        """Rendered on demand: most cases of a large account are never opened."""
        return render_claim_text(self)
