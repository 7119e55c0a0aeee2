"""Stored rows of the FBA reports back as the reimbursement finder's records.

The same pattern as storage/rows.py (a column list selected first and in this
order, and `*_from_row`), for the tables of storage/migrations/reimbursements.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.model import Channel
from core.reimbursements import (
    DateRangeRefund,
    InventoryEvent,
    OrderItem,
    Reimbursement,
    RemovalOrder,
    SettlementRefundRow,
)
from core.reimbursements.records import EventSource
from storage.rows import day, instant, maybe_instant, money

SETTLEMENT_REFUND_COLUMNS = (
    "order_id, sku, posted_date, adjustment_id, order_item_code, merchant_adjustment_item_id, "
    "quantity, channel, amount_type, amount_description, amount, currency, settlement_id"
)
DATE_RANGE_REFUND_COLUMNS = (
    "order_id, sku, posted_at, quantity, channel, marketplace, settlement_id, description, total"
)
REIMBURSEMENT_COLUMNS = (
    "approval_date, reimbursement_id, case_id, order_id, reason, sku, fnsku, currency, "
    "amount_per_unit, amount_total, quantity_cash, quantity_inventory, quantity_total, "
    "original_reimbursement_id, original_reimbursement_type"
)
INVENTORY_EVENT_COLUMNS = (
    "event_date, fnsku, sku, event_type, quantity, reference_id, fulfillment_center, "
    "disposition, reason, source, at"
)
REMOVAL_COLUMNS = (
    "request_date, order_id, status, sku, fnsku, requested_quantity, cancelled_quantity, "
    "disposed_quantity, shipped_quantity, in_process_quantity, order_type, currency, disposition"
)
ORDER_ITEM_COLUMNS = (
    "o.order_id, i.sku, o.purchase_date, o.channel, "
    "CASE WHEN i.item_status = 'Cancelled' THEN i.item_status ELSE o.status END, "
    "i.quantity, i.item_price, i.currency"
)
"""All Orders lines (orders o JOIN order_items i); a cancelled item is a cancelled line."""


def _channel(text: str | None) -> Channel | None:
    return "afn" if text == "afn" else "mfn" if text == "mfn" else None


def settlement_refund_from_row(r: Sequence[Any]) -> SettlementRefundRow:
    return SettlementRefundRow(
        r[0], r[1], day(r[2]), r[3], r[4], r[5], r[6], _channel(r[7]), r[8], r[9],
        money(r[10]), r[11], r[12],
    )  # fmt: skip


def date_range_refund_from_row(r: Sequence[Any]) -> DateRangeRefund:
    return DateRangeRefund(
        r[0], r[1], instant(r[2]), int(r[3]), _channel(r[4]), r[5], r[6], r[7], money(r[8])
    )


def reimbursement_from_row(r: Sequence[Any]) -> Reimbursement:
    return Reimbursement(
        instant(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], money(r[8]), money(r[9]),
        int(r[10]), int(r[11]), int(r[12]), r[13], r[14],
    )  # fmt: skip


def inventory_event_from_row(r: Sequence[Any]) -> InventoryEvent:
    source: EventSource = "adjustments" if r[9] == "adjustments" else "ledger"
    return InventoryEvent(
        day(r[0]), r[1], r[2], r[3], int(r[4]), r[5], r[6], r[7], r[8], source,
        maybe_instant(r[10]),
    )  # fmt: skip


def removal_from_row(r: Sequence[Any]) -> RemovalOrder:
    return RemovalOrder(
        instant(r[0]), r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), int(r[7]), int(r[8]),
        int(r[9]), r[10], r[11], r[12],
    )  # fmt: skip


def order_item_from_row(r: Sequence[Any]) -> OrderItem:
    return OrderItem(
        r[0], r[1], instant(r[2]), "afn" if r[3] == "afn" else "mfn", r[4], int(r[5]),
        money(r[6]), r[7],
    )  # fmt: skip
