"""Record builders for the finder's tests: dates are given as days before AS_OF."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from core.model import FbaReturn
from core.reimbursements import (
    Case,
    DateRangeRefund,
    FinderInputs,
    InventoryEvent,
    OrderItem,
    Reimbursement,
    ReimbursementSettings,
    RemovalOrder,
    SettlementRefundRow,
    find_cases,
)

AS_OF = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TODAY = AS_OF.date()
ORDER = "111-0000001-0000001"
SKU = "SKU-A"
FNSKU = "X00FNSKU01"


def day(ago: int) -> date:
    """The UTC calendar date `ago` days before AS_OF (negative: after it)."""
    return TODAY - timedelta(days=ago)


def at(ago: int, hour: int = 10) -> datetime:
    return datetime.combine(day(ago), datetime.min.time(), tzinfo=UTC) + timedelta(hours=hour)


def refund(
    ago: int,
    qty: int | None = 1,
    *,
    order: str = ORDER,
    sku: str = SKU,
    adjustment: str = "adj-1",
    channel: str | None = "afn",
    currency: str = "USD",
    amounts: tuple[str, ...] = ("Principal", "Commission", "RefundCommission"),
) -> list[SettlementRefundRow]:
    """One refund item: one amount row per amount description, each repeating the quantity."""
    return [
        SettlementRefundRow(
            order_id=order,
            sku=sku,
            posted_date=day(ago),
            adjustment_id=adjustment,
            order_item_code="oic-1",
            merchant_adjustment_item_id="",
            quantity=qty,
            channel=channel,
            amount_type="ItemPrice",
            amount_description=name,
            amount=Decimal("-10.00"),
            currency=currency,
            settlement_id="S1",
        )
        for name in amounts
    ]


def range_refund(
    posted: datetime, qty: int = 1, *, order: str = ORDER, sku: str = SKU, channel: str = "afn"
) -> DateRangeRefund:
    return DateRangeRefund(
        order_id=order,
        sku=sku,
        posted_at=posted,
        quantity=qty,
        channel=channel,
        marketplace="amazon.com",
        total=Decimal("-8.50"),
    )


def fba_return(
    ago: int,
    qty: int = 1,
    *,
    disposition: str = "SELLABLE",
    reason: str = "UNWANTED_ITEM",
    order: str = ORDER,
    sku: str = SKU,
    fnsku: str = FNSKU,
    hour: int = 10,
) -> FbaReturn:
    return FbaReturn(
        return_date=at(ago, hour),
        order_id=order,
        sku=sku,
        asin="B000000001",
        fnsku=fnsku,
        quantity=qty,
        detailed_disposition=disposition,
        reason=reason,
        status="Unit returned to inventory",
    )


def reimbursement(
    ago: int,
    qty: int = 1,
    *,
    reason: str = "CustomerReturn",
    rid: str = "R1",
    order: str = "",
    sku: str = SKU,
    fnsku: str = FNSKU,
    per_unit: str | None = "15.00",
    currency: str = "USD",
    original: str = "",
    case_id: str = "",
) -> Reimbursement:
    return Reimbursement(
        approved_at=at(ago),
        reimbursement_id=rid,
        reason=reason,
        sku=sku,
        fnsku=fnsku,
        case_id=case_id,
        order_id=order,
        currency=currency,
        amount_per_unit=Decimal(per_unit) if per_unit is not None else None,
        amount_total=Decimal(per_unit) * qty if per_unit is not None else None,
        quantity_cash=qty,
        quantity_total=qty,
        original_reimbursement_id=original,
        original_reimbursement_type="Cash" if original else "",
    )


def event(
    ago: int,
    reason: str,
    qty: int,
    *,
    ref: str = "",
    source: str = "ledger",
    event_type: str = "Adjustments",
    fnsku: str = FNSKU,
    sku: str = SKU,
) -> InventoryEvent:
    return InventoryEvent(
        event_date=day(ago),
        fnsku=fnsku,
        sku=sku,
        event_type=event_type,
        quantity=qty,
        reason=reason,
        reference_id=ref,
        disposition="SELLABLE",
        fulfillment_center="PHX7",
        source=source,
    )


def removal(
    ago: int,
    requested: int,
    *,
    shipped: int = 0,
    disposed: int = 0,
    cancelled: int = 0,
    in_process: int = 0,
    status: str = "Completed",
    order: str = "RMV-1",
    fnsku: str = FNSKU,
    sku: str = SKU,
) -> RemovalOrder:
    return RemovalOrder(
        request_date=at(ago),
        order_id=order,
        status=status,
        sku=sku,
        fnsku=fnsku,
        requested_quantity=requested,
        cancelled_quantity=cancelled,
        disposed_quantity=disposed,
        shipped_quantity=shipped,
        in_process_quantity=in_process,
        order_type="Return",
        currency="USD",
    )


def item(
    ago: int,
    price: str | None = "20.00",
    qty: int = 1,
    *,
    order: str = ORDER,
    sku: str = SKU,
    channel: str = "afn",
    status: str = "Shipped",
    currency: str = "USD",
) -> OrderItem:
    return OrderItem(
        order_id=order,
        sku=sku,
        purchased_at=at(ago),
        channel=channel,
        status=status,
        quantity=qty,
        item_price=Decimal(price) if price is not None else None,
        currency=currency,
    )


def find(
    *rows: object,
    as_of: datetime = AS_OF,
    settings: ReimbursementSettings | None = None,
    marks: tuple[object, ...] = (),
) -> list[Case]:
    """Sort loose rows (or lists of rows) into FinderInputs and run the finder."""
    buckets: dict[type, list[object]] = {}
    for r in rows:
        for x in r if isinstance(r, list) else [r]:
            buckets.setdefault(type(x), []).append(x)
    inputs = FinderInputs(
        settlement_refunds=buckets.get(SettlementRefundRow, []),
        date_range_refunds=buckets.get(DateRangeRefund, []),
        fba_returns=buckets.get(FbaReturn, []),
        reimbursements=buckets.get(Reimbursement, []),
        inventory_events=buckets.get(InventoryEvent, []),
        removals=buckets.get(RemovalOrder, []),
        order_items=buckets.get(OrderItem, []),
        marks=marks,
    )
    return find_cases(inputs, as_of, settings)


def summary(cases: list[Case]) -> list[tuple[str, int, date]]:
    return [(c.kind, c.quantity, c.event_date) for c in cases]
