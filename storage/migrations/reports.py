"""The step for the real-world report variants (issue 13): FBM order reports, split
shipments, and the import line's report name and notes.

- `imports.report` (Amazon's name of the detected report, e.g. "All Orders (XML)"),
  `imports.notes` (the import line's notes, one sentence a line), `imports.orders`
  and `imports.lines` (an orders file's orders and lines; NULL for other kinds).
- `orders`: what the FBM order reports add. `is_prime` (NULL: not known),
  `promise_date` (Unshipped Orders), `delivery_start_date` / `delivery_end_date`
  (Order report), all instants in UTC; `buyer_enc` (PII: buyer name, e-mail and
  phone, recipient, address lines and ship phone, encrypted as one value).
- `order_items` is keyed by (order_id, sku, line): `line` numbers the lines of one
  SKU in an order (a split shipment lists it twice, and both count). The ASIN is
  no longer part of the key (a SKU has one ASIN in a marketplace, and the FBM
  reports give none). `order_item_id` is Amazon's item id where a report gives it.
"""

from __future__ import annotations

import sqlite3

_ADD = (
    "ALTER TABLE imports ADD COLUMN report TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE imports ADD COLUMN notes TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE imports ADD COLUMN orders INTEGER",
    "ALTER TABLE imports ADD COLUMN lines INTEGER",
    "ALTER TABLE orders ADD COLUMN is_prime INTEGER",
    "ALTER TABLE orders ADD COLUMN promise_date TEXT",
    "ALTER TABLE orders ADD COLUMN delivery_start_date TEXT",
    "ALTER TABLE orders ADD COLUMN delivery_end_date TEXT",
    "ALTER TABLE orders ADD COLUMN buyer_enc BLOB",
)

_ITEMS = """
CREATE TABLE order_items_new (
    order_id TEXT NOT NULL REFERENCES orders(order_id),
    sku TEXT NOT NULL,
    line INTEGER NOT NULL DEFAULT 1,
    asin TEXT NOT NULL DEFAULT '',
    product_name TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL DEFAULT 1,
    item_status TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT '',
    item_price TEXT,
    order_item_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (order_id, sku, line)
);
INSERT INTO order_items_new (order_id, sku, line, asin, product_name, quantity, item_status,
    currency, item_price)
SELECT order_id, sku, row_number() OVER (PARTITION BY order_id, sku ORDER BY asin), asin,
    product_name, quantity, item_status, currency, item_price
FROM order_items;
DROP TABLE order_items;
ALTER TABLE order_items_new RENAME TO order_items;
"""


def report_variants(conn: sqlite3.Connection) -> None:
    """Columns for the FBM order reports and the import line; items keyed by line."""
    for statement in _ADD:
        conn.execute(statement)
    for statement in _ITEMS.split(";"):
        if statement.strip():
            conn.execute(statement)
