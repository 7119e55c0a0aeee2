"""Bulk reads for the Defects screen that the record readers do not offer.

One query per concern instead of one per defect: the 1-3 star feedback (comments
decrypted for the removal checker), order facts (no PII), every stored defect status, and when each
defect was imported. 4-5 star feedback, most of the table, is never read. Also each
listed order's products, which the list screens' search boxes look in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

import sqlite_utils

from core.clock import parse_iso
from core.model import Feedback, Order
from storage.cipher import PiiCipher
from storage.db import Store
from storage.rows import feedback_columns, feedback_from_row, order_columns, order_from_row

_BATCH = 500


def defect_feedback(store: Store) -> list[Feedback]:
    """1-3 star feedback, oldest first: what the Defects screen and the removal check show.

    Comments decrypted: the removal checker reads them.
    """
    rows = store.db.execute(
        f"SELECT {feedback_columns(pii=True)} FROM feedback WHERE rating <= 3"
        " ORDER BY feedback_date, order_id"
    ).fetchall()
    decrypt = store.cipher.decrypt_field
    return [feedback_from_row(r, decrypt) for r in rows]


def feedback_by_order(
    db: sqlite_utils.Database, order_ids: Iterable[str], cipher: PiiCipher
) -> list[Feedback]:
    """The feedback of the named orders, comments decrypted (the removal checker reads them)."""
    ids = sorted(set(order_ids))
    sql = (
        f"SELECT {feedback_columns(pii=True)} FROM feedback"
        " WHERE order_id IN (SELECT value FROM json_each(?))"
    )
    rows = db.execute(sql, [json.dumps(ids)]).fetchall()
    return [feedback_from_row(r, cipher.decrypt_field) for r in rows]


def orders_by_id(db: sqlite_utils.Database, order_ids: Iterable[str]) -> dict[str, Order]:
    """The Order (purchase date, status, channel, marketplace) of each known id."""
    ids = sorted(set(order_ids))
    found: dict[str, Order] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT {order_columns()} FROM orders WHERE order_id IN ({marks})"
        for row in db.execute(sql, chunk).fetchall():
            found[row[0]] = order_from_row(row)
    return found


def order_skus(db: sqlite_utils.Database, order_ids: Iterable[str]) -> dict[str, str]:
    """Each order's SKUs and ASINs, space-separated: a search for a product finds its orders."""
    ids = sorted(set(order_ids))
    if not ids:
        return {}
    rows = db.execute(
        "SELECT order_id, group_concat(sku || ' ' || asin, ' ') FROM order_items"
        " WHERE order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id",
        [json.dumps(ids)],
    ).fetchall()
    return {order_id: str(skus or "") for order_id, skus in rows}


def defect_statuses(db: sqlite_utils.Database) -> dict[tuple[str, str], str]:
    """(defect_kind, defect_ref) -> status, for every defect the seller has touched."""
    rows = db.execute("SELECT defect_kind, defect_ref, status FROM defect_status").fetchall()
    return {(kind, ref): status for kind, ref, status in rows}


def first_seen(db: sqlite_utils.Database) -> dict[tuple[str, str], datetime]:
    """When each imported defect record's current row was written (import finish time).

    Keys use the defect_status conventions: ("feedback", order_id),
    ("claim" | "chargeback", claim_id), ("return", "order_id|rma_id").
    """
    seen: dict[tuple[str, str], datetime] = {}
    queries = (
        "SELECT 'feedback', f.order_id, i.finished_at FROM feedback f "
        "JOIN imports i ON i.id = f.import_id WHERE f.rating <= 3",
        "SELECT CASE c.kind WHEN 'chargeback' THEN 'chargeback' ELSE 'claim' END, "
        "c.claim_id, i.finished_at FROM claims c JOIN imports i ON i.id = c.import_id",
        "SELECT 'return', r.order_id || '|' || r.rma_id, r.first_seen_at FROM returns_fbm r",
    )
    for sql in queries:
        for kind, ref, at in db.execute(sql).fetchall():
            if at:
                seen[(kind, ref)] = parse_iso(at)
    return seen
