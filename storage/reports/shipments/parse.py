"""Amazon Fulfilled Shipments (GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL, tab-delimited).

One row per shipped item. Kept for the FBA delivery date (`estimated-arrival-date`);
the buyer's name, e-mail, phones, addresses and the tracking number are PII, packed
into two texts that storage encrypts. Its header also holds All Orders' columns
(purchase-date, fulfillment-channel, sales-channel), so it is detected before them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.model import ReportKind
from core.shipments import FbaShipment
from storage.imports.reading import Column, Head, Row, columns, read_table
from storage.reports.cells import count, instant

KIND: ReportKind = "shipments"

_BUYER = ("buyer-name", "buyer-email", "buyer-phone-number")
_ADDRESS = (
    "recipient-name", "ship-address-1", "ship-address-2", "ship-address-3", "ship-city",
    "ship-state", "ship-postal-code", "ship-phone-number", "bill-address-1", "bill-address-2",
    "bill-address-3", "bill-city", "bill-state", "bill-postal-code", "bill-country",
    "tracking-number",
)  # fmt: skip
COLUMNS: tuple[Column, ...] = (
    *columns("amazon-order-id", "shipment-id", "shipment-item-id", "shipment-date", "sku"),
    *columns("merchant-order-id", "amazon-order-item-id", "purchase-date", "quantity-shipped",
             "currency", "item-price", "product-name", "ship-service-level", "ship-country",
             "carrier", "estimated-arrival-date", "fulfillment-center-id",
             "fulfillment-channel", "sales-channel", *_BUYER, *_ADDRESS, required=False),
)  # fmt: skip

_SEP = "\x1f"  # ASCII unit separator: never part of an address


def sniff(head: Head) -> bool:
    """The order id and the shipment's own ids."""
    return {"amazon order id", "shipment id", "shipment item id"} <= head.keys


def pack(row: Row, names: tuple[str, ...]) -> str:
    """Several PII cells as one plaintext ("" when all are empty, so nothing is stored)."""
    cells = [row.get(n) for n in names]
    return _SEP.join(cells) if any(cells) else ""


def parse(path: Path) -> Iterator[FbaShipment]:
    """Stream one FbaShipment per row; the instants become UTC."""
    for row in read_table(path, COLUMNS, delimiter="\t"):
        yield FbaShipment(
            order_id=row.required("amazon-order-id"),
            shipment_id=row.required("shipment-id"),
            shipment_item_id=row.required("shipment-item-id"),
            shipment_date=instant(row, "shipment-date"),
            sku=row.get("sku"),
            quantity=count(row, "quantity-shipped", 1),
            order_item_id=row.get("amazon-order-item-id"),
            merchant_order_id=row.get("merchant-order-id"),
            purchase_date=row.iso("purchase-date", optional=True),
            estimated_arrival=row.iso("estimated-arrival-date", optional=True),
            product_name=row.get("product-name"),
            currency=row.get("currency"),
            item_price=row.decimal("item-price"),
            ship_service_level=row.get("ship-service-level"),
            ship_country=row.get("ship-country"),
            carrier=row.get("carrier"),
            fulfillment_center_id=row.get("fulfillment-center-id"),
            fulfillment_channel=row.get("fulfillment-channel"),
            sales_channel=row.get("sales-channel"),
            buyer=pack(row, _BUYER),
            address=pack(row, _ADDRESS),
        )
