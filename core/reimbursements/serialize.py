"""Cases -> the `reimbursements --json` shape of spec/cli.md."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from core.clock import iso
from core.reimbursements.case import Case
from core.reimbursements.value import to_cents

JsonDict = dict[str, Any]


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def case_to_json(c: Case) -> JsonDict:
    """Dates YYYY-MM-DD, absent values null, estimated_value a number rounded to cents."""
    value = c.estimated_value
    return {
        "kind": c.kind,
        "order_id": c.order_id,
        "fnsku": c.fnsku,
        "sku": c.sku,
        "quantity": c.quantity,
        "event_date": c.event_date.isoformat(),
        "claim_opens": _day(c.claim_opens),
        "claim_closes": _day(c.claim_closes),
        "state": c.state,
        "estimated_value": None if value is None else float(to_cents(value)),
        "currency": c.currency,
    }


def reimbursements_to_json(as_of: datetime, cases: Sequence[Case]) -> JsonDict:
    """`{"as_of": T, "cases": [...]}` in the finder's order (soonest claim_closes first)."""
    return {"as_of": iso(as_of), "cases": [case_to_json(c) for c in cases]}
