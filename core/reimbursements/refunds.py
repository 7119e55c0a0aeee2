"""Kinds 1 and 2: a refunded FBA order not returned, and a return damaged by Amazon or the carrier.

Matching is by order id + SKU. Refunds come from settlement refund items and the
Date Range report (the same refund in both counts once); returned units from the
FBA customer returns report; reimbursements of the order + SKU pay kind 1 first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from core.model import FbaReturn
from core.reimbursements.case import Case
from core.reimbursements.evidence import sorted_evidence
from core.reimbursements.inputs import FinderInputs
from core.reimbursements.records import (
    Evidence,
    OrderItem,
    Reimbursement,
    SettlementRefundRow,
    utc_day,
)
from core.reimbursements.settings import ReimbursementSettings
from core.reimbursements.windows import refund_window

OrderSku = tuple[str, str]
Day = tuple[str, str, date]

DAMAGED_DISPOSITIONS = frozenset({"CARRIER_DAMAGED", "DAMAGED"})
DAMAGED_REASONS = frozenset({"DAMAGED_BY_CARRIER", "DAMAGED_BY_FC"})


def damaged_by_amazon(r: FbaReturn) -> bool:
    """Amazon or the carrier damaged it; CUSTOMER_DAMAGED, DEFECTIVE and the rest are not."""
    return (
        r.detailed_disposition.strip().upper() in DAMAGED_DISPOSITIONS
        or r.reason.strip().upper() in DAMAGED_REASONS
    )


@dataclass(slots=True)
class _Pair:
    """Everything known about one order + SKU."""

    refunded: int = 0
    first_refund: date | None = None
    first_settlement_refund: date | None = None
    refund_rows: list[Evidence] = field(default_factory=list)
    returned: int = 0
    returns: list[FbaReturn] = field(default_factory=list)
    reimbursed: int = 0
    reimbursements: list[Reimbursement] = field(default_factory=list)


def _settlement_items(rows: Iterable[SettlementRefundRow]) -> dict[Day, int]:
    """Units per (order, sku, day): each refund item counts its quantity-purchased once."""
    items: dict[tuple[str, str, str, str, str], list[SettlementRefundRow]] = defaultdict(list)
    for r in rows:
        items[r.item_key].append(r)
    units: dict[Day, int] = defaultdict(int)
    for item in items.values():
        written = [abs(r.quantity) for r in item if r.quantity is not None]
        day = min(r.posted_date for r in item)
        units[(item[0].order_id, item[0].sku, day)] += max(written) if written else 1
    return units


def _collect(seen: FinderInputs) -> dict[OrderSku, _Pair]:
    pairs: dict[OrderSku, _Pair] = defaultdict(_Pair)
    settled = _settlement_items(seen.settlement_refunds)
    ranged: dict[Day, int] = defaultdict(int)
    for r in seen.settlement_refunds:
        pairs[(r.order_id, r.sku)].refund_rows.append(r)
    for d in seen.date_range_refunds:
        ranged[(d.order_id, d.sku, utc_day(d.posted_at))] += abs(d.quantity)
        pairs[(d.order_id, d.sku)].refund_rows.append(d)
    for order_id, sku, day in settled.keys() | ranged.keys():
        p = pairs[(order_id, sku)]
        p.refunded += max(settled.get((order_id, sku, day), 0), ranged.get((order_id, sku, day), 0))
        p.first_refund = day if p.first_refund is None else min(p.first_refund, day)
        if (order_id, sku, day) in settled and (
            p.first_settlement_refund is None or day < p.first_settlement_refund
        ):
            p.first_settlement_refund = day
    for ret in seen.fba_returns:
        if ret.order_id:
            p = pairs[(ret.order_id, ret.sku)]
            p.returned += ret.quantity
            p.returns.append(ret)
    for re in seen.reimbursements:
        if re.order_id and not re.is_reversal and (re.order_id, re.sku) in pairs:
            p = pairs[(re.order_id, re.sku)]
            p.reimbursed += re.quantity_total
            p.reimbursements.append(re)
    return pairs


class _Fulfilment:
    """Whether an order is FBA: All Orders decides, else the settlement, else the Date Range row."""

    def __init__(self, seen: FinderInputs, orders: set[str]) -> None:
        self.items: dict[str, list[OrderItem]] = defaultdict(list)
        for o in seen.order_items:
            if o.order_id in orders:
                self.items[o.order_id].append(o)
        self.settled: dict[str, set[str]] = defaultdict(set)
        for r in seen.settlement_refunds:
            if r.channel is not None:
                self.settled[r.order_id].add(r.channel)
        self.ranged: dict[str, set[str]] = defaultdict(set)
        for d in seen.date_range_refunds:
            if d.channel is not None:
                self.ranged[d.order_id].add(d.channel)

    def lines(self, order_id: str, sku: str) -> list[OrderItem]:
        """The order's lines of that SKU, or all its lines when none is of that SKU."""
        lines = self.items.get(order_id, [])
        return [o for o in lines if o.sku == sku] or lines

    def is_fba(self, order_id: str, sku: str) -> bool:
        lines = self.lines(order_id, sku)
        if lines:
            return any(o.channel == "afn" for o in lines)
        channels = self.settled.get(order_id) or self.ranged.get(order_id) or set()
        return "afn" in channels


