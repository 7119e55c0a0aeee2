"""FBM return requests (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE, tab-delimited).

Only the report's own facts are read here; when a request was decided, and
whether the first import already saw it decided, is derived by storage from
the import history.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from core.clock import parse_iso
from core.model import RETURN_STATUSES, ReportKind, ReturnRequest
from storage.imports.reading import Column, Head, Row, columns, parse_date_dmy_mon, read_table

KIND: ReportKind = "returns_fbm"

COLUMNS: tuple[Column, ...] = (
    *columns("Order ID", "Amazon RMA ID", "Return request date", "Return request status"),
    *columns("Order date", "In policy", "A-to-Z Claim", "Is prime", "ASIN", "Merchant SKU",
             "Item Name", "Return quantity", "Return Reason", "Return type", "Resolution",
             "Currency code", "Order Amount", "Refunded Amount", "Category", required=False),
)  # fmt: skip


_SNIFF_KEYS = frozenset(
    {"order id", "return request date", "return request status", "amazon rma id"}
)


def sniff(head: Head) -> bool:
    """The order id and two more of the four key columns; the parser names any missing one."""
    return "order id" in head.keys and len(_SNIFF_KEYS & head.keys) >= 3


def parse(path: Path) -> Iterator[ReturnRequest]:
    """Stream one ReturnRequest per row, keyed (order id, Amazon RMA id)."""
    for row in read_table(path, COLUMNS, delimiter="\t"):
        in_policy = row.get("In policy")
        yield ReturnRequest(
            order_id=row.required("Order ID"),
            rma_id=row.required("Amazon RMA ID"),
            request_date=_date(row, "Return request date"),
            status=row.choice("Return request status", RETURN_STATUSES),
            order_date=_date(row, "Order date") if row.get("Order date") else None,
            in_policy=row.flag("In policy") if in_policy else None,
            a_to_z_claim=row.flag("A-to-Z Claim"),
            is_prime=row.flag("Is prime"),
            asin=row.get("ASIN"),
            sku=row.get("Merchant SKU"),
            item_name=row.get("Item Name"),
            quantity=_quantity(row),
            reason=row.get("Return Reason"),
            return_type=row.get("Return type"),
            resolution=row.get("Resolution"),
            currency=row.get("Currency code"),
            order_amount=row.decimal("Order Amount"),
            refunded_amount=row.decimal("Refunded Amount"),
            category=row.get("Category"),
        )


def _date(row: Row, column: str) -> date:
    """`10-Jul-2025` as documented; an ISO 8601 date or timestamp is accepted too."""
    text = row.get(column)
    if not text:
        raise row.refuse(column, "the date is empty but is needed")
    try:
        return parse_date_dmy_mon(text)
    except ValueError:
        pass
    if text[:1].isdigit() and text[4:5] == "-":
        try:
            parse_iso(text)  # validates; the calendar date is the one written
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise row.refuse(column, f"'{text}' is not a date like 10-Jul-2025")


def _quantity(row: Row) -> int:
    quantity = row.integer("Return quantity", default=1)
    if quantity < 0:
        raise row.refuse("Return quantity", f"'{quantity}' is not a quantity")
    return quantity
