"""All Orders rows as the bulk import consumes them: order cells per run, item cells per line.

What the bulk import's reader process (feed.py) sends to the writer
(bulk_write.py), a batch of about BATCH_LINES lines at a time:

- a *run* is consecutive lines of one order with one `last_updated`. Only its
  first line can change the order (a newer `last_updated` wins), so the order
  cells travel once per run. The address is still plaintext: the writer
  encrypts it with the store's key, and only for orders it writes.
- an *item* is one line's item cells, keyed in its order by (sku, line): the
  parser numbers the lines of one SKU in a run 1, 2... (a split shipment).
  Lines are numbered 1, 2, 3... across the file (`seq`: the rowid they get in
  the writer's staging table), and a run names its first and last line.

A batch is cut at a run's end, so a run never spans two batches, except a
run longer than two batches: that one is cut, and its order takes the exact
(line by line) path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from storage.reports.orders.address import pack_address
from storage.reports.orders.parse import StoredValues

# A run: [first_seq, last_seq, address, *ORDER_COLUMNS values].
Run = list[Any]
RUN_FIRST, RUN_LAST, RUN_ADDRESS, RUN_ORDER = 0, 1, 2, 3
ORDER_COLUMNS = (
    "order_id",
    "merchant_order_id",
    "purchase_date",
    "last_updated",
    "status",
    "channel",
    "marketplace",
    "ship_service_level",
    "is_business_order",
    "ship_country",
)
RUN_ORDER_ID = RUN_ORDER
RUN_LAST_UPDATED = RUN_ORDER + ORDER_COLUMNS.index("last_updated")

# Items: ITEM_COLUMNS of each line, one line after the other in one flat list:
# marshal builds no tuples, and one multi-row INSERT binds 100 lines with one slice.
Items = list[Any]
ITEM_COLUMNS = (
    "order_id",
    "last_updated",
    "sku",
    "line",
    "asin",
    "product_name",
    "quantity",
    "item_status",
    "currency",
    "item_price",
)
ITEM_WIDTH = len(ITEM_COLUMNS)

BATCH_LINES = 5000
Batch = tuple[list[Run], Items]

_TEXT_CACHE = 20_000  # distinct texts remembered (see `batches`)


def batches(blocks: Iterable[list[StoredValues]], size: int) -> Iterator[Batch]:
    """Group parsed lines into runs and items, about `size` lines a batch.

    The hot loop of the bulk import's reader, after the parser's own.
    """
    runs: list[Run] = []
    items: Items = []
    lines = 0  # in this batch
    run: Run = []
    run_order = run_updated = ""
    # One object per distinct text: marshal then sends a back-reference
    # instead of the text again, and the parent decodes it once.
    known: dict[str, str] = {}
    hard_limit = 2 * size
    first_seq = 1
    for block in blocks:
        for seq, (
            order_id,
            purchase,
            updated,
            status,
            channel,
            market,
            sku,
            asin,
            name,
            quantity,
            item_status,
            currency,
            price,
            merchant_order_id,
            service_level,
            city,
            state,
            postal,
            country,
            business,
            line,
        ) in enumerate(block, first_seq):
            if order_id != run_order or updated != run_updated or lines >= hard_limit:
                if lines >= size:
                    yield runs, items
                    runs, items = [], []
                    lines = 0
                    if len(known) > _TEXT_CACHE:
                        known.clear()
                run_order = order_id
                run_updated = updated
                run = [
                    seq,
                    seq,
                    pack_address(city, state, postal) if city or state or postal else None,
                    order_id,
                    merchant_order_id,
                    purchase,
                    updated,
                    status,
                    channel,
                    market,
                    known.setdefault(service_level, service_level),
                    business,
                    known.setdefault(country, country),
                ]
                runs.append(run)
            else:
                run[RUN_LAST] = seq
            items += (
                order_id,
                updated,
                known.setdefault(sku, sku),
                line,
                known.setdefault(asin, asin),
                known.setdefault(name, name),
                quantity,
                known.setdefault(item_status, item_status),
                known.setdefault(currency, currency),
                price,
            )
            lines += 1
        first_seq += len(block)
    if lines:
        yield runs, items
