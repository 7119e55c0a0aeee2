"""The "All Orders" flat file (tab-delimited, one row per order item).

Files reach a million rows, so this module has its own fast path instead of
`reading.read_table`: one `str.split` per line, cells picked by cached positions
with one `itemgetter`, and small caches for the values that repeat (statuses,
channels, marketplaces, the timestamps of consecutive lines of one order); a
value not seen before is checked by cells.py, which also says which unknown
values refuse the file and why.

Rows whose sales-channel is `Non-Amazon` (Multi-Channel Fulfilment orders
from other shops) are validated like any row but not yielded: they are not
Amazon marketplace orders and no account-health metric counts them. They are
counted for the import line, as are rows with a status we do not know, and the
file's orders and lines (storage/imports/notes.py).

A split shipment lists one SKU twice in an order: each line is its own item,
numbered `line` 1, 2... among the lines of its SKU in one run of the order
(consecutive lines with one last-updated time), so re-importing the same file
gives the same numbers and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from itertools import chain, starmap
from operator import itemgetter
from pathlib import Path
from typing import Any

from core.model import Channel, OrderLine, ReportKind
from storage.imports.errors import ImportRefused
from storage.imports.notes import Tally, tally
from storage.imports.reading import Column, Head, columns, detect_encoding, map_header
from storage.imports.shapes import ORDER_ID
from storage.reports.orders.cells import UNSEEN, Cells

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
    str, str, Decimal | None, str, str, str, str, str, str, bool, int,
]  # fmt: skip
"""One row's values in `OrderLine` field order (`OrderLine(*values)` is the record)."""

StoredValues = tuple[
    str, str, str, str, Channel, str, str, str, str, int,
    str, str, str | None, str, str, str, str, str, str, int, int,
]  # fmt: skip
"""`LineValues` with instants as stored ISO text, the price as text, the flag as 0/1."""

_SNIFF_KEYS = frozenset(
    {"purchase date", "last updated date", "order status", "fulfillment channel", "sales channel"}
)
_ONLY_HERE = frozenset({"last updated date", "order status"})
"""All Orders has these and the other order reports (Shipments, FBM orders) do not."""

_BLOCK_BYTES = 1 << 20  # lines read at a time


def sniff(head: Head) -> bool:
    """The All Orders report in any of its header variants, by the set of its columns.

    Loose on purpose: `amazon-order-id`, one of the columns only this report has and
    most of the order columns are enough, so a file with one required column missing
    is refused by the parser, which names it.
    """
    keys = head.keys
    return "amazon order id" in keys and bool(keys & _ONLY_HERE) and len(keys & _SNIFF_KEYS) >= 3


def parse(path: Path) -> Iterator[OrderLine]:
    """Stream `OrderLine`s; refuse the whole file at the first bad row."""
    return starmap(OrderLine, rows(path))


def rows(path: Path) -> Iterator[LineValues]:
    """The validated values of every row, as plain tuples in `OrderLine` field order."""
    blocks: Iterator[list[LineValues]] = _scan(path, Cells(path.name), tally())
    return chain.from_iterable(blocks)


def stored_blocks(
    path: Path, encoding: str | None = None, noted: Tally | None = None
) -> Iterator[list[StoredValues]]:
    """`rows` in blocks of lines, with instants, prices and flags in their stored forms.

    Instants are ISO text in UTC to the second (`core.clock.iso`), prices the
    exact decimal text, flags 0/1: the conventions of storage/migrations/.
    The bulk import (storage/reports/orders/batches.py) reads these, so its
    reader process formats each distinct value once, in the slow path, instead
    of once per line; the same checks refuse the same rows. `encoding` is
    `detect_encoding`'s answer when the caller has it already; the notes go to
    `noted` (the reader process sends its own), else to the import's tally.
    """
    cells = Cells(path.name, stored=True)
    blocks: Iterator[list[StoredValues]] = _scan(path, cells, noted or tally(), encoding)
    return blocks


def _scan(
    path: Path, slow: Cells, noted: Tally, encoding: str | None = None
) -> Iterator[list[Any]]:
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
        statuses, unknown, channels, markets = (
            slow.statuses,
            slow.unknown,
            slow.channels,
            slow.markets,
        )
        quantities, prices, flags, asins = slow.quantities, slow.prices, slow.flags, slow.asins
        strip = str.strip
        last_purchase = last_updated = "\x00"
        purchase_at: datetime | str = _EPOCH
        updated_at: datetime | str = _EPOCH
        run_order = run_text = "\x00"
        run_skus: list[str] = []  # the SKUs of the run's lines so far
        order_shape = ORDER_ID.pattern.fullmatch
        run_updated: datetime | str = ""
        updated_key: datetime | str = ""
        orders = lines = skipped = 0
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
                    if line[-1] not in "\r\n":
                        raise slow.cut_off(line_no)
                    missing = next(c.name for c, p in zip(COLUMNS, picks, strict=True) if p >= n)
                    raise ImportRefused(
                        name, f"the row has {n} cells but the header has {width}", line_no, missing
                    )
                if n <= width:
                    if n < width and line[-1] not in "\r\n":
                        raise slow.cut_off(line_no)
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
                if purchase != last_purchase:
                    purchase_at = slow.timestamp(line_no, "purchase-date", purchase)
                    last_purchase = purchase
                if updated != last_updated:
                    updated_at = slow.timestamp(line_no, "last-updated-date", updated)
                    last_updated = updated
                    # the instant to the second, as stored: what the order rule compares
                    updated_key = updated_at
                    if not isinstance(updated_at, str) and updated_at.microsecond:
                        updated_key = updated_at.replace(microsecond=0)
                status_ = statuses.get(status)
                if status_ is None:
                    if status in unknown:
                        unknown[status] += 1
                        status_ = status
                    else:
                        status_ = slow.status(line_no, status)
                channel_ = channels.get(channel) or slow.channel(line_no, channel)
                market = markets.get(sales_channel, UNSEEN)
                if market is UNSEEN:
                    market = slow.marketplace(line_no, sales_channel)
                quantity_ = quantities.get(quantity)
                if quantity_ is None:
                    quantity_ = slow.quantity(line_no, quantity)
                price_ = prices.get(price, UNSEEN)
                if price_ is UNSEEN:
                    price_ = slow.price(line_no, price)
                business_ = flags.get(business)
                if business_ is None:
                    business_ = slow.flag(line_no, business)
                if asin not in asins:
                    slow.asin(line_no, asin)
                # A run: one order's consecutive lines with one last-updated instant.
                if order_id != run_order or (updated != run_text and updated_key != run_updated):
                    if order_id != run_order:
                        if market is not None:
                            orders += 1
                            if order_shape(order_id) is None:
                                slow.order_id(line_no, order_id, amazon=True)
                        elif not order_id:
                            slow.order_id(line_no, order_id, amazon=False)
                    run_order, run_updated, run_text = order_id, updated_key, updated
                    run_skus = [sku]
                    item_line = 1
                else:  # the SKU's line number in the run: 2 for a SKU listed again
                    item_line = run_skus.count(sku) + 1 if sku in run_skus else 1
                    run_skus.append(sku)
                if market is None:
                    skipped += 1
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
                        item_line,
                    )
                )
            lines += len(found)
            yield found
        noted.orders = (noted.orders or 0) + orders
        noted.lines = (noted.lines or 0) + lines
        noted.skipped_non_amazon += skipped
        for status, count in unknown.items():
            noted.unknown_status += count
            noted.note_status(status, count)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
