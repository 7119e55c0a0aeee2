"""Kind 3: units lost (M) or damaged (E) in a fulfilment centre, neither found nor paid.

Events come from the Inventory adjustments report and the ledger's Adjustments;
the same event in both counts once. A found (F) event balances losses only, within
`found_balance_days`; Lost_Warehouse pays M and Damaged_Warehouse pays E.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import zip_longest

from core.reimbursements.allocate import Open, Payment, allocate
from core.reimbursements.case import Case
from core.reimbursements.evidence import sorted_evidence
from core.reimbursements.inputs import FinderInputs
from core.reimbursements.records import InventoryEvent, Reimbursement, utc_day
from core.reimbursements.settings import ReimbursementSettings
from core.reimbursements.windows import warehouse_window

LOST, DAMAGED, FOUND = "M", "E", "F"
PAYS = {"LOST_WAREHOUSE": LOST, "DAMAGED_WAREHOUSE": DAMAGED}


@cache
def _normal(text: str) -> str:
    """Event types and reasons compared without case or spaces ("Customer Returns" too)."""
    return text.replace(" ", "").upper()


def reason_code(e: InventoryEvent) -> str:
    return _normal(e.reason)


def is_event_type(e: InventoryEvent, name: str) -> bool:
    """`name` in upper case without spaces, e.g. "CUSTOMERRETURNS"."""
    return _normal(e.event_type) == name


def is_adjustment(e: InventoryEvent) -> bool:
    return e.source == "adjustments" or _normal(e.event_type) == "ADJUSTMENTS"


@dataclass(frozen=True, slots=True)
class Event:
    """One adjustment, its row in the adjustments report and in the ledger merged."""

    day: date
    fnsku: str
    sku: str
    reason: str
    units: int
    reference_id: str
    rows: tuple[InventoryEvent, ...]


def _event(first: InventoryEvent, twin: InventoryEvent | None = None) -> Event:
    """The event of one row, or of a row of each report (the earlier day, the ledger's row first)."""
    rows: tuple[InventoryEvent, ...] = (first,)
    if twin is not None:
        rows = (first, twin) if first.source <= twin.source else (twin, first)
    return Event(
        day=min(r.event_date for r in rows),
        fnsku=first.fnsku,
        sku=first.sku or (twin.sku if twin else ""),
        reason=reason_code(first),
        units=abs(first.quantity),
        reference_id=first.reference_id,
        rows=rows,
    )


def merged_events(events: Iterable[InventoryEvent], reasons: frozenset[str]) -> list[Event]:
    """Adjustments with these reasons; a row of each report with the same FNSKU,
    transaction-item-id = Reference ID, reason and quantity is one event (earliest day)."""
    keyed: dict[tuple[str, str, str, int], tuple[list[InventoryEvent], list[InventoryEvent]]]
    keyed = defaultdict(lambda: ([], []))
    out: list[Event] = []
    for e in events:
        code = _normal(e.reason) if e.reason else ""
        if code not in reasons or not is_adjustment(e):
            continue
        if not e.reference_id:
            out.append(_event(e))
            continue
        key = (e.fnsku, e.reference_id, code, abs(e.quantity))
        keyed[key][0 if e.source == "adjustments" else 1].append(e)
    for adjusted, ledger in keyed.values():
        if len(adjusted) + len(ledger) == 1:
            out.append(_event((adjusted or ledger)[0]))
            continue
        adjusted.sort(key=lambda r: r.event_date)
        ledger.sort(key=lambda r: r.event_date)
        for a, b in zip_longest(adjusted, ledger):
            out.append(_event(a, b) if a is not None else _event(b))
    return out


def _case(e: Event, o: Open, s: ReimbursementSettings) -> Case:
    opens, closes = warehouse_window(e.day, e.reason, s)
    ident = e.reference_id or e.day.isoformat()
    what = "units lost" if e.reason == LOST else "units damaged"
    figures = [(what, e.units)]
    if e.reason == LOST:
        figures.append(("units found", o.applied.get("found", 0)))
    figures.append(("units reimbursed", o.applied.get("reimbursed", 0)))
    return Case(
        key=f"warehouse|{e.fnsku}|{e.reason}|{ident}",
        kind="warehouse",
        order_id=None,
        fnsku=e.fnsku or None,
        sku=e.sku or None,
        quantity=o.remaining,
        event_date=e.day,
        claim_opens=opens,
        claim_closes=closes,
        evidence=sorted_evidence([*e.rows, *o.paid_by]),
        figures=tuple(figures),
        reason=e.reason,
    )


def _payments(rows: Iterable[Reimbursement]) -> dict[tuple[str, str], list[Payment]]:
    """Warehouse reimbursements per (FNSKU, reason they pay)."""
    out: dict[tuple[str, str], list[Payment]] = defaultdict(list)
    for r in rows:
        pays = PAYS.get(r.reason.strip().upper())
        if pays and not r.is_reversal:
            out[(r.fnsku, pays)].append((utc_day(r.approved_at), r.quantity_total, (r,)))
    return out


def warehouse_cases(seen: FinderInputs, s: ReimbursementSettings) -> list[Case]:
    """One case per lost or damaged event with units neither found nor paid."""
    by_fnsku: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in merged_events(seen.inventory_events, frozenset({LOST, DAMAGED, FOUND})):
        by_fnsku[(e.fnsku, e.reason)].append(e)
    payments = _payments(seen.reimbursements)
    cases: list[Case] = []
    for (fnsku, reason), events in by_fnsku.items():
        if reason == FOUND:
            continue
        events.sort(key=lambda e: (e.day, e.reference_id, e.units, len(e.rows)))
        opens = [Open(e.day, e.units, e.rows) for e in events]
        if reason == LOST:
            found = [(f.day, f.units, f.rows) for f in by_fnsku.get((fnsku, FOUND), [])]
            allocate(opens, found, "found", s.found_balance_days)
        pairs = [(e, o) for e, o in zip(events, opens, strict=True) if o.remaining > 0]
        allocate([o for _, o in pairs], payments.get((fnsku, reason), []), "reimbursed")
        cases.extend(_case(e, o, s) for e, o in pairs if o.remaining > 0)
    return cases
