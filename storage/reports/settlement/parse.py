"""Settlement flat file, v2 (`amount-type amount-description amount`) and v1 (separate
price and fee columns), tab-delimited.

Only `Refund` rows are kept: they are the buyer refunds the reimbursement finder
matches with returns. A v1 row holds several amounts; each becomes one amount row,
as v2 writes them, each repeating `quantity-purchased` (the finder counts an item's
units once). The currency is written on the file's first (summary) row only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from core.model import Channel, ReportKind
from core.reimbursements import SettlementRefundRow
from storage.imports.reading import Column, Head, Row, columns, read_table
from storage.reports.cells import day
from storage.reports.dates import settlement_day

KIND: ReportKind = "settlement"

V1_AMOUNTS: tuple[tuple[str, str, str], ...] = (
    ("ItemPrice", "price-type", "price-amount"),
    ("ItemFees", "item-related-fee-type", "item-related-fee-amount"),
    ("ShipmentFees", "shipment-fee-type", "shipment-fee-amount"),
    ("OrderFees", "order-fee-type", "order-fee-amount"),
    ("Promotion", "promotion-type", "promotion-amount"),
    ("DirectPayment", "direct-payment-type", "direct-payment-amount"),
    ("OtherFee", "other-fee-reason-description", "other-fee-amount"),
    ("MiscFee", "", "misc-fee-amount"),
    ("Other", "", "other-amount"),
)
"""v1's (amount-type, description column, amount column), in the file's order."""

COLUMNS: tuple[Column, ...] = (
    *columns("settlement-id", "transaction-type", "order-id"),
    *columns("currency", "sku", "adjustment-id", "order-item-code",
             "merchant-adjustment-item-id", "quantity-purchased", "fulfillment-id",
             "posted-date", "posted-date-time", "amount-type", "amount-description", "amount",
             required=False),
    *columns(*{c for _, d, a in V1_AMOUNTS for c in (d, a) if c}, required=False),
)  # fmt: skip
REFUND = "refund"
_CHANNELS: dict[str, Channel] = {"afn": "afn", "mfn": "mfn"}


def sniff(head: Head) -> bool:
    keys = head.keys
    return {"settlement id", "transaction type", "order id"} <= keys and bool(
        {"amount type", "price type", "posted date"} & keys
    )


def parse(path: Path) -> Iterator[SettlementRefundRow]:
    currency = ""
    for row in read_table(path, COLUMNS, delimiter="\t"):
        currency = row.get("currency") or currency
        if row.get("transaction-type").lower() != REFUND:
            continue
        yield from _refund_rows(row, currency)


def _refund_rows(row: Row, currency: str) -> Iterator[SettlementRefundRow]:
    posted = "posted-date" if row.get("posted-date") else "posted-date-time"
    quantity = row.get("quantity-purchased")
    channel = row.get("fulfillment-id").lower()
    if channel and channel not in _CHANNELS:
        raise row.refuse("fulfillment-id", f"'{row.get('fulfillment-id')}' is not AFN or MFN")
    base = SettlementRefundRow(
        order_id=row.required("order-id"),
        sku=row.get("sku"),
        posted_date=day(row, posted, settlement_day, "2026-08-25 or 25.08.2026"),
        adjustment_id=row.get("adjustment-id"),
        order_item_code=row.get("order-item-code"),
        merchant_adjustment_item_id=row.get("merchant-adjustment-item-id"),
        quantity=row.integer("quantity-purchased") if quantity else None,
        channel=_CHANNELS.get(channel),
        currency=row.get("currency") or currency,
        settlement_id=row.get("settlement-id"),
    )
    if "amount-type" in row.cells:
        yield _with(base, row.get("amount-type"), row.get("amount-description"), row, "amount")
        return
    amounts = [(t, d, a) for t, d, a in V1_AMOUNTS if row.get(a) or (d and row.get(d))]
    if not amounts:
        yield base
    for amount_type, described, amount in amounts:
        yield _with(base, amount_type, row.get(described) if described else "", row, amount)


def _with(
    base: SettlementRefundRow, amount_type: str, description: str, row: Row, column: str
) -> SettlementRefundRow:
    return replace(
        base, amount_type=amount_type, amount_description=description, amount=row.decimal(column)
    )
