"""Kind 5: a reimbursement reversed although no unit of the FNSKU came back."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import date

from core.reimbursements.case import Case
from core.reimbursements.evidence import sorted_evidence
from core.reimbursements.inputs import FinderInputs
from core.reimbursements.records import Evidence, Reimbursement, utc_day
from core.reimbursements.warehouse import FOUND, is_adjustment, is_event_type, reason_code


def _units_back(seen: FinderInputs) -> dict[str, list[date]]:
    """Days a unit of each FNSKU came back: found events, FBA returns, ledger CustomerReturns."""
    days: dict[str, list[date]] = defaultdict(list)
    for e in seen.inventory_events:
        if is_event_type(e, "CUSTOMERRETURNS") or (
            e.reason and reason_code(e) == FOUND and is_adjustment(e)
        ):
            days[e.fnsku].append(e.event_date)
    for r in seen.fba_returns:
        if r.fnsku:
            days[r.fnsku].append(utc_day(r.return_date))
    for found in days.values():
        found.sort()
    return days


def reversal_cases(seen: FinderInputs) -> list[Case]:
    """Each reversal row is a case unless a unit came back between the original's approval
    (any time before, when the original is not in the report) and the reversal, inclusive."""
    originals: dict[str, list[Reimbursement]] = defaultdict(list)
    for r in seen.reimbursements:
        if not r.is_reversal:
            originals[r.reimbursement_id].append(r)
    back = _units_back(seen)
    cases: list[Case] = []
    for r in seen.reimbursements:
        if not r.is_reversal:
            continue
        original = originals.get(r.original_reimbursement_id, [])
        same = [o for o in original if o.fnsku == r.fnsku] or original
        since = min((utc_day(o.approved_at) for o in same), default=date.min)
        until = utc_day(r.approved_at)
        days = back.get(r.fnsku, [])
        i = bisect_left(days, since)
        if i < len(days) and days[i] <= until:
            continue
        rows: list[Evidence] = [r, *same]
        cases.append(
            Case(
                key=f"reversal|{r.reimbursement_id}|{r.fnsku}|{r.sku}",
                kind="reversal",
                order_id=r.order_id or None,
                fnsku=r.fnsku or None,
                sku=r.sku or None,
                quantity=abs(r.quantity_total),
                event_date=until,
                claim_opens=None,
                claim_closes=None,
                evidence=sorted_evidence(rows),
                figures=(("units reversed", abs(r.quantity_total)),),
                currency=r.currency or None,
            )
        )
    return cases
