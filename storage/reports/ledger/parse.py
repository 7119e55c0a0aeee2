"""Inventory ledger, detailed view (tab-delimited), in both header spellings.

`EventType ReferenceID FulfillmentCenter ...` or the spaced `Event Type Reference ID
Fulfillment Center ...` with `Date and Time`. `Date` is `MM/DD/YYYY`, the UTC
calendar date as written. Only the events the reimbursement finder reads are kept:
`Adjustments` (lost, found, damaged...) and `CustomerReturns`; shipments, receipts
and transfers (most of a ledger) are read, checked and left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from core.model import ReportKind
from core.reimbursements import InventoryEvent
from storage.imports.reading import Column, Head, Row, read_table
from storage.reports.cells import day
from storage.reports.dates import report_instant, us_day

KIND: ReportKind = "ledger"
KEPT_EVENTS = frozenset({"ADJUSTMENTS", "CUSTOMERRETURNS"})
"""Event types as compared: upper case, without spaces."""

COLUMNS: tuple[Column, ...] = (
    Column("Date"),
    Column("FNSKU"),
    Column("Event Type", ("EventType",)),
    Column("Quantity"),
    Column("MSKU", required=False),
    Column("Reference ID", ("ReferenceID",), required=False),
    Column("Fulfillment Center", ("FulfillmentCenter",), required=False),
    Column("Disposition", required=False),
    Column("Reason", required=False),
    Column("Date and Time", ("DateAndTime",), required=False),
)


def sniff(head: Head) -> bool:
    return {"fnsku", "msku"} <= head.keys and bool({"event type", "eventtype"} & head.keys)


def parse(path: Path) -> Iterator[InventoryEvent]:
    for row in read_table(path, COLUMNS, delimiter="\t"):
        event_type = row.required("Event Type")
        event_date = day(row, "Date", us_day, "06/15/2026")
        quantity = row.integer("Quantity")
        if event_type.replace(" ", "").upper() not in KEPT_EVENTS:
            continue
        yield InventoryEvent(
            event_date=event_date,
            fnsku=row.required("FNSKU"),
            sku=row.get("MSKU"),
            event_type=event_type,
            quantity=quantity,
            reference_id=row.get("Reference ID"),
            fulfillment_center=row.get("Fulfillment Center"),
            disposition=row.get("Disposition"),
            reason=row.get("Reason"),
            source="ledger",
            at=_at(row),
        )


def _at(row: Row) -> datetime | None:
    text = row.get("Date and Time")
    if not text:
        return None
    try:
        return report_instant(text)
    except ValueError:
        raise row.refuse("Date and Time", f"'{text}' is not a date and time") from None
