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
from datetime import UTC, datetime
from decimal import Decimal
from itertools import chain, starmap
from operator import itemgetter
from pathlib import Path
from typing import Any

from core.clock import iso, parse_iso
from core.marketplaces import marketplace_name
from core.model import ORDER_STATUSES, Channel, OrderLine, ReportKind
from storage.imports.errors import ImportRefused
from storage.imports.reading import Column, Head, columns, detect_encoding, map_header, parse_amount

KIND: ReportKind = "orders"

CURRENT_HEADER: tuple[str, ...] = (
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "cpf",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
)
"""The current All Orders header (reports.md section 1); older and newer variants differ."""


# Order matters: `parse` unpacks the picked cells in exactly this order; required first.
COLUMNS: tuple[Column, ...] = (
    *columns("amazon-order-id", "purchase-date", "last-updated-date", "order-status",
             "fulfillment-channel", "sales-channel", "sku", "asin", "quantity"),
    *columns("product-name", "merchant-order-id", "item-status", "currency", "item-price",
             "ship-service-level", "ship-city", "ship-state", "ship-postal-code", "ship-country",
             "is-business-order", required=False),
)  # fmt: skip
_REQUIRED_COUNT = sum(1 for c in COLUMNS if c.required)

LineValues = tuple[
    str, datetime, datetime, str, Channel, str, str, str, str, int,
    str, str, Decimal | None, str, str, str, str, str, str, bool,
]  # fmt: skip
"""One row's values in `OrderLine` field order (`OrderLine(*values)` is the record)."""

StoredValues = tuple[
    str, str, str, str, Channel, str, str, str, str, int,
    str, str, str | None, str, str, str, str, str, str, int,
]  # fmt: skip
"""`LineValues` with instants as stored ISO text, the price as text, the flag as 0/1."""

_SNIFF_KEYS = frozenset(
    {"purchase date", "last updated date", "order status", "fulfillment channel", "sales channel"}
)

_CHANNELS: dict[str, Channel] = {"amazon": "afn", "afn": "afn", "merchant": "mfn", "mfn": "mfn"}
_FLAGS = {"": False, "false": False, "true": True, "n": False, "y": True, "0": False, "1": True}
_NON_AMAZON = "non-amazon"
_CACHE_LIMIT = 4096  # distinct prices / quantities remembered per file
_BLOCK_BYTES = 1 << 20  # lines read at a time


def sniff(head: Head) -> bool:
    """The All Orders report in any of its header variants.

    Loose on purpose: `amazon-order-id` and most of the order columns are enough, so a
    file with one required column missing is refused by the parser, which names it.
    """
    return "amazon order id" in head.keys and len(head.keys & _SNIFF_KEYS) >= 3


def parse(path: Path) -> Iterator[OrderLine]:
    """Stream `OrderLine`s; refuse the whole file at the first bad row."""
    return starmap(OrderLine, rows(path))


def rows(path: Path) -> Iterator[LineValues]:
    """The validated values of every row, as plain tuples in `OrderLine` field order."""
    blocks: Iterator[list[LineValues]] = _scan(path, _Cells(path.name))
    return chain.from_iterable(blocks)


def stored_blocks(path: Path, encoding: str | None = None) -> Iterator[list[StoredValues]]:
    """`rows` in blocks of lines, with instants, prices and flags in their stored forms.

    Instants are ISO text in UTC to the second (`core.clock.iso`), prices the
    exact decimal text, flags 0/1: the conventions of storage/migrations/.
    The bulk import (storage/reports/orders/batches.py) reads these, so its
    reader process formats each distinct value once, in the slow path, instead
    of once per line; the same checks refuse the same rows. `encoding` is
    `detect_encoding`'s answer when the caller has it already.
    """
    blocks: Iterator[list[StoredValues]] = _scan(path, _Cells(path.name, stored=True), encoding)
    return blocks