def _currency(refund_rows: Sequence[Evidence], lines: Sequence[OrderItem]) -> str | None:
    for r in refund_rows:
        if isinstance(r, SettlementRefundRow) and r.currency:
            return r.currency
    return next((o.currency for o in lines if o.currency), None)


def _not_returned(
    order_id: str,
    sku: str,
    p: _Pair,
    refunded_on: date,
    paid: int,
    lines: Sequence[OrderItem],
    currency: str | None,
    s: ReimbursementSettings,
) -> Case:
    opens, closes = refund_window(refunded_on, s)
    return Case(
        key=f"customer_return|{order_id}|{sku}",
        kind="customer_return",
        order_id=order_id,
        fnsku=next((r.fnsku for r in p.returns if r.fnsku), None),
        sku=sku,
        quantity=p.refunded - p.returned - paid,
        event_date=refunded_on,
        claim_opens=opens,
        claim_closes=closes,
        evidence=sorted_evidence([*lines, *p.refund_rows, *p.returns, *p.reimbursements]),
        figures=(
            ("units refunded", p.refunded),
            ("units returned", p.returned),
            ("units reimbursed", paid),
        ),
        currency=currency,
    )


def _returned_damaged(
    order_id: str, sku: str, p: _Pair, pool: int, currency: str | None, s: ReimbursementSettings
) -> Case | None:
    """Dated by the earliest settlement refund, else by the earliest damaged return."""
    damaged = [r for r in p.returns if damaged_by_amazon(r)]
    units = sum(r.quantity for r in damaged)
    paid = min(pool, units)
    if units <= paid:
        return None
    event = p.first_settlement_refund or min(utc_day(r.return_date) for r in damaged)
    opens, closes = refund_window(event, s)
    settled = [r for r in p.refund_rows if isinstance(r, SettlementRefundRow)]
    return Case(
        key=f"return_damaged|{order_id}|{sku}",
        kind="return_damaged",
        order_id=order_id,
        fnsku=next((r.fnsku for r in damaged if r.fnsku), None),
        sku=sku,
        quantity=units - paid,
        event_date=event,
        claim_opens=opens,
        claim_closes=closes,
        evidence=sorted_evidence([*settled, *damaged, *p.reimbursements]),
        figures=(("units returned damaged", units), ("units reimbursed", paid)),
        currency=currency,
    )


def refund_cases(seen: FinderInputs, s: ReimbursementSettings) -> list[Case]:
    """Kind 1 then kind 2 for every order + SKU; reimbursements pay kind 1 first."""
    pairs = _collect(seen)
    fulfilment = _Fulfilment(seen, {order_id for order_id, _ in pairs})
    cases: list[Case] = []
    for (order_id, sku), p in pairs.items():
        lines = fulfilment.lines(order_id, sku)
        currency = _currency(p.refund_rows, lines)
        pool = p.reimbursed
        refunded_on = p.first_refund
        if refunded_on is not None and fulfilment.is_fba(order_id, sku):
            missing = max(0, p.refunded - p.returned)
            paid = min(pool, missing)
            pool -= paid
            if missing > paid:
                cases.append(_not_returned(order_id, sku, p, refunded_on, paid, lines, currency, s))
        damaged = _returned_damaged(order_id, sku, p, pool, currency, s)
        if damaged is not None:
            cases.append(damaged)
    return cases
