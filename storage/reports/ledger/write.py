"""Inventory events of the ledger and the adjustments report, in one table.

Neither report has a row id (a Reference ID repeats across dispositions and
centres), so a row is known by all its cells and its occurrence in the file.
"""

from __future__ import annotations

from typing import Any

from core.reimbursements import InventoryEvent
from storage.imports.context import ts
from storage.imports.keyed import Shape
from storage.reports.row_key import RowKeyWriter

INVENTORY_EVENTS = Shape(
    table="inventory_events",
    keys=("row_key",),
    plain=("source", "event_date", "fnsku", "sku", "event_type", "reference_id", "quantity",
           "fulfillment_center", "disposition", "reason", "at"),
)  # fmt: skip


class InventoryEventWriter(RowKeyWriter):
    shape = INVENTORY_EVENTS

    def parts(self, record: Any) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]]:
        e: InventoryEvent = record
        identity = (
            e.source,
            e.event_date.isoformat(),
            e.fnsku,
            e.sku,
            e.event_type,
            e.reference_id,
            e.quantity,
            e.fulfillment_center,
            e.disposition,
            e.reason,
        )
        return identity, (ts(e.at),), ()
