"""The report rows the reimbursement finder reads, one record per row kind.

Only the fields the rules of spec/reimbursements.md use (plus a few that make a
claim readable). Importers build them; strings Amazon leaves blank are "".
Instants are aware UTC datetimes; values Amazon writes as a bare date are `date`s.
FBA customer returns are `core.model.FbaReturn`, the record the returns importer
already yields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from core.clock import to_utc
from core.model import Channel, FbaReturn

EventSource = Literal["adjustments", "ledger"]


def utc_day(at: datetime) -> date:
    """The UTC calendar date of an instant: every rule compares these."""
    return to_utc(at).date()


@dataclass(frozen=True, slots=True)
class SettlementRefundRow:
    """One amount row of a settlement flat file (v1 or v2) whose transaction-type is Refund.

    A refund item is the rows sharing (order_id, sku, adjustment_id, order_item_code,
    merchant_adjustment_item_id); each row repeats `quantity` (quantity-purchased),
    None when blank. `channel` is the fulfillment-id: AFN -> "afn", MFN -> "mfn".
    """

    order_id: str
    sku: str
    posted_date: date
    adjustment_id: str = ""
    order_item_code: str = ""
    merchant_adjustment_item_id: str = ""
    quantity: int | None = None
    channel: Channel | None = None
    amount_type: str = ""
    amount_description: str = ""
    amount: Decimal | None = None
    currency: str = ""
    settlement_id: str = ""

    @property
    def item_key(self) -> tuple[str, str, str, str, str]:
        return (
            self.order_id,
            self.sku,
            self.adjustment_id,
            self.order_item_code,
            self.merchant_adjustment_item_id,
        )


@dataclass(frozen=True, slots=True)
class DateRangeRefund:
    """A `type` Refund row of the Date Range transaction report.

    `channel` is its `fulfillment` column (Amazon -> "afn", Seller -> "mfn"); the
    Date Range report has no currency column, `total` is in the marketplace's.
    """

    order_id: str
    sku: str
    posted_at: datetime
    quantity: int
    channel: Channel | None = None
    marketplace: str = ""
    settlement_id: str = ""
    description: str = ""
    total: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Reimbursement:
    """A row of the Reimbursements report; a reversal has an original-reimbursement-id."""

    approved_at: datetime
    reimbursement_id: str
    case_id: str = ""
    order_id: str = ""
    reason: str = ""
    sku: str = ""
    fnsku: str = ""
    currency: str = ""
    amount_per_unit: Decimal | None = None
    amount_total: Decimal | None = None
    quantity_cash: int = 0
    quantity_inventory: int = 0
    quantity_total: int = 0
    original_reimbursement_id: str = ""
    original_reimbursement_type: str = ""

    @property
    def is_reversal(self) -> bool:
        return bool(self.original_reimbursement_id)


@dataclass(frozen=True, slots=True)
class InventoryEvent:
    """A row of the Inventory adjustments report or of the Inventory ledger (detailed view).

    `event_date` is the UTC calendar date (the ledger's MM/DD/YYYY as written);
    `at` the instant when the report gives one (adjusted-date, "Date and Time").
    `event_type` is the ledger's EventType; adjustments rows are "Adjustments".
    `reference_id` is the ledger's Reference ID or the adjustments' transaction-item-id.
    `quantity` is signed as written (a loss is negative).
    """

    event_date: date
    fnsku: str
    sku: str
    event_type: str
    quantity: int
    reference_id: str = ""
    fulfillment_center: str = ""
    disposition: str = ""
    reason: str = ""
    source: EventSource = "ledger"
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RemovalOrder:
    """A row of the Removal order detail report (one SKU of one removal order)."""

    request_date: datetime
    order_id: str
    status: str
    sku: str
    fnsku: str
    requested_quantity: int
    cancelled_quantity: int = 0
    disposed_quantity: int = 0
    shipped_quantity: int = 0
    in_process_quantity: int = 0
    order_type: str = ""
    currency: str = ""
    disposition: str = ""


@dataclass(frozen=True, slots=True)
class OrderItem:
    """An All Orders line: tells whether an order is FBA and what the SKU sells for.

    `item_price` is the line's total (price x quantity), None when blank.
    """

    order_id: str
    sku: str
    purchased_at: datetime
    channel: Channel
    status: str
    quantity: int
    item_price: Decimal | None = None
    currency: str = ""

    @property
    def cancelled(self) -> bool:
        return self.status.strip().lower() == "cancelled"


Evidence = (
    SettlementRefundRow
    | DateRangeRefund
    | FbaReturn
    | Reimbursement
    | InventoryEvent
    | RemovalOrder
    | OrderItem
)
"""A report row shown as proof of a case."""
