"""FBA customer returns (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA, tab-delimited).

Amazon handles these returns, so they never count in RDR; they are kept for
product insight (return reasons by SKU). `customer-comments` is buyer PII.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.model import FbaReturn, ReportKind
from storage.imports.errors import not_a
from storage.imports.reading import Column, Head, columns, read_table
from storage.imports.shapes import ASIN, FNSKU, LICENSE_PLATE, ORDER_ID

KIND: ReportKind = "returns_fba"

COLUMNS: tuple[Column, ...] = (
    *columns("return-date", "order-id", "sku"),
    *columns("asin", "fnsku", "product-name", "quantity", "fulfillment-center-id",
             "detailed-disposition", "reason", "status", "license-plate-number",
             "customer-comments", required=False),
)  # fmt: skip

_DISTINCT = ("fnsku", "detailed disposition", "fulfillment center id", "license plate number")


def sniff(head: Head) -> bool:
    """The three key columns and one that only this report has."""
    return {"return date", "order id", "sku"} <= head.keys and any(
        k in head.keys for k in _DISTINCT
    )


def parse(path: Path) -> Iterator[FbaReturn]:
    """Stream one FbaReturn per row; the return date becomes UTC."""
    for row in read_table(path, COLUMNS, delimiter="\t"):
        return_date = row.iso("return-date")
        if return_date is None:  # iso() already refuses an empty cell; keeps mypy sure
            raise row.refuse("return-date", "the timestamp is empty but is needed")
        quantity = row.integer("quantity", default=1)
        if quantity < 0:
            raise row.refuse("quantity", not_a(str(quantity), "number", "a quantity"))
        yield FbaReturn(
            return_date=return_date,
            order_id=row.key("order-id", ORDER_ID),
            sku=row.get("sku"),
            asin=row.key("asin", ASIN, required=False),
            fnsku=row.key("fnsku", FNSKU, required=False),
            product_name=row.get("product-name"),
            quantity=quantity,
            fulfillment_center_id=row.get("fulfillment-center-id"),
            detailed_disposition=row.get("detailed-disposition"),
            reason=row.get("reason"),
            status=row.get("status"),
            license_plate_number=row.key("license-plate-number", LICENSE_PLATE, required=False),
            customer_comments=row.get("customer-comments"),
        )
