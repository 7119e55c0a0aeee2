"""Step 1: the initial schema, every table the first release had."""

from __future__ import annotations

import sqlite3

_V1 = """
CREATE TABLE marketplaces (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    marketplace_id TEXT NOT NULL UNIQUE,
    domain TEXT NOT NULL
);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL,              -- ok / refused / cancelled
    error TEXT
);
CREATE INDEX imports_kind_time ON imports(kind, finished_at);
CREATE INDEX imports_sha ON imports(sha256);

CREATE TABLE orders (
    order_id TEXT PRIMARY KEY,
    merchant_order_id TEXT NOT NULL DEFAULT '',
    purchase_date TEXT NOT NULL,
    last_updated TEXT NOT NULL,
    status TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('afn', 'mfn')),
    marketplace TEXT NOT NULL,
    ship_service_level TEXT NOT NULL DEFAULT '',
    is_business_order INTEGER NOT NULL DEFAULT 0,
    ship_country TEXT NOT NULL DEFAULT '',
    ship_address_enc BLOB,             -- city, state, postal code
    delivered_at TEXT,
    pii_purged_at TEXT,
    import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX orders_purchase ON orders(purchase_date, channel, status);
CREATE INDEX orders_marketplace_purchase ON orders(marketplace, purchase_date);

CREATE TABLE order_items (
    order_id TEXT NOT NULL REFERENCES orders(order_id),
    sku TEXT NOT NULL,
    asin TEXT NOT NULL,
    product_name TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL DEFAULT 1,
    item_status TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT '',
    item_price TEXT,
    PRIMARY KEY (order_id, sku, asin)
);

CREATE TABLE feedback (
    order_id TEXT PRIMARY KEY,
    feedback_date TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comments TEXT NOT NULL DEFAULT '',
    response TEXT NOT NULL DEFAULT '',
    rater_email_enc BLOB,
    marketplace TEXT NOT NULL DEFAULT '',
    struck_through INTEGER NOT NULL DEFAULT 0,
    from_full_report INTEGER NOT NULL DEFAULT 1,
    removed INTEGER NOT NULL DEFAULT 0,
    removal_requested_at TEXT,
    import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX feedback_date ON feedback(feedback_date, rating);

CREATE TABLE claims (
    claim_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('a-to-z', 'chargeback')),
    filed_at TEXT NOT NULL,
    amount TEXT,
    currency TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    info_requested_at TEXT,
    decided_at TEXT,
    buy_shipping_protected INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    appeal_logged_at TEXT,
    source TEXT NOT NULL DEFAULT 'import',   -- import / manual
    import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX claims_order ON claims(order_id);
CREATE INDEX claims_filed ON claims(filed_at);

CREATE TABLE returns_fbm (
    order_id TEXT NOT NULL,
    rma_id TEXT NOT NULL,
    order_date TEXT,
    request_date TEXT NOT NULL,
    status TEXT NOT NULL,
    in_policy INTEGER,
    a_to_z_claim INTEGER NOT NULL DEFAULT 0,
    is_prime INTEGER NOT NULL DEFAULT 0,
    asin TEXT NOT NULL DEFAULT '',
    sku TEXT NOT NULL DEFAULT '',
    item_name TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL DEFAULT 1,
    reason TEXT NOT NULL DEFAULT '',
    return_type TEXT NOT NULL DEFAULT '',
    resolution TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT '',
    order_amount TEXT,
    refunded_amount TEXT,
    category TEXT NOT NULL DEFAULT '',
    first_seen_at TEXT NOT NULL,
    first_seen_decided INTEGER NOT NULL DEFAULT 0,
    decided_at TEXT,                  -- from import history or the app
    decided_source TEXT,              -- import / app
    negative_feedback INTEGER NOT NULL DEFAULT 0,
    import_id INTEGER REFERENCES imports(id),
    PRIMARY KEY (order_id, rma_id)
);
CREATE INDEX returns_fbm_request ON returns_fbm(request_date);

CREATE TABLE return_status_history (
    order_id TEXT NOT NULL,
    rma_id TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    status TEXT NOT NULL,
    import_id INTEGER REFERENCES imports(id),
    PRIMARY KEY (order_id, rma_id, seen_at, status)
);

CREATE TABLE returns_fba (
    id INTEGER PRIMARY KEY,
    return_date TEXT NOT NULL,
    order_id TEXT NOT NULL,
    sku TEXT NOT NULL,
    asin TEXT NOT NULL DEFAULT '',
    fnsku TEXT NOT NULL DEFAULT '',
    product_name TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL DEFAULT 1,
    fulfillment_center_id TEXT NOT NULL DEFAULT '',
    detailed_disposition TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    license_plate_number TEXT NOT NULL DEFAULT '',
    customer_comments_enc BLOB,
    import_id INTEGER REFERENCES imports(id),
    UNIQUE (order_id, sku, return_date, license_plate_number)
);
CREATE INDEX returns_fba_date ON returns_fba(return_date);

CREATE TABLE messages (
    message_id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL,          -- relay aliases are stored as a salted hash
    order_id TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    timestamp TEXT NOT NULL,
    subject_enc BLOB,
    body_enc BLOB,
    sender_enc BLOB,
    no_response_needed INTEGER NOT NULL DEFAULT 0,
    automated INTEGER NOT NULL DEFAULT 0,
    marketplace TEXT NOT NULL DEFAULT '',
    responded_at TEXT,                -- app: "mark responded"
    contact_type TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'import',
    import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX messages_time ON messages(timestamp, direction);
CREATE INDEX messages_thread ON messages(thread_id, timestamp);

CREATE TABLE performance_snapshots (
    id INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    marketplace_id TEXT NOT NULL,
    account_status TEXT NOT NULL DEFAULT '',
    ahr_status TEXT NOT NULL DEFAULT '',
    ahr_score INTEGER,
    raw_json TEXT NOT NULL,
    import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX performance_snapshots_time ON performance_snapshots(marketplace_id, imported_at);

CREATE TABLE performance_metrics (
    snapshot_id INTEGER NOT NULL REFERENCES performance_snapshots(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    rate REAL,
    target REAL,
    target_condition TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    date_from TEXT,
    date_to TEXT,
    counts_json TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (snapshot_id, name, channel)
);

CREATE TABLE ahr_manual (
    id INTEGER PRIMARY KEY,
    entered_at TEXT NOT NULL,
    marketplace_id TEXT NOT NULL DEFAULT '',
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 1000)
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                -- JSON
);

CREATE TABLE defect_status (
    defect_kind TEXT NOT NULL,         -- feedback / claim / chargeback / return
    defect_ref TEXT NOT NULL,          -- order id, claim id, or order_id|rma_id
    status TEXT NOT NULL,              -- open, appealed, removal_requested, removed, won, lost, accepted
    updated_at TEXT NOT NULL,
    PRIMARY KEY (defect_kind, defect_ref)
);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    defect_kind TEXT NOT NULL,
    defect_ref TEXT NOT NULL,
    created_at TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    evidence_path TEXT NOT NULL DEFAULT '',
    status_change TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notes_defect ON notes(defect_kind, defect_ref, created_at);

CREATE TABLE metric_snapshots (
    id INTEGER PRIMARY KEY,
    computed_at TEXT NOT NULL,
    as_of TEXT NOT NULL,
    marketplace TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    value REAL,
    numerator INTEGER NOT NULL,
    denominator INTEGER NOT NULL,
    status TEXT NOT NULL,
    fingerprint TEXT NOT NULL          -- de-duplicates recomputes that changed nothing
);
CREATE INDEX metric_snapshots_series ON metric_snapshots(metric, channel, marketplace, as_of);

CREATE TABLE warnings (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL,               -- the alert's state fingerprint when last shown
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    first_shown_at TEXT,
    last_shown_at TEXT,
    snoozed_until TEXT,
    resolved_at TEXT
);
CREATE TABLE escalation_matrix (
    contact_type TEXT PRIMARY KEY,     -- delivery_issue, product_defect, ...
    owner TEXT NOT NULL DEFAULT '',
    target_hours REAL NOT NULL CHECK (target_hours > 0 AND target_hours <= 24),
    resolution TEXT NOT NULL DEFAULT '',
    dollar_limit TEXT,
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE triage_rules (
    id INTEGER PRIMARY KEY,
    contact_type TEXT NOT NULL,
    pattern TEXT NOT NULL,             -- keyword or stem, matched on word boundaries
    language TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    origin TEXT NOT NULL DEFAULT 'default'   -- default / seller / correction
);

CREATE TABLE watched_files (
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    sha256 TEXT,
    seen_at TEXT NOT NULL,
    import_id INTEGER REFERENCES imports(id),
    outcome TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (path, size, mtime)
);

CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    reviewed_at TEXT NOT NULL
);
"""


def initial_schema(conn: sqlite3.Connection) -> None:
    from core.marketplaces import MARKETPLACES

    conn.executescript(_V1)
    conn.executemany(
        "INSERT INTO marketplaces(code, name, marketplace_id, domain) VALUES (?, ?, ?, ?)",
        [(m.code, m.name, m.marketplace_id, m.domain) for m in MARKETPLACES],
    )
