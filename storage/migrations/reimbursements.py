"""Step 7: the FBA reports of the reimbursement finder, and the seller's marks on its cases.

Only the rows the finder reads are kept: settlement and Date Range refunds, ledger
adjustments and customer returns (not the shipments and receipts that make up most
of a ledger). Rows without an id of their own are keyed by `row_key`
(storage/reports/row_key.py). The shipments' buyer data is PII: encrypted, purged
30 days after delivery by storage/retention.py.
"""

from __future__ import annotations

import sqlite3

_TABLES = """
CREATE TABLE IF NOT EXISTS fba_shipments (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL,
    shipment_id TEXT NOT NULL,
    shipment_item_id TEXT NOT NULL,
    order_item_id TEXT NOT NULL DEFAULT '',
    merchant_order_id TEXT NOT NULL DEFAULT '',
    purchase_date TEXT,
    shipment_date TEXT NOT NULL,
    estimated_arrival_date TEXT,            -- instant (UTC): the FBA delivery date
    sku TEXT NOT NULL DEFAULT '',
    product_name TEXT NOT NULL DEFAULT '',
    quantity_shipped INTEGER NOT NULL DEFAULT 1,
    currency TEXT NOT NULL DEFAULT '',
    item_price TEXT,
    ship_service_level TEXT NOT NULL DEFAULT '',
    ship_country TEXT NOT NULL DEFAULT '',
    carrier TEXT NOT NULL DEFAULT '',
    fulfillment_center_id TEXT NOT NULL DEFAULT '',
    fulfillment_channel TEXT NOT NULL DEFAULT '',
    sales_channel TEXT NOT NULL DEFAULT '',
    buyer_enc BLOB,                         -- buyer name, e-mail, phone
    address_enc BLOB,                       -- recipient, addresses, phones, tracking number
    import_id INTEGER REFERENCES imports(id),
    UNIQUE (order_id, shipment_id, shipment_item_id)
);
CREATE INDEX IF NOT EXISTS fba_shipments_arrival ON fba_shipments(estimated_arrival_date);

CREATE TABLE IF NOT EXISTS fba_reimbursements (
    id INTEGER PRIMARY KEY,
    row_key TEXT NOT NULL UNIQUE,
    reimbursement_id TEXT NOT NULL,
    order_id TEXT NOT NULL DEFAULT '',
    sku TEXT NOT NULL DEFAULT '',
    fnsku TEXT NOT NULL DEFAULT '',
    original_reimbursement_id TEXT NOT NULL DEFAULT '',
    approval_date TEXT NOT NULL,
    case_id TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT '',
    amount_per_unit TEXT,
    amount_total TEXT,
    quantity_cash INTEGER NOT NULL DEFAULT 0,
    quantity_inventory INTEGER NOT NULL DEFAULT 0,
    quantity_total INTEGER NOT NULL DEFAULT 0,
    original_reimbursement_type TEXT NOT NULL DEFAULT '',
    import_id INTEGER REFERENCES imports(id)
);

CREATE TABLE IF NOT EXISTS inventory_events (
    id INTEGER PRIMARY KEY,
    row_key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL CHECK (source IN ('adjustments', 'ledger')),
    event_date TEXT NOT NULL,               -- the UTC calendar date
    fnsku TEXT NOT NULL DEFAULT '',
    sku TEXT NOT NULL DEFAULT '',
    event_type TEXT NOT NULL DEFAULT '',
    reference_id TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL,
    fulfillment_center TEXT NOT NULL DEFAULT '',
    disposition TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    at TEXT,                                -- the instant, when the report gives one
    import_id INTEGER REFERENCES imports(id)
);

CREATE TABLE IF NOT EXISTS removal_orders (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL,
    sku TEXT NOT NULL DEFAULT '',
    fnsku TEXT NOT NULL DEFAULT '',
    disposition TEXT NOT NULL DEFAULT '',
    request_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT '',
    order_type TEXT NOT NULL DEFAULT '',
    requested_quantity INTEGER NOT NULL DEFAULT 0,
    cancelled_quantity INTEGER NOT NULL DEFAULT 0,
    disposed_quantity INTEGER NOT NULL DEFAULT 0,
    shipped_quantity INTEGER NOT NULL DEFAULT 0,
    in_process_quantity INTEGER NOT NULL DEFAULT 0,
    currency TEXT NOT NULL DEFAULT '',
    import_id INTEGER REFERENCES imports(id),
    UNIQUE (order_id, sku, fnsku, disposition)
);

CREATE TABLE IF NOT EXISTS settlement_refunds (
    id INTEGER PRIMARY KEY,
    row_key TEXT NOT NULL UNIQUE,
    order_id TEXT NOT NULL,
    sku TEXT NOT NULL DEFAULT '',
    adjustment_id TEXT NOT NULL DEFAULT '',
    order_item_code TEXT NOT NULL DEFAULT '',
    merchant_adjustment_item_id TEXT NOT NULL DEFAULT '',
    settlement_id TEXT NOT NULL DEFAULT '',
    posted_date TEXT NOT NULL,              -- the calendar date as written
    amount_type TEXT NOT NULL DEFAULT '',
    amount_description TEXT NOT NULL DEFAULT '',
    quantity INTEGER,                       -- quantity-purchased; NULL when blank
    channel TEXT,                           -- afn / mfn from fulfillment-id
    amount TEXT,
    currency TEXT NOT NULL DEFAULT '',
    import_id INTEGER REFERENCES imports(id)
);

CREATE TABLE IF NOT EXISTS date_range_refunds (
    id INTEGER PRIMARY KEY,
    row_key TEXT NOT NULL UNIQUE,
    order_id TEXT NOT NULL,
    sku TEXT NOT NULL DEFAULT '',
    posted_at TEXT NOT NULL,
    settlement_id TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL DEFAULT 1,
    channel TEXT,
    marketplace TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    total TEXT,
    import_id INTEGER REFERENCES imports(id)
);

CREATE TABLE IF NOT EXISTS reimbursement_marks (
    id INTEGER PRIMARY KEY,
    case_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('filed', 'reimbursed', 'denied', 'open')),
    case_id TEXT NOT NULL DEFAULT '',       -- Seller Central's case id
    marked_at TEXT NOT NULL,
    note_enc BLOB                           -- the seller's words: may name a buyer
);
CREATE INDEX IF NOT EXISTS reimbursement_marks_key ON reimbursement_marks(case_key, marked_at);
"""


def reimbursement_tables(conn: sqlite3.Connection) -> None:
    conn.executescript(_TABLES)
