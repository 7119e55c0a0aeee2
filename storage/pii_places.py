"""Every encrypted column and how its row key is spelled: one list for writers, readers,
the purge and the re-encrypting migration.

A blob is bound to (table, column, row key) (storage/cipher.py); the row key is the
record's natural key as text, several parts joined by U+001F, so a writer (which knows the
key before the row exists) and a reader (which reads the key columns) agree.
"""

from __future__ import annotations

from dataclasses import dataclass

SEP = "\x1f"


def row_key(*parts: object) -> str:
    """The row key of a record from its key values, as stored (text)."""
    return SEP.join("" if p is None else str(p) for p in parts)


@dataclass(frozen=True, slots=True)
class Encrypted:
    """One `_enc` column and the SQL expression that gives its rows' keys."""

    table: str
    column: str
    key_sql: str


_FBA_KEY = (
    "order_id || char(31) || sku || char(31) || return_date || char(31) || license_plate_number"
)

_SHIPMENT_KEY = "order_id || char(31) || shipment_id || char(31) || shipment_item_id"

ENCRYPTED: tuple[Encrypted, ...] = (
    Encrypted("orders", "ship_address_enc", "order_id"),
    Encrypted("orders", "buyer_enc", "order_id"),
    Encrypted("feedback", "rater_email_enc", "order_id"),
    Encrypted("feedback", "comments_enc", "order_id"),
    Encrypted("feedback", "response_enc", "order_id"),
    Encrypted("messages", "subject_enc", "message_id"),
    Encrypted("messages", "body_enc", "message_id"),
    Encrypted("messages", "sender_enc", "message_id"),
    Encrypted("returns_fba", "customer_comments_enc", _FBA_KEY),
    Encrypted("claims", "notes_enc", "claim_id"),
    Encrypted("notes", "text_enc", "CAST(id AS TEXT)"),
    Encrypted("notes", "evidence_path_enc", "CAST(id AS TEXT)"),
    Encrypted("fba_shipments", "buyer_enc", _SHIPMENT_KEY),
    Encrypted("fba_shipments", "address_enc", _SHIPMENT_KEY),
    Encrypted("reimbursement_marks", "note_enc", "CAST(id AS TEXT)"),
)
"""A new PII column is one entry here: the migration and the scanner test read this list."""
