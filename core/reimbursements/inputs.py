"""Everything the finder reads, and the view of it as of one instant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from core.model import FbaReturn
from core.reimbursements.case import CaseMark
from core.reimbursements.records import (
    DateRangeRefund,
    InventoryEvent,
    OrderItem,
    Reimbursement,
    RemovalOrder,
    SettlementRefundRow,
)


@dataclass(frozen=True, slots=True)
class FinderInputs:
    """The rows of every report, in any order; rows dated after as_of may be included.

    `order_items` must hold at least every line of a refunded order and every line
    purchased in the `value_lookback_days` before as_of. `inventory_events` may hold
    every ledger event; the finder reads Adjustments (M, E, F) and CustomerReturns.
    """

    settlement_refunds: Sequence[SettlementRefundRow] = ()
    date_range_refunds: Sequence[DateRangeRefund] = ()
    fba_returns: Sequence[FbaReturn] = ()
    reimbursements: Sequence[Reimbursement] = ()
    inventory_events: Sequence[InventoryEvent] = ()
    removals: Sequence[RemovalOrder] = ()
    order_items: Sequence[OrderItem] = ()
    marks: Sequence[CaseMark] = ()


def _event_seen(e: InventoryEvent, as_of: datetime, today: date) -> bool:
    return e.at <= as_of if e.at is not None else e.event_date <= today


def visible_at(inputs: FinderInputs, as_of: datetime) -> FinderInputs:
    """Only the rows dated on or before as_of (an aware UTC datetime); bare dates up to its day."""
    today = as_of.date()
    return FinderInputs(
        settlement_refunds=[r for r in inputs.settlement_refunds if r.posted_date <= today],
        date_range_refunds=[r for r in inputs.date_range_refunds if r.posted_at <= as_of],
        fba_returns=[r for r in inputs.fba_returns if r.return_date <= as_of],
        reimbursements=[r for r in inputs.reimbursements if r.approved_at <= as_of],
        inventory_events=[e for e in inputs.inventory_events if _event_seen(e, as_of, today)],
        removals=[r for r in inputs.removals if r.request_date <= as_of],
        order_items=[o for o in inputs.order_items if o.purchased_at <= as_of],
        marks=[m for m in inputs.marks if m.marked_at is None or m.marked_at <= as_of],
    )
