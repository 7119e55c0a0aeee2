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
from storage.imports.errors import not_a
from storage.imports.reading import Column, Head, Row, columns, parse_date_dmy_mon, read_table
from storage.imports.shapes import ASIN, ORDER_ID, RMA_ID

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
        yield request(row)


def request(row: Row) -> ReturnRequest:
    """One row (of the flat file, or an XML item in the flat file's column names).

    The status decides RDR (a request undecided after 48 hours is a defect), so
    a status we do not know refuses the file rather than be guessed either way.
    """
    in_policy = row.get("In policy")
    return ReturnRequest(
        order_id=row.key("Order ID", ORDER_ID),
        rma_id=row.key("Amazon RMA ID", RMA_ID),
        request_date=_date(row, "Return request date"),
        status=_status(row),
        order_date=_date(row, "Order date") if row.get("Order date") else None,
        in_policy=row.flag("In policy") if in_policy else None,
        a_to_z_claim=row.flag("A-to-Z Claim"),
        is_prime=row.flag("Is prime"),
        asin=row.key("ASIN", ASIN, required=False),
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
    raise row.refuse(column, not_a(text, "date", "a date like 10-Jul-2025"))


def _status(row: Row) -> str:
    value = row.get("Return request status")
    for known in RETURN_STATUSES:
        if value.lower() == known.lower():
            return known
    reason = not_a(value, "code", f"a return status we know ({', '.join(RETURN_STATUSES)})")
    raise row.refuse(
        "Return request status",
        f"{reason}: whether a request is decided changes the Return Dissatisfaction Rate, "
        "so the file is refused rather than guessed",
    )


def _quantity(row: Row) -> int:
    quantity = row.integer("Return quantity", default=1)
    if quantity < 0:
        raise row.refuse("Return quantity", not_a(str(quantity), "number", "a quantity"))
    return quantity
