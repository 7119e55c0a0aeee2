"""Date Range transaction report (Reports > Payments > Date Range Reports, CSV).

A few preamble lines ("Includes Amazon Marketplace, ...", "All amounts in USD...",
definitions) come before the header row `date/time,settlement id,type,order id,...`.
US files write `Jun 8, 2025 10:23:05 PM PDT`, German ones `01.09.2026 10:22:11 UTC`
with decimal commas (storage.reports.dates). Only `Refund` rows are kept: they are
the buyer refunds the reimbursement finder needs. The German header names and the
word `Erstattung` are read too (the other columns are found by their English names).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from core.model import Channel, ReportKind
from core.reimbursements import DateRangeRefund
from storage.imports.errors import ImportRefused
from storage.imports.reading import Column, Head, Row, detect_encoding, map_header, norm_header
from storage.reports.dates import report_instant

KIND: ReportKind = "date_range"
PREAMBLE_LINES = 40
"""The header row must come within this many lines (Amazon writes about eight)."""

COLUMNS: tuple[Column, ...] = (
    Column("date/time", ("datum/uhrzeit",)),
    Column("type", ("typ",)),
    Column("order id", ("bestellnummer",)),
    Column("sku"),
    Column("settlement id", ("abrechnungsnummer",), required=False),
    Column("description", required=False),
    Column("quantity", ("menge",), required=False),
    Column("marketplace", required=False),
    Column("fulfillment", required=False),
    Column("total", required=False),
)
_HEADERS = (
    frozenset({"date/time", "settlement id", "type", "order id"}),
    frozenset({"datum/uhrzeit", "abrechnungsnummer", "typ", "bestellnummer"}),
)
REFUND_TYPES = frozenset({"refund", "erstattung"})
_CHANNELS: dict[str, Channel] = {"amazon": "afn", "seller": "mfn"}


def _is_header(cells: list[str]) -> bool:
    names = {norm_header(c) for c in cells}
    return any(h <= names for h in _HEADERS)


def sniff(head: Head) -> bool:
    """The header row, after the preamble (or on the first line)."""
    lines = head.text.splitlines()[:PREAMBLE_LINES]
    try:
        return any(_is_header(cells) for cells in csv.reader(lines))
    except csv.Error:
        return False


def parse(path: Path) -> Iterator[DateRangeRefund]:
    for row in _rows(path):
        if row.get("type").lower() not in REFUND_TYPES:
            continue
        yield DateRangeRefund(
            order_id=row.required("order id"),
            sku=row.required("sku"),
            posted_at=_instant(row),
            quantity=row.integer("quantity", default=1),
            channel=_CHANNELS.get(row.get("fulfillment").lower()),
            marketplace=row.get("marketplace"),
            settlement_id=row.get("settlement id"),
            description=row.get("description"),
            total=row.decimal("total"),
        )


def _instant(row: Row) -> datetime:
    text = row.required("date/time")
    try:
        return report_instant(text)
    except ValueError as exc:
        raise row.refuse("date/time", str(exc).strip("'")) from None


def _rows(path: Path) -> Iterator[Row]:
    """The rows after the header row, keyed by canonical column name, cells trimmed."""
    name = path.name
    with path.open("r", encoding=detect_encoding(path), newline="") as fh:
        reader = csv.reader(fh, strict=False)
        try:
            header = next(r for r in reader if _is_header(r) or reader.line_num > PREAMBLE_LINES)
        except StopIteration:
            header = []
        except csv.Error as exc:
            raise ImportRefused(name, f"the file cannot be read ({exc})", reader.line_num) from None
        at = reader.line_num
        if not _is_header(header):
            raise ImportRefused(
                name, "no header row starting date/time, settlement id, type, order id was found"
            )
        try:
            positions = map_header(name, header, COLUMNS)
        except ImportRefused as exc:
            raise ImportRefused(name, exc.reason, at, exc.column) from None
        try:
            for raw in reader:
                if not any(cell.strip() for cell in raw):
                    continue
                short = [c for c, p in positions.items() if p >= len(raw)]
                if any(c.required for c in COLUMNS if c.name in short):
                    raise ImportRefused(
                        name,
                        f"the row has {len(raw)} cells but the header has {len(header)}",
                        reader.line_num,
                        short[0],
                    )
                cells = {c: (raw[p].strip() if p < len(raw) else "") for c, p in positions.items()}
                yield Row(name, reader.line_num, cells)
        except csv.Error as exc:
            raise ImportRefused(name, f"the row cannot be read ({exc})", reader.line_num) from None
