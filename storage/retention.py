"""Buyer-PII retention: erase encrypted PII 30 days after delivery, except evidence.

Amazon's Data Protection Policy allows keeping buyer PII no longer than 30
days after delivery unless needed for a legal reason such as an open dispute
(storage/holds.py says which, and for how long). Only the `_enc` columns are
cleared; rows stay, so no metric changes. A feedback comment leaves its removal
checker verdict behind (codes only), so the Defects screen still says whether it was
worth a removal request.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from core.clock import iso, parse_iso
from core.defects import removal_verdict
from core.feedback_check import verdict_code
from storage.cipher import PiiCipher
from storage.db import transaction
from storage.holds import evidence_holds
from storage.repository.id_lists import rows_for_ids
from storage.rows import channel, feedback_columns, feedback_from_row


def purge_pii(
    db: sqlite_utils.Database,
    now: datetime,
    *,
    cipher: PiiCipher | None = None,
    days_after_delivery: int = 30,
    assumed_delivery_days: int = 14,
) -> int:
    """Clear PII of orders delivered more than `days_after_delivery` days ago.

    Delivery is `delivered_at`, else the FBM report's `delivery_end_date`, else purchase
    date + `assumed_delivery_days`.
    Orders held by a dispute keep their PII until the hold ends. Records whose
    order is unknown use their own date. With `cipher`, a purged feedback comment
    keeps its removal verdict. Returns the number of records whose PII was cleared.
    """
    cutoff = now - timedelta(days=days_after_delivery)
    assumed = timedelta(days=assumed_delivery_days)
    holds = evidence_holds(db, after_days=days_after_delivery)

    def expired(order_id: str, delivered: datetime) -> bool:
        return delivered <= cutoff and holds.get(order_id, delivered) <= now

    with transaction(db):
        pending = [
            oid
            for (oid,) in db.execute(
                "SELECT order_id FROM orders WHERE ship_address_enc IS NOT NULL"
                " OR buyer_enc IS NOT NULL OR pii_purged_at IS NULL"
            ).fetchall()
        ]
        # Purged orders' other records, and records whose order was never imported.
        children = [
            (table, id_col, columns, _with_pii(db, table, id_col, columns, date_col, order_sql))
            for table, id_col, columns, date_col, order_sql in _CHILDREN
        ]
        # Only the orders asked about: reading all of them parsed a million dates a day.
        asked = pending + [oid for *_, rows in children for _, oid, _, known in rows if known]
        due = {
            oid
            for oid, purchased, delivered in rows_for_ids(
                db,
                "SELECT order_id, purchase_date, COALESCE(delivered_at, delivery_end_date)"
                " FROM orders WHERE order_id IN (SELECT value FROM json_each(?))",
                asked,
            )
            if expired(oid, parse_iso(delivered) if delivered else parse_iso(purchased) + assumed)
        }
        cleared = _clear(
            db,
            "orders",
            "order_id",
            ("ship_address_enc", "buyer_enc"),  # buyer_enc: the FBM order reports' buyer
            [oid for oid in pending if oid in due],
            extra=("pii_purged_at = COALESCE(pii_purged_at, ?)", iso(now)),
        )
        for table, id_col, columns, rows in children:
            ids = [
                rid
                for rid, oid, when, known in rows
                if (oid in due if known else expired(oid, parse_iso(when)))
            ]
            if table == "feedback" and cipher is not None:
                _keep_verdicts(db, cipher, ids)
            cleared += _clear(db, table, id_col, columns, ids)
    return cleared


def _with_pii(
    db: sqlite_utils.Database,
    table: str,
    id_col: str,
    columns: tuple[str, ...],
    date_col: str,
    order_sql: str,
) -> list[Any]:
    """(id, order id, own date, whether the order is known) of the rows still holding PII."""
    return list(
        db.execute(
            f"SELECT t.{id_col}, {order_sql}, t.{date_col}, o.order_id IS NOT NULL "
            f"FROM {table} t LEFT JOIN orders o ON o.order_id = {order_sql} "
            f"WHERE {' OR '.join(f't.{c} IS NOT NULL' for c in columns)}"
        ).fetchall()
    )


_NOTE_ORDER = (
    "(CASE WHEN t.defect_kind IN ('claim', 'chargeback') THEN (SELECT c.order_id FROM claims c"
    " WHERE c.claim_id = t.defect_ref) WHEN t.defect_kind = 'return'"
    " THEN substr(t.defect_ref, 1, instr(t.defect_ref, '|') - 1) ELSE t.defect_ref END)"
)
_CHILDREN = (
    ("feedback", "order_id", ("rater_email_enc", "comments_enc", "response_enc"),
     "feedback_date", "t.order_id"),
    ("messages", "message_id", ("sender_enc", "subject_enc", "body_enc"), "timestamp",
     "t.order_id"),
    ("returns_fba", "id", ("customer_comments_enc",), "return_date", "t.order_id"),
    ("claims", "claim_id", ("notes_enc",), "filed_at", "t.order_id"),
    ("notes", "id", ("text_enc", "evidence_path_enc"), "created_at", _NOTE_ORDER),
    ("fba_shipments", "id", ("buyer_enc", "address_enc"), "shipment_date", "t.order_id"),
)  # fmt: skip
"""(table, id, PII columns, the record's own date, its order id as SQL over `t`)."""


def _keep_verdicts(db: sqlite_utils.Database, cipher: PiiCipher, order_ids: Sequence[str]) -> None:
    """Before a comment goes: the removal checker's verdict on it, as reason codes only."""
    for start in range(0, len(order_ids), 500):
        chunk = list(order_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(
            f"SELECT {feedback_columns('f', pii=True)}, o.channel FROM feedback f "
            f"LEFT JOIN orders o ON o.order_id = f.order_id "
            f"WHERE f.order_id IN ({marks}) AND f.comments_enc IS NOT NULL",
            chunk,
        ).fetchall()
        kept = []
        for r in rows:
            fb = feedback_from_row(r, cipher.decrypt_field)
            verdict = removal_verdict(fb, channel(r[-1]) if r[-1] else None)
            kept.append((verdict_code(verdict), fb.order_id))
        db.conn.executemany("UPDATE feedback SET kept_verdict = ? WHERE order_id = ?", kept)


def _clear(
    db: sqlite_utils.Database,
    table: str,
    id_col: str,
    columns: tuple[str, ...],
    ids: Sequence[object],
    extra: tuple[str, str] | None = None,
) -> int:
    """Set the PII columns of these rows to NULL, in chunks of bound parameters."""
    sets = ", ".join([f"{c} = NULL" for c in columns] + ([extra[0]] if extra else []))
    head = [extra[1]] if extra else []
    count = 0
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        sql = f"UPDATE {table} SET {sets} WHERE {id_col} IN ({marks})"
        count += db.execute(sql, head + chunk).rowcount
    return count
