"""Removal order detail (tab-delimited): one row per SKU and disposition of a removal order.

A later download shows the same rows with their newer status and quantities; they
update in place. `in-process-quantity` is kept but never counts as missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.model import ReportKind
from core.reimbursements import RemovalOrder
from storage.imports.reading import Column, Head, columns, read_table
from storage.reports.cells import count, instant

KIND: ReportKind = "removals"

COLUMNS: tuple[Column, ...] = (
    *columns("request-date", "order-id", "order-status", "requested-quantity"),
    *columns("order-type", "sku", "fnsku", "disposition", "cancelled-quantity",
             "disposed-quantity", "shipped-quantity", "in-process-quantity", "currency",
             required=False),
)  # fmt: skip


def sniff(head: Head) -> bool:
    return {"request date", "order id", "requested quantity"} <= head.keys


def parse(path: Path) -> Iterator[RemovalOrder]:
    for row in read_table(path, COLUMNS, delimiter="\t"):
        yield RemovalOrder(
            request_date=instant(row, "request-date"),
            order_id=row.required("order-id"),
            status=row.required("order-status"),
            sku=row.get("sku"),
            fnsku=row.get("fnsku"),
            requested_quantity=count(row, "requested-quantity", None),
            cancelled_quantity=count(row, "cancelled-quantity"),
            disposed_quantity=count(row, "disposed-quantity"),
            shipped_quantity=count(row, "shipped-quantity"),
            in_process_quantity=count(row, "in-process-quantity"),
            order_type=row.get("order-type"),
            currency=row.get("currency"),
            disposition=row.get("disposition"),
        )
