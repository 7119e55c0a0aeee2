"""find_cases: every reimbursement case of spec/reimbursements.md as of one instant.

Cases come sorted by `claim_closes` (soonest first, reversals without a window last),
then by kind in the spec's order, `event_date` and `key`; the JSON keeps that order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime

from core.clock import to_utc
from core.reimbursements.case import CASE_KINDS, Case, CaseMark, CaseState
from core.reimbursements.inputs import FinderInputs, visible_at
from core.reimbursements.refunds import refund_cases
from core.reimbursements.removals import removal_cases
from core.reimbursements.reversals import reversal_cases
from core.reimbursements.settings import ReimbursementSettings
from core.reimbursements.value import PriceBook
from core.reimbursements.warehouse import warehouse_cases
from core.reimbursements.windows import window_state

_KIND_ORDER = {k: i for i, k in enumerate(CASE_KINDS)}


def case_order(c: Case) -> tuple[bool, date, int, date, str, int]:
    return (
        c.claim_closes is None,
        c.claim_closes or date.min,
        _KIND_ORDER[c.kind],
        c.event_date,
        c.key,
        c.quantity,
    )


def _unique_keys(cases: Sequence[Case]) -> list[Case]:
    """Two rows with the same identity (rare: no reference id) get #2, #3... in case order."""
    seen: dict[str, int] = {}
    out = []
    for c in cases:
        n = seen.get(c.key, 0) + 1
        seen[c.key] = n
        out.append(c if n == 1 else replace(c, key=f"{c.key}#{n}"))
    return out


def latest_marks(marks: Iterable[CaseMark]) -> dict[str, CaseMark]:
    """The latest mark per key; a mark without a time is the oldest."""
    out: dict[str, CaseMark] = {}
    for m in sorted(marks, key=lambda m: (m.marked_at is not None, m.marked_at or datetime.min)):
        out[m.key] = m
    return out


def _state(
    c: Case, today: date, mark: CaseMark | None, paid_cases: set[str], s: ReimbursementSettings
) -> CaseState:
    """The seller's mark wins; a filed case that a reimbursement names by case id is reimbursed."""
    if mark is None:
        return window_state(today, c.claim_opens, c.claim_closes, s)
    if mark.status == "filed" and mark.case_id and mark.case_id in paid_cases:
        return "reimbursed"
    return mark.status


def find_cases(
    inputs: FinderInputs,
    as_of: datetime,
    settings: ReimbursementSettings | None = None,
) -> list[Case]:
    """The cases as of `as_of`; rows dated after it are ignored. Linear after sorting."""
    s = settings or ReimbursementSettings()
    as_of = to_utc(as_of)
    today = as_of.date()
    seen = visible_at(inputs, as_of)
    found = [
        *refund_cases(seen, s),
        *warehouse_cases(seen, s),
        *removal_cases(seen, s),
        *reversal_cases(seen),
    ]
    prices = PriceBook(seen.order_items, seen.reimbursements, as_of, s.value_lookback_days)
    marks = latest_marks(seen.marks)
    paid_cases = {r.case_id for r in seen.reimbursements if r.case_id and not r.is_reversal}
    out = []
    for c in _unique_keys(sorted(found, key=case_order)):
        mark = marks.get(c.key)
        currency = prices.currency(c.sku or "", c.currency)
        out.append(
            replace(
                c,
                currency=currency,
                state=_state(c, today, mark, paid_cases, s),
                estimated_value=prices.estimate(c.sku or "", currency, c.quantity),
                filed_case_id=(mark.case_id or None) if mark else None,
                note=mark.note if mark else "",
            )
        )
    return out
