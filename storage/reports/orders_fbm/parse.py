"""The FBM order reports sellers download instead of All Orders (reports.md section 8).

- Order report / New Orders (GET_FLAT_FILE_ORDER_REPORT_DATA_*)
- Unshipped Orders (GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING)

Both are tab-delimited with one row per order item, keyed by `order-item-id`,
and carry the buyer's name, e-mail, phone and address (PII: write.py encrypts
them). Columns are mapped by name, so both reports (and the marketplaces'
variants of each) go through the one parser. `is-prime`, `is-business-order`,
`promise-date` and `delivery-start-date`/`delivery-end-date` are kept for the
review-request planner. Non-Amazon rows are skipped and counted, like All Orders'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from core.marketplaces import marketplace_name
from core.model import FbmOrderLine, ReportKind
from storage.imports.errors import not_a
from storage.imports.notes import tally
from storage.imports.reading import Column, Head, Row, columns, read_table
from storage.imports.shapes import ORDER_ID, Shape

KIND: ReportKind = "orders_fbm"

ORDER_REPORT_HEADER: tuple[str, ...] = (
    "order-id", "order-item-id", "purchase-date", "payments-date", "buyer-email", "buyer-name",
    "buyer-phone-number", "sku", "product-name", "quantity-purchased", "currency", "item-price",
    "item-tax", "shipping-price", "shipping-tax", "ship-service-level", "recipient-name",
    "ship-address-1", "ship-address-2", "ship-address-3", "ship-city", "ship-state",
    "ship-postal-code", "ship-country", "ship-phone-number", "delivery-start-date",
    "delivery-end-date", "delivery-time-zone", "delivery-Instructions", "sales-channel",
    "is-business-order", "purchase-order-number", "price-designation", "is-prime",
)  # fmt: skip
"""The Order report's header as reports.md section 8 lists it (address lines expanded)."""

UNSHIPPED_HEADER: tuple[str, ...] = (
    "order-id", "order-item-id", "purchase-date", "payments-date", "reporting-date",
    "promise-date", "days-past-promise", "buyer-email", "buyer-name", "buyer-phone-number", "sku",
    "product-name", "quantity-purchased", "quantity-shipped", "quantity-to-ship",
    "ship-service-level", "recipient-name", "ship-address-1", "ship-address-2",
    "ship-address-3", "ship-city", "ship-state", "ship-postal-code", "ship-country",
    "is-business-order", "purchase-order-number", "price-designation", "is-prime",
)  # fmt: skip
"""The Unshipped Orders header as reports.md section 8 lists it (address lines expanded)."""

ITEM_ID = Shape(re.compile(r"\d{6,20}"), "an Amazon order item id (digits)")

COLUMNS: tuple[Column, ...] = (
    *columns("order-id", "order-item-id", "purchase-date", "sku", "quantity-purchased"),
    *columns("payments-date", "reporting-date", "promise-date", "delivery-start-date",
             "delivery-end-date", "product-name", "currency", "item-price", "ship-service-level",
             "ship-country", "sales-channel", "is-business-order", "is-prime", "buyer-email",
             "buyer-name", "buyer-phone-number", "recipient-name", "ship-address-1",
             "ship-address-2", "ship-address-3", "ship-phone-number", "ship-city", "ship-state",
             "ship-postal-code", required=False),
)  # fmt: skip

_BOTH = frozenset({"order id", "order item id", "quantity purchased"})
_UNSHIPPED = frozenset({"quantity to ship", "promise date", "days past promise"})


def sniff_unshipped(head: Head) -> bool:
    return head.keys >= _BOTH and bool(_UNSHIPPED & head.keys)


def sniff_order_report(head: Head) -> bool:
    return head.keys >= _BOTH and not _UNSHIPPED & head.keys


def parse(path: Path) -> Iterator[FbmOrderLine]:
    """One `FbmOrderLine` per row; the whole file is refused at the first bad row."""
    noted = tally()
    orders = lines = skipped = 0
    last = ""
    for row in read_table(path, COLUMNS, delimiter="\t"):
        sales_channel = row.get("sales-channel")
        if sales_channel.lower().startswith("non-amazon"):
            skipped += 1
            continue
        line = _line(row, marketplace_name(sales_channel) if sales_channel else "")
        if line.order_id != last:
            orders += 1
            last = line.order_id
        lines += 1
        yield line
    noted.orders = (noted.orders or 0) + orders
    noted.lines = (noted.lines or 0) + lines
    noted.skipped_non_amazon += skipped


def _line(row: Row, marketplace: str) -> FbmOrderLine:
    purchase = row.iso("purchase-date")
    assert purchase is not None  # Row.iso refuses an empty required cell
    quantity = row.integer("quantity-purchased")
    if quantity < 0:
        raise row.refuse("quantity-purchased", not_a(str(quantity), "number", "a quantity"))
    prime = row.get("is-prime")
    return FbmOrderLine(
        order_id=row.key("order-id", ORDER_ID),
        order_item_id=row.key("order-item-id", ITEM_ID),
        purchase_date=purchase,
        marketplace=marketplace,
        sku=row.required("sku"),
        quantity=quantity,
        product_name=row.get("product-name"),
        currency=row.get("currency"),
        item_price=row.decimal("item-price"),
        ship_service_level=row.get("ship-service-level"),
        ship_country=row.get("ship-country"),
        is_business_order=row.flag("is-business-order"),
        is_prime=row.flag("is-prime") if prime else None,
        payments_date=row.iso("payments-date", optional=True),
        reporting_date=row.iso("reporting-date", optional=True),
        promise_date=row.iso("promise-date", optional=True),
        delivery_start_date=row.iso("delivery-start-date", optional=True),
        delivery_end_date=row.iso("delivery-end-date", optional=True),
        buyer_name=row.get("buyer-name"),
        buyer_email=row.get("buyer-email"),
        buyer_phone=row.get("buyer-phone-number"),
        recipient_name=row.get("recipient-name"),
        ship_address=(
            row.get("ship-address-1"),
            row.get("ship-address-2"),
            row.get("ship-address-3"),
            row.get("ship-phone-number"),
        ),
        ship_city=row.get("ship-city"),
        ship_state=row.get("ship-state"),
        ship_postal_code=row.get("ship-postal-code"),
    )