def _scan(path: Path, slow: _Cells, encoding: str | None = None) -> Iterator[list[Any]]:
    """The loop behind `rows` and `stored_blocks`; `slow` converts values not seen before.

    The loop is inlined and every conversion goes through a dict of values
    already seen (the slow path in `_Cells` validates and fills it): a 1M-row
    file spends its time splitting lines and building records, not re-parsing
    the same "Shipped", "Amazon.com" or "9.49". Lines are read and handed on
    a block (~1 MB) at a time, which spares a generator switch per line.
    """
    encoding = encoding or detect_encoding(path)
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
        padding = [""] * (width + 1)
        statuses, channels, markets = slow.statuses, slow.channels, slow.markets
        quantities, prices, flags = slow.quantities, slow.prices, slow.flags
        strip = str.strip
        last_purchase = last_updated = "\x00"
        purchase_at: datetime | str = _EPOCH
        updated_at: datetime | str = _EPOCH
        line_no = 1
        while block := fh.readlines(_BLOCK_BYTES):
            found: list[Any] = []
            add = found.append
            for line in block:
                line_no += 1
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
                    cells += padding[n:]
                else:
                    cells[width] = ""  # cells beyond the header are ignored
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
                ) = map(strip, pick(cells))
                if not order_id:
                    raise slow.refuse(
                        line_no, "amazon-order-id", "the order id is empty but is needed"
                    )
                if purchase != last_purchase:
                    purchase_at = slow.timestamp(line_no, "purchase-date", purchase)
                    last_purchase = purchase
                if updated != last_updated:
                    updated_at = slow.timestamp(line_no, "last-updated-date", updated)
                    last_updated = updated
                status_ = statuses.get(status) or slow.status(line_no, status)
                channel_ = channels.get(channel) or slow.channel(line_no, channel)
                market = markets.get(sales_channel, _UNSEEN)
                if market is _UNSEEN:
                    market = slow.marketplace(line_no, sales_channel)
                quantity_ = quantities.get(quantity)
                if quantity_ is None:
                    quantity_ = slow.quantity(line_no, quantity)
                price_ = prices.get(price, _UNSEEN)
                if price_ is _UNSEEN:
                    price_ = slow.price(line_no, price)
                business_ = flags.get(business)
                if business_ is None:
                    business_ = slow.flag(line_no, business)
                if market is None:
                    continue  # a Non-Amazon (MCF) row: validated, not imported
                # OrderLine's field order; test_import_orders compares whole records.
                add(
                    (
                        order_id,
                        purchase_at,
                        updated_at,
                        status_,
                        channel_,
                        market,
                        sku,
                        asin,
                        product_name,
                        quantity_,
                        item_status,
                        currency,
                        price_,
                        merchant_order_id,
                        service_level,
                        city,
                        state,
                        postal,
                        country,
                        business_,
                    )
                )
            yield found


_UNSEEN: Any = object()
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class _Cells:
    """The slow path: validates a value not seen before and caches the result.

    `stored` returns instants, prices and flags in their stored forms (see
    `stored_blocks`); the checks, and so the refusals, are the same.
    """

    def __init__(self, file: str, *, stored: bool = False) -> None:
        self.file = file
        self.stored = stored
        self.statuses: dict[str, str] = {}
        self.channels: dict[str, Channel] = {}
        self.markets: dict[str, str | None] = {}
        self.quantities: dict[str, int] = {}
        self.prices: dict[str, Decimal | str | None] = {"": None}
        self.flags: dict[str, bool | int] = {
            text: int(flag) if stored else flag for text, flag in _FLAGS.items()
        }

    def refuse(self, line: int, column: str, reason: str) -> ImportRefused:
        return ImportRefused(self.file, reason, line, column)

    def timestamp(self, line: int, column: str, value: str) -> datetime | str:
        try:
            found: datetime | None = datetime.fromisoformat(value)  # parse_iso's rules, faster
        except ValueError:
            found = None
        if found is None or found.tzinfo is not UTC:
            found = self._instant(line, column, value)
        if not self.stored:
            return found
        if (
            len(value) == 25
            and value.endswith("+00:00")
            and value[10] == "T"
            and value[4] == value[7] == "-"
            and value[13] == value[16] == ":"
        ):
            return value  # already YYYY-MM-DDTHH:MM:SS+00:00, which is iso(found)
        return iso(found)

    def _instant(self, line: int, column: str, value: str) -> datetime:
        """Offsets other than UTC, `Z`, bare dates; or the refusal."""
        if not value:
            raise self.refuse(line, column, "the timestamp is empty but is needed")
        try:
            return parse_iso(value)
        except ValueError:
            raise self.refuse(line, column, f"'{value}' is not an ISO 8601 timestamp") from None

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
        self.channels[value] = found
        return found

    def marketplace(self, line: int, value: str) -> str | None:
        """The canonical sales-channel name; None for a Non-Amazon (MCF) row."""
        if not value:
            raise self.refuse(line, "sales-channel", "the sales channel is empty but is needed")
        found = None if value.lower().startswith(_NON_AMAZON) else marketplace_name(value)
        self.markets[value] = found
        return found

    def quantity(self, line: int, value: str) -> int:
        if not value:
            raise self.refuse(line, "quantity", "the number is empty but is needed")
        if not (value.isdigit() and value.isascii()):
            raise self.refuse(line, "quantity", f"'{value}' is not a whole number")
        found = int(value)
        if len(self.quantities) < _CACHE_LIMIT:
            self.quantities[value] = found
        return found

    def price(self, line: int, value: str) -> Decimal | str:
        try:
            amount = parse_amount(value)
        except ValueError:
            raise self.refuse(line, "item-price", f"'{value}' is not a number") from None
        found = str(amount) if self.stored else amount
        if len(self.prices) < _CACHE_LIMIT:
            self.prices[value] = found
        return found

    def flag(self, line: int, value: str) -> bool | int:
        flag = _FLAGS.get(value.lower())
        if flag is None:
            raise self.refuse(line, "is-business-order", f"'{value}' is not one of true/false")
        found = int(flag) if self.stored else flag
        self.flags[value] = found
        return found
