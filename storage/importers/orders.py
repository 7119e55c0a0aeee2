"""The "All Orders" flat file (tab-delimited, one row per order item).

Files reach a million rows, so this module has its own fast path instead of
`base.read_table`: one `str.split` per line, cells picked by cached positions
with one `itemgetter`, and small caches for the values that repeat (statuses,
channels, marketplaces, the timestamps of consecutive lines of one order).

Rows whose sales-channel is `Non-Amazon` (Multi-Channel Fulfilment orders
from other shops) are validated like any row but not yielded: they are not
Amazon marketplace orders and no account-health metric counts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from core.clock import parse_iso
from core.marketplaces import marketplace_name
from core.model import ORDER_STATUSES, Channel, OrderLine, ReportKind
from storage.importers.base import (
    Column,
    ImportRefused,
    detect_encoding,
    map_header,
    parse_amount,
)

KIND: ReportKind = "orders"

# Order matters: `_row` unpacks the picked cells in exactly this order.
COLUMNS: tuple[Column, ...] = (
    Column("amazon-order-id"),
    Column("purchase-date"),
    Column("last-updated-date"),
    Column("order-status"),
    Column("fulfillment-channel"),
    Column("sales-channel"),
    Column("sku"),
    Column("asin"),
    Column("quantity"),
    Column("product-name", required=False),
    Column("merchant-order-id", required=False),
    Column("item-status", required=False),
    Column("currency", required=False),
    Column("item-price", required=False),
    Column("ship-service-level", required=False),
    Column("ship-city", required=False),
    Column("ship-state", required=False),
    Column("ship-postal-code", required=False),
    Column("ship-country", required=False),
    Column("is-business-order", required=False),
)
_REQUIRED_COUNT = sum(1 for c in COLUMNS if c.required)

_SNIFF_KEYS = frozenset(
    {"amazon order id", "purchase date", "order status", "fulfillment channel", "sales channel"}
)

_CHANNELS: dict[str, Channel] = {"amazon": "afn", "afn": "afn", "merchant": "mfn", "mfn": "mfn"}
_FLAGS = {"": False, "false": False, "true": True, "n": False, "y": True, "0": False, "1": True}
_NON_AMAZON = "non-amazon"


def sniff(header_keys: set[str]) -> bool:
    """The All Orders report in any of its header variants."""
    return header_keys >= _SNIFF_KEYS


def parse(path: Path) -> Iterator[OrderLine]:
    """Stream `OrderLine`s; refuse the whole file at the first bad row."""
    encoding = detect_encoding(path)
    name = path.name
    with path.open("r", encoding=encoding, newline="") as fh:
        first = fh.readline()
        if not first:
            raise ImportRefused(name, "the file is empty")
        header = first.rstrip("\r\n").split("\t")
        positions = map_header(name, header, COLUMNS)
        width = len(header)
        # A missing optional column reads the padding cell appended to every row.
        picks = [positions.get(c.name, width) for c in COLUMNS]
        pick = itemgetter(*picks)
        need = max(picks[:_REQUIRED_COUNT]) + 1
        parser = _RowParser(name)
        for line_no, line in enumerate(fh, start=2):
            cells = line.rstrip("\r\n").split("\t")
            n = len(cells)
            if n < need:
                if n == 1 and not cells[0].strip():
                    continue  # blank line
                missing = next(c.name for c, p in zip(COLUMNS, picks, strict=True) if p >= n)
                raise ImportRefused(
                    name, f"the row has {n} cells but the header has {width}", line_no, missing
                )
            if n <= width:
                cells.extend([""] * (width + 1 - n))
            else:
                cells[width] = ""  # cells beyond the header are ignored
            record = parser.row(line_no, [c.strip() for c in pick(cells)])
            if record is not None:
                yield record


class _RowParser:
    """Turns picked cells into an OrderLine; holds the per-file value caches."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.statuses: dict[str, str] = {}
        self.marketplaces: dict[str, str | None] = {}
        self.last_ts: dict[str, tuple[str, datetime]] = {}

    def refuse(self, line: int, column: str, reason: str) -> ImportRefused:
        return ImportRefused(self.file, reason, line, column)

    def row(self, line: int, cells: list[str]) -> OrderLine | None:
        (
            order_id,
            purchase,
            updated,
            status,
            channel,
            sales_channel,
            sku,
            asin,
            quantity,
            product_name,
            merchant_order_id,
            item_status,
            currency,
            price,
            service_level,
            city,
            state,
            postal,
            country,
            business,
        ) = cells
        if not order_id:
            raise self.refuse(line, "amazon-order-id", "the order id is empty but is needed")
        marketplace = self.marketplace(line, sales_channel)
        record = OrderLine(
            order_id=order_id,
            purchase_date=self.timestamp(line, "purchase-date", purchase),
            last_updated=self.timestamp(line, "last-updated-date", updated),
            status=self.statuses.get(status) or self.status(line, status),
            channel=_CHANNELS.get(channel) or self.channel(line, channel),
            marketplace=marketplace or "",
            sku=sku,
            asin=asin,
            product_name=product_name,
            quantity=self.quantity(line, quantity),
            item_status=item_status,
            currency=currency,
            item_price=self.price(line, price) if price else None,
            merchant_order_id=merchant_order_id,
            ship_service_level=service_level,
            ship_city=city,
            ship_state=state,
            ship_postal_code=postal,
            ship_country=country,
            is_business_order=self.flag(line, business),
        )
        return record if marketplace is not None else None

    def timestamp(self, line: int, column: str, value: str) -> datetime:
        last = self.last_ts.get(column)
        if last is not None and last[0] == value:
            return last[1]
        if not value:
            raise self.refuse(line, column, "the timestamp is empty but is needed")
        try:
            parsed = parse_iso(value)
        except ValueError:
            raise self.refuse(line, column, f"'{value}' is not an ISO 8601 timestamp") from None
        self.last_ts[column] = (value, parsed)
        return parsed

    def status(self, line: int, value: str) -> str:
        """Known statuses, any case; `Shipped - Delivered to Buyer` and kin are Shipped."""
        folded = value.lower()
        found = next((s for s in ORDER_STATUSES if s.lower() == folded), None)
        if found is None and folded.startswith("shipped -"):
            found = "Shipped"
        if found is None:
            shown = ", ".join(ORDER_STATUSES)
            raise self.refuse(
                line, "order-status", f"'{value}' is not one of the known values ({shown})"
            )
        self.statuses[value] = found
        return found

    def channel(self, line: int, value: str) -> Channel:
        found = _CHANNELS.get(value.lower())
        if found is None:
            raise self.refuse(
                line,
                "fulfillment-channel",
                f"'{value}' is not one of the known values (Amazon, Merchant, AFN, MFN)",
            )
        return found

    def marketplace(self, line: int, value: str) -> str | None:
        """The canonical sales-channel name; None for a Non-Amazon (MCF) row."""
        try:
            return self.marketplaces[value]
        except KeyError:
            pass
        if not value:
            raise self.refuse(line, "sales-channel", "the sales channel is empty but is needed")
        found = None if value.lower().startswith(_NON_AMAZON) else marketplace_name(value)
        self.marketplaces[value] = found
        return found

    def quantity(self, line: int, value: str) -> int:
        if value.isdigit() and value.isascii():
            return int(value)
        if not value:
            raise self.refuse(line, "quantity", "the number is empty but is needed")
        raise self.refuse(line, "quantity", f"'{value}' is not a whole number")

    def price(self, line: int, value: str) -> Decimal:
        try:
            return parse_amount(value)
        except ValueError:
            raise self.refuse(line, "item-price", f"'{value}' is not a number") from None

    def flag(self, line: int, value: str) -> bool:
        found = _FLAGS.get(value)
        if found is None:
            found = _FLAGS.get(value.lower())
            if found is None:
                raise self.refuse(line, "is-business-order", f"'{value}' is not one of true/false")
        return found
