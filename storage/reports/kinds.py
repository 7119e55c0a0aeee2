"""Every report kind the app imports, in one tuple: how it is recognised, read and written.

Follow a kind from here: `sniff` (does a file's head look like it?), `parse`
(the file as `core.model` records) and `writer` (those records into their
tables), each in the kind's own package under storage/reports/. `apply_import`
and `detect_kind` look kinds up here and nowhere else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from core.model import Record, ReportKind
from core.reimbursements import (
    DateRangeRefund,
    InventoryEvent,
    Reimbursement,
    RemovalOrder,
    SettlementRefundRow,
)
from core.shipments import FbaShipment
from storage.imports.context import BatchWriter, ImportContext, Progress
from storage.imports.reading import Head
from storage.reports.adjustments import parse as adjustments
from storage.reports.claims import parse as claims
from storage.reports.claims.write import ClaimWriter
from storage.reports.date_range import parse as date_range
from storage.reports.date_range.write import DateRangeWriter
from storage.reports.feedback import parse as feedback
from storage.reports.feedback.write import FeedbackWriter
from storage.reports.ledger import parse as ledger
from storage.reports.ledger.write import InventoryEventWriter
from storage.reports.messages import parse_csv as messages_csv
from storage.reports.messages import parse_email as email
from storage.reports.messages.write import MessageWriter
from storage.reports.orders import bulk
from storage.reports.orders import parse as orders
from storage.reports.orders.write import OrderWriter
from storage.reports.performance import parse as performance
from storage.reports.performance.write import PerformanceWriter
from storage.reports.reimbursements import parse as reimbursements
from storage.reports.reimbursements.write import ReimbursementWriter
from storage.reports.removals import parse as removals
from storage.reports.removals.write import RemovalWriter
from storage.reports.returns_fba import parse as returns_fba
from storage.reports.returns_fba.write import FbaReturnWriter
from storage.reports.returns_fbm import parse as returns_fbm
from storage.reports.returns_fbm.write import FbmReturnWriter
from storage.reports.settlement import parse as settlement
from storage.reports.settlement.write import SettlementWriter
from storage.reports.shipments import parse as shipments
from storage.reports.shipments.write import ShipmentWriter

FbaRecord = (
    FbaShipment
    | Reimbursement
    | InventoryEvent
    | RemovalOrder
    | SettlementRefundRow
    | DateRangeRefund
)
"""The section 9 reports' records (core.reimbursements, core.shipments)."""

Layout = Literal["json", "email", "tab", "csv"]
"""Which part of a file's head `sniff` reads; `detect_kind` tries them in this order."""


@dataclass(frozen=True, slots=True)
class BulkPath:
    """A faster way in for big files of a kind, with the same rows and counts as `writer`."""

    wanted: Callable[[Path], bool]
    session: Callable[[sqlite3.Connection], AbstractContextManager[None]]
    """Entered around the import's transaction."""
    run: Callable[[ImportContext, Path, Progress | None], None]


@dataclass(frozen=True, slots=True)
class Report:
    """One report kind. `label` names it in refusals ("this looks like an All Orders report")."""

    kind: ReportKind
    label: str
    layout: Layout
    sniff: Callable[[Head], bool]
    parse: Callable[[Path], Iterator[Record | FbaRecord]]
    writer: Callable[[ImportContext], BatchWriter]
    bulk: BulkPath | None = None


REPORTS: tuple[Report, ...] = (
    # Before All Orders: its header also holds purchase-date, fulfillment- and sales-channel.
    Report(
        "shipments",
        "an Amazon Fulfilled Shipments report",
        "tab",
        shipments.sniff,
        shipments.parse,
        ShipmentWriter,
    ),
    Report(
        "orders",
        "an All Orders report",
        "tab",
        orders.sniff,
        orders.parse,
        OrderWriter,
        BulkPath(bulk.wanted, bulk.bulk_session, bulk.import_bulk),
    ),
    Report(
        "returns_fbm",
        "an FBM Returns report",
        "tab",
        returns_fbm.sniff,
        returns_fbm.parse,
        FbmReturnWriter,
    ),
    Report(
        "returns_fba",
        "an FBA Customer Returns report",
        "tab",
        returns_fba.sniff,
        returns_fba.parse,
        FbaReturnWriter,
    ),
    Report("feedback", "a Feedback report", "tab", feedback.sniff, feedback.parse, FeedbackWriter),
    Report(
        "performance",
        "a seller performance report",
        "json",
        performance.sniff,
        performance.parse,
        PerformanceWriter,
    ),
    Report(
        "messages",
        "a messages.csv template",
        "csv",
        messages_csv.sniff,
        messages_csv.parse,
        MessageWriter,
    ),
    Report("claims", "a claims.csv template", "csv", claims.sniff, claims.parse, ClaimWriter),
    Report("email", "an e-mail file", "email", email.sniff, email.parse, MessageWriter),
    Report(
        "reimbursements",
        "an FBA Reimbursements report",
        "tab",
        reimbursements.sniff,
        reimbursements.parse,
        ReimbursementWriter,
    ),
    Report(
        "adjustments",
        "an Inventory Adjustments report",
        "tab",
        adjustments.sniff,
        adjustments.parse,
        InventoryEventWriter,
    ),
    Report(
        "ledger",
        "an Inventory Ledger report (detailed view)",
        "tab",
        ledger.sniff,
        ledger.parse,
        InventoryEventWriter,
    ),
    Report(
        "removals",
        "a Removal Order Detail report",
        "tab",
        removals.sniff,
        removals.parse,
        RemovalWriter,
    ),
    Report(
        "settlement",
        "a settlement report (flat file)",
        "tab",
        settlement.sniff,
        settlement.parse,
        SettlementWriter,
    ),
    Report(
        "date_range",
        "a Date Range transaction report",
        "csv",
        date_range.sniff,
        date_range.parse,
        DateRangeWriter,
    ),
)
"""Within a layout, the first kind whose `sniff` accepts a head wins."""

_BY_KIND: dict[str, Report] = {r.kind: r for r in REPORTS}


def report_for(kind: str) -> Report:
    """The report kind stored under `kind` in the imports table; KeyError if none."""
    return _BY_KIND[kind]


def reports_in(layout: Layout) -> Iterator[Report]:
    return (r for r in REPORTS if r.layout == layout)
