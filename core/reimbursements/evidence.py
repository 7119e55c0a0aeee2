"""Report rows as people read them: the report's name, the row's date, its cells.

Cells follow the record's fields, named as the report names its columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal

from core.model import FbaReturn
from core.reimbursements.records import (
    DateRangeRefund,
    Evidence,
    InventoryEvent,
    OrderItem,
    Reimbursement,
    RemovalOrder,
    SettlementRefundRow,
    utc_day,
)

Cells = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One row of proof; `cells` are (the report's column name, value), blank cells left out."""

    report: str
    day: date
    cells: Cells


def evidence_day(e: Evidence) -> date:
    """The UTC calendar date a row is dated by (the as-of rules use the same date)."""
    match e:
        case SettlementRefundRow():
            return e.posted_date
        case DateRangeRefund():
            return utc_day(e.posted_at)
        case FbaReturn():
            return utc_day(e.return_date)
        case Reimbursement():
            return utc_day(e.approved_at)
        case InventoryEvent():
            return e.event_date
        case RemovalOrder():
            return utc_day(e.request_date)
        case OrderItem():
            return utc_day(e.purchased_at)


def _hyphens(name: str) -> str:
    return name.replace("_", "-")


def _spaces(name: str) -> str:
    return name.replace("_", " ")


def _titles(name: str) -> str:
    return name.replace("_", " ").title()


@dataclass(frozen=True, slots=True)
class _Layout:
    """How one report names the fields of its record, and which fields it does not show."""

    report: str
    header: Callable[[str], str]
    renamed: Mapping[str, str] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset({"source", "at"})
    channel: tuple[str, str] = ("Amazon", "Merchant")  # afn, mfn
    day_format: str | None = None


_LAYOUTS: dict[type, _Layout] = {
    SettlementRefundRow: _Layout(
        "Settlement refund",
        _hyphens,
        {"quantity": "quantity-purchased", "channel": "fulfillment-id"},
        channel=("AFN", "MFN"),
    ),
    DateRangeRefund: _Layout(
        "Date Range transactions",
        _spaces,
        {"posted_at": "date/time", "channel": "fulfillment"},
        channel=("Amazon", "Seller"),
    ),
    FbaReturn: _Layout("FBA customer returns", _hyphens, hidden=frozenset({"customer_comments"})),
    Reimbursement: _Layout(
        "Reimbursements",
        _hyphens,
        {
            "approved_at": "approval-date",
            "order_id": "amazon-order-id",
            "currency": "currency-unit",
            "quantity_cash": "quantity-reimbursed-cash",
            "quantity_inventory": "quantity-reimbursed-inventory",
            "quantity_total": "quantity-reimbursed-total",
        },
    ),
    RemovalOrder: _Layout("Removal order detail", _hyphens, {"status": "order-status"}),
    OrderItem: _Layout(
        "All Orders",
        _hyphens,
        {
            "order_id": "amazon-order-id",
            "purchased_at": "purchase-date",
            "channel": "fulfillment-channel",
            "status": "order-status",
        },
    ),
}
_ADJUSTMENTS = _Layout(
    "Inventory adjustments",
    _hyphens,
    {
        "event_date": "adjusted-date",
        "reference_id": "transaction-item-id",
        "fulfillment_center": "fulfillment-center-id",
    },
    hidden=frozenset({"event_type", "source", "at"}),
)
_LEDGER = _Layout(
    "Inventory ledger",
    _titles,
    {"event_date": "Date", "fnsku": "FNSKU", "sku": "MSKU", "reference_id": "Reference ID"},
    day_format="%m/%d/%Y",
)


def _layout(e: Evidence) -> _Layout:
    if isinstance(e, InventoryEvent):
        return _ADJUSTMENTS if e.source == "adjustments" else _LEDGER
    return _LAYOUTS[type(e)]


def _text(value: object, layout: _Layout) -> str:
    match value:
        case datetime():
            return value.isoformat()
        case date():
            return value.strftime(layout.day_format) if layout.day_format else value.isoformat()
        case Decimal():
            return format(value, "f")
        case "afn" | "mfn":
            return layout.channel[value != "afn"]
    return str(value)


def evidence_row(e: Evidence) -> EvidenceRow:
    layout = _layout(e)
    cells = []
    for f in fields(e):
        value = getattr(e, f.name)
        if f.name in layout.hidden or value is None or value == "":
            continue
        if f.name == "event_date" and isinstance(e, InventoryEvent) and e.at is not None:
            value = e.at
        cells.append((layout.renamed.get(f.name) or layout.header(f.name), _text(value, layout)))
    return EvidenceRow(layout.report, evidence_day(e), tuple(cells))


def sorted_evidence(rows: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Oldest first; the sort is stable, so rows of one day keep the order given."""
    return tuple(sorted(rows, key=evidence_day))
