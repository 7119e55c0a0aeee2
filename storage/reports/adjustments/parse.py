"""Inventory adjustments (the report the ledger replaced in 2023; older downloads remain).

Every row is an adjustment: lost (M), found (F), damaged in the warehouse (E) and
the rest. `transaction-item-id` is the ledger's Reference ID of the same event, so
the finder counts an event found in both reports once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.clock import to_utc
from core.model import ReportKind
from core.reimbursements import InventoryEvent
from storage.imports.reading import Column, Head, columns, read_table
from storage.reports.cells import instant

KIND: ReportKind = "adjustments"

COLUMNS: tuple[Column, ...] = (
    *columns("adjusted-date", "fnsku", "quantity", "reason"),
    *columns("transaction-item-id", "sku", "fulfillment-center-id", "disposition",
             required=False),
)  # fmt: skip


def sniff(head: Head) -> bool:
    return {"adjusted date", "fnsku", "reason"} <= head.keys and "quantity" in head.keys


def parse(path: Path) -> Iterator[InventoryEvent]:
    for row in read_table(path, COLUMNS, delimiter="\t"):
        at = instant(row, "adjusted-date")
        yield InventoryEvent(
            event_date=to_utc(at).date(),
            fnsku=row.required("fnsku"),
            sku=row.get("sku"),
            event_type="Adjustments",
            quantity=row.integer("quantity"),
            reference_id=row.get("transaction-item-id"),
            fulfillment_center=row.get("fulfillment-center-id"),
            disposition=row.get("disposition"),
            reason=row.get("reason"),
            source="adjustments",
            at=at,
        )
