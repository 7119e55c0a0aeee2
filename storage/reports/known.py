"""Amazon reports the app recognises but does not read (yet): refused with their own name.

A seller who drops an Inventory Ledger file must hear "this is Amazon's
Inventory Ledger report, which is not read yet", not that an All Orders file
lacks a column. Each entry names the report and the header columns (by set,
in any order, compared like every header: case, `_`, `-` and spaces alike)
that identify it; for XML reports, element names. detect.py looks a file up
here after no readable kind took it. When a report becomes readable, its entry
is deleted here and a kind is added to storage/reports/kinds.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.imports.reading import norm_header


@dataclass(frozen=True, slots=True)
class KnownReport:
    """`signatures`: sets of normalised column (or XML element) names; one must be present."""

    name: str
    signatures: tuple[frozenset[str], ...]
    note: str = "which is not read yet"


def _cols(*sets: str) -> tuple[frozenset[str], ...]:
    """Each argument: space-separated header names, as Amazon writes them."""
    return tuple(frozenset(norm_header(n) for n in s.split()) for s in sets)


KNOWN_REPORTS: tuple[KnownReport, ...] = (
    KnownReport(
        "FBA Customer Shipment Sales", _cols("shipment-date fnsku amazon-order-id shipment-id")
    ),
    KnownReport(
        "FBA Replacements",
        _cols("replacement-reason-code replacement-amazon-order-id original-amazon-order-id"),
    ),
    KnownReport("Manage FBA Inventory", _cols("sku fnsku asin afn-fulfillable-quantity")),
    KnownReport(
        "FBA Inventory", _cols("fnsku asin msku fulfillment-center-id disposition quantity")
    ),
    KnownReport("Reserved Inventory", _cols("sku fnsku asin reserved_qty")),
    KnownReport("Fee Preview", _cols("sku fnsku asin estimated-fee-total")),
    KnownReport("Stranded Inventory", _cols("primary-action stranded-reason")),
    KnownReport("All Listings", _cols("item-name listing-id seller-sku price")),
    KnownReport(
        "Business Report (Detail Page Sales and Traffic)",
        _cols("sessions unit_session_percentage", "sessions_-_total unit_session_percentage"),
    ),
    KnownReport(
        "Settlement (XML)",
        tuple(frozenset({n}) for n in ("settlementreport", "settlementdata")),
    ),
)
"""Tab or comma headers (and XML element names); the first entry that matches names the file."""


def known_report(keys: frozenset[str]) -> KnownReport | None:
    """The known, unread report whose columns (or XML elements) `keys` hold, if any."""
    for report in KNOWN_REPORTS:
        if any(sig <= keys for sig in report.signatures):
            return report
    return None


def refusal(report: KnownReport) -> str:
    """The refusal's reason, e.g. `this is Amazon's Inventory Ledger report, which is not read yet`."""
    return f"this is Amazon's {report.name} report, {report.note}"
