"""Kind 4: units of a completed removal order neither shipped, disposed of nor cancelled."""

from __future__ import annotations

from collections import defaultdict

from core.reimbursements.allocate import Open, Payment, allocate
from core.reimbursements.case import Case
from core.reimbursements.evidence import sorted_evidence
from core.reimbursements.inputs import FinderInputs
from core.reimbursements.records import RemovalOrder, utc_day
from core.reimbursements.settings import ReimbursementSettings
from core.reimbursements.windows import removal_window

PAYING_REASONS = frozenset({"REMOVALORDERLOST", "REMOVALORDERDAMAGED"})


def missing_units(r: RemovalOrder) -> int:
    """Only a Completed order (any case) can have lost units; in-process units are ignored."""
    if r.status.strip().lower() != "completed":
        return 0
    return max(
        0,
        r.requested_quantity - r.shipped_quantity - r.disposed_quantity - r.cancelled_quantity,
    )


def removal_cases(seen: FinderInputs, s: ReimbursementSettings) -> list[Case]:
    """One case per removal row; RemovalOrderLost/Damaged of the FNSKU pay the earliest first."""
    rows: dict[str, list[RemovalOrder]] = defaultdict(list)
    for r in seen.removals:
        if missing_units(r) > 0:
            rows[r.fnsku].append(r)
    payments: dict[str, list[Payment]] = defaultdict(list)
    for p in seen.reimbursements:
        if p.reason.strip().upper() in PAYING_REASONS and not p.is_reversal:
            payments[p.fnsku].append((utc_day(p.approved_at), p.quantity_total, (p,)))
    cases: list[Case] = []
    for fnsku, removals in rows.items():
        removals.sort(key=lambda r: (r.request_date, r.order_id, r.sku))
        opens = [Open(utc_day(r.request_date), missing_units(r), (r,)) for r in removals]
        allocate(opens, payments.get(fnsku, []), "reimbursed")
        for r, o in zip(removals, opens, strict=True):
            if o.remaining <= 0:
                continue
            claim_opens, claim_closes = removal_window(o.day, s)
            cases.append(
                Case(
                    key=f"removal|{r.order_id}|{r.fnsku}|{r.sku}",
                    kind="removal",
                    order_id=r.order_id or None,
                    fnsku=r.fnsku or None,
                    sku=r.sku or None,
                    quantity=o.remaining,
                    event_date=o.day,
                    claim_opens=claim_opens,
                    claim_closes=claim_closes,
                    evidence=sorted_evidence([r, *o.paid_by]),
                    figures=(
                        ("units requested", r.requested_quantity),
                        ("units shipped", r.shipped_quantity),
                        ("units disposed", r.disposed_quantity),
                        ("units cancelled", r.cancelled_quantity),
                        ("units reimbursed", o.applied.get("reimbursed", 0)),
                    ),
                    currency=r.currency or None,
                )
            )
    return cases
