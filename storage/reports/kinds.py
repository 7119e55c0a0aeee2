"""Every report kind the app imports, in one tuple: how it is recognised, read and written.

Follow a kind from here: `sniff` (does a file's head look like it?), `parse`
(the file as `core.model` records) and `writer` (those records into their
tables), each in the kind's own package under storage/reports/. `apply_import`
and `detect_report` look kinds up here and nowhere else. A kind may have several
reports (a flat file and its XML variant): they share a writer and differ in
`layout`, `sniff`, `parse` and Amazon's `name`. Reports Amazon makes that we do
not read yet are listed in storage/reports/known.py instead.
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
from storage.reports.orders import parse_xml as orders_xml
from storage.reports.orders.write import OrderWriter
from storage.reports.orders_fbm import parse as orders_fbm
from storage.reports.orders_fbm.write import FbmOrderWriter
from storage.reports.performance import parse as performance
from storage.reports.performance import parse_v1 as performance_v1
from storage.reports.performance.write import PerformanceWriter
from storage.reports.reimbursements import parse as reimbursements
from storage.reports.reimbursements.write import ReimbursementWriter
from storage.reports.removals import parse as removals
from storage.reports.removals.write import RemovalWriter
from storage.reports.returns_fba import parse as returns_fba
from storage.reports.returns_fba.write import FbaReturnWriter
from storage.reports.returns_fbm import parse as returns_fbm
from storage.reports.returns_fbm import parse_xml as returns_fbm_xml
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

Layout = Literal["json", "xml", "email", "tab", "csv"]
"""Which part of a file's head `sniff` reads; `detect_report` tries them in this order."""


@dataclass(frozen=True, slots=True)
class BulkPath:
    """A faster way in for big files of a kind, with the same rows and counts as `writer`."""

    wanted: Callable[[Path], bool]
    session: Callable[[sqlite3.Connection], AbstractContextManager[None]]
    """Entered around the import's transaction."""
    run: Callable[[ImportContext, Path, Progress | None], None]


@dataclass(frozen=True, slots=True)
class Report:
    """One report (a kind, in one of its layouts).

    `kind` is the family of records it holds (several reports may share one:
    the XML All Orders report is `orders` too); `label` names it in refusals
    ("this looks like an All Orders report"); `name` is Amazon's name of it, for
    the import line (by default the label without its article and "report").
    """

    kind: ReportKind
    label: str
    layout: Layout
    sniff: Callable[[Head], bool]
    parse: Callable[[Path], Iterator[Record | FbaRecord]]
    writer: Callable[[ImportContext], BatchWriter]
    bulk: BulkPath | None = None
    name: str = ""

    @property
    def amazon_name(self) -> str:
        if self.name:
            return self.name
        words = self.label.split(" ")
        words = words[1:] if words[:1] in (["a"], ["an"]) else words
        return " ".join(words[:-1] if words[-1:] == ["report"] else words)


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
        "All Orders",
    ),
    Report(
        "orders",
        "an All Orders report (XML)",
        "xml",
        orders_xml.sniff,
        orders_xml.parse,
        OrderWriter,
        name="All Orders (XML)",
    ),
    Report(
        "orders_fbm",
        "an Unshipped Orders report",
        "tab",
        orders_fbm.sniff_unshipped,
        orders_fbm.parse,
        FbmOrderWriter,
        name="Unshipped Orders",
    ),
    Report(
        "orders_fbm",
        "an Order report (New Orders)",
        "tab",
        orders_fbm.sniff_order_report,
        orders_fbm.parse,
        FbmOrderWriter,
        name="Order report (New Orders)",
    ),
    Report(
        "returns_fbm",
        "an FBM Returns report",
        "tab",
        returns_fbm.sniff,
        returns_fbm.parse,
        FbmReturnWriter,
        name="FBM Returns",
    ),
    Report(
        "returns_fbm",
        "an FBM Returns report (XML)",
        "xml",
        returns_fbm_xml.sniff,
        returns_fbm_xml.parse,
        FbmReturnWriter,
        name="FBM Returns (XML)",
    ),
    Report(
        "returns_fba",
        "an FBA Customer Returns report",
        "tab",
        returns_fba.sniff,
        returns_fba.parse,
        FbaReturnWriter,
        name="FBA Customer Returns",
    ),
    Report(
        "feedback",
        "a Feedback report",
        "tab",
        feedback.sniff,
        feedback.parse,
        FeedbackWriter,
        name="Feedback",
    ),
    Report(
        "performance",
        "a seller performance report",
        "json",
        performance.sniff,
        performance.parse,
        PerformanceWriter,
        name="Seller Performance (JSON)",
    ),
    Report(
        "performance",
        "a seller performance report (V1, XML)",
        "xml",
        performance_v1.sniff,
        performance_v1.parse,
        PerformanceWriter,
        name="Seller Performance (V1, XML)",
    ),
    Report(
        "messages",
        "a messages.csv template",
        "csv",
        messages_csv.sniff,
        messages_csv.parse,
        MessageWriter,
        name="messages.csv",
    ),
    Report(
        "claims",
        "a claims.csv template",
        "csv",
        claims.sniff,
        claims.parse,
        ClaimWriter,
        name="claims.csv",
    ),
    Report(
        "email",
        "an e-mail file",
        "email",
        email.sniff,
        email.parse,
        MessageWriter,
        name="Buyer messages (e-mail, .eml/.mbox)",
    ),
    Report(
        "reimbursements",
        "an FBA Reimbursements report",
        "tab",
        reimbursements.sniff,
        reimbursements.parse,
        ReimbursementWriter,
        name="FBA Reimbursements",
    ),
    Report(
        "adjustments",
        "an Inventory Adjustments report",
        "tab",
        adjustments.sniff,
        adjustments.parse,
        InventoryEventWriter,
        name="Inventory Adjustments",
    ),
    Report(
        "ledger",
        "an Inventory Ledger report (detailed view)",
        "tab",
        ledger.sniff,
        ledger.parse,
        InventoryEventWriter,
        name="Inventory Ledger (detailed view)",
    ),
    Report(
        "removals",
        "a Removal Order Detail report",
        "tab",
        removals.sniff,
        removals.parse,
        RemovalWriter,
        name="Removal Order Detail",
    ),
    Report(
        "settlement",
        "a settlement report (flat file)",
        "tab",
        settlement.sniff,
        settlement.parse,
        SettlementWriter,
        name="Settlement (flat file)",
    ),
    Report(
        "date_range",
        "a Date Range transaction report",
        "csv",
        date_range.sniff,
        date_range.parse,
        DateRangeWriter,
        name="Date Range transactions",
    ),
)
"""Within a layout, the first kind whose `sniff` accepts a head wins."""

_BY_KIND: dict[str, Report] = {}
for _report in REPORTS:
    _BY_KIND.setdefault(_report.kind, _report)


def report_for(kind: str) -> Report:
    """The first (main) report of `kind`, as stored in the imports table; KeyError if none."""
    return _BY_KIND[kind]


def reports_in(layout: Layout) -> Iterator[Report]:
    return (r for r in REPORTS if r.layout == layout)
