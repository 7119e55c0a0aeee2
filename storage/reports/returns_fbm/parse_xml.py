"""The XML FBM returns report (GET_XML_RETURNS_DATA_BY_RETURN_DATE).

Read into the same `ReturnRequest`s as the flat file: each item of a return
becomes the row the flat file would have (its cells named as the flat file's
columns) and goes through the flat parser's `request`, so both layouts are
checked and stored alike. Its layout, one `return_details` per return:

    <return_details>
      <item_details><item_name/> <asin/> <return_reason_code/> <merchant_sku/>
        <in_policy/> <return_quantity/> <resolution/> <category/> <refund_amount/>
      </item_details> ... (one per item)
      <order_id/> <order_date/> <amazon_rma_id/> <return_request_date/>
      <return_request_status/> <a_to_z_claim/> <is_prime/>
      <label_details><currency_code/> <label_cost/> <label_type/></label_details>
      <return_type/> <order_amount/> <order_quantity/>
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.model import ReportKind, ReturnRequest
from storage.imports.reading import Head, Row
from storage.imports.xml_reading import Record, records
from storage.reports.returns_fbm.parse import request

KIND: ReportKind = "returns_fbm"

_RETURN = {
    "Order ID": "order_id",
    "Order date": "order_date",
    "Amazon RMA ID": "amazon_rma_id",
    "Return request date": "return_request_date",
    "Return request status": "return_request_status",
    "A-to-Z Claim": "a_to_z_claim",
    "Is prime": "is_prime",
    "Currency code": "currency_code",
    "Return type": "return_type",
    "Order Amount": "order_amount",
}
_ITEM = {
    "ASIN": "asin",
    "Merchant SKU": "merchant_sku",
    "Item Name": "item_name",
    "Return quantity": "return_quantity",
    "Return Reason": "return_reason_code",
    "In policy": "in_policy",
    "Resolution": "resolution",
    "Refunded Amount": "refund_amount",
    "Category": "category",
}


def sniff(head: Head) -> bool:
    return {"return_details", "amazon_rma_id"} <= head.keys


def parse(path: Path) -> Iterator[ReturnRequest]:
    """One ReturnRequest per item of each return, as the flat file has one row per item."""
    for ret in records(path, "return_details"):
        cells = {column: ret.get(name) for column, name in _RETURN.items()}
        items = ret.all("item_details") or [Record("item_details", ret.line)]
        for item in items:
            row = {**cells, **{column: item.get(name) for column, name in _ITEM.items()}}
            yield request(Row(path.name, item.line, row))
