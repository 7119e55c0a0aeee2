"""Step 7: room for the privacy rules of issue 15 (the columns; the keyed rewrite is later).

Free text that can name a buyer gets an encrypted column beside its old plaintext one
(feedback comments and response, claim notes, defect notes and evidence paths); a purged
feedback comment keeps the removal checker's verdict (`kept_verdict`, codes only); and
the seller can pin a dispute so its PII outlives the 90-day cap on open disputes. Moving
the plaintext into the new columns needs the key: storage/migrations/keyed.py does it.
"""

from __future__ import annotations

import sqlite3

_COLUMNS = """
ALTER TABLE feedback ADD COLUMN comments_enc BLOB;
ALTER TABLE feedback ADD COLUMN response_enc BLOB;
ALTER TABLE feedback ADD COLUMN kept_verdict TEXT;
ALTER TABLE claims ADD COLUMN notes_enc BLOB;
ALTER TABLE notes ADD COLUMN text_enc BLOB;
ALTER TABLE notes ADD COLUMN evidence_path_enc BLOB;

CREATE TABLE dispute_pins (
    defect_kind TEXT NOT NULL,         -- claim / chargeback / feedback / return
    defect_ref TEXT NOT NULL,          -- claim id, order id, or order_id|rma_id
    order_id TEXT NOT NULL,
    pinned_at TEXT NOT NULL,
    PRIMARY KEY (defect_kind, defect_ref)
);
"""


def privacy_columns(conn: sqlite3.Connection) -> None:
    conn.executescript(_COLUMNS)
