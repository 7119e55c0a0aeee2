"""Whole tables as `core.model` records, PII decrypted, for the GUI and assistants.

Rows become records in storage/rows.py. Functions that return PII take the
`Store` (they need its cipher); the others take this thread's `Database`. A
lost key shows placeholders, never an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlite_utils

from core.clock import iso
from core.model import Claim, FbaReturn, Feedback, Message, ReturnRequest
from storage.cipher import PLACEHOLDER, PiiCipher
from storage.db import Store
from storage.reports.orders.address import unpack_address
from storage.rows import (
    MESSAGE_TEXTS,
    MessageText,
    claim_columns,
    claim_from_row,
    fba_return_columns,
    fba_return_from_row,
    feedback_columns,
    feedback_from_row,
    message_columns,
    message_from_row,
    return_columns,
    return_from_row,
)

COUNTED_TABLES = (
    "orders",
    "order_items",
    "feedback",
    "claims",
    "returns_fbm",
    "returns_fba",
    "messages",
    "performance_snapshots",
    "imports",
)


def _rows(
    db: sqlite_utils.Database, sql: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    cur = db.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def list_messages(store: Store, *, since: datetime | None = None) -> list[Message]:
    """Messages oldest first; `since` keeps those at or after it."""
    sql = f"SELECT {message_columns(texts=MESSAGE_TEXTS)} FROM messages"
    params: list[Any] = []
    if since is not None:
        sql += " WHERE timestamp >= ?"
        params.append(iso(since))
    rows = store.db.execute(sql + " ORDER BY timestamp, message_id", params).fetchall()
    dec = store.cipher.decrypt_field
    return [message_from_row(r, dec) for r in rows]


def inbox_messages(
    store: Store,
    message_ids: Iterable[str],
    unneeded_since: datetime,
    since: datetime,
    until: datetime,
) -> list[Message]:
    """The threads the inbox lists, oldest first, within [since, until]: those of the named
    messages and of inbound unanswered messages marked no-response-needed since `unneeded_since`.

    Bounded by the threads (index messages_thread), never by how much history is stored.
    """
    sql = (
        f"SELECT {message_columns(texts=MESSAGE_TEXTS)} FROM messages WHERE thread_id IN ("
        " SELECT thread_id FROM messages WHERE message_id IN (SELECT value FROM json_each(?))"
        " UNION SELECT thread_id FROM messages WHERE timestamp >= ? AND timestamp <= ?"
        " AND direction = 'in' AND no_response_needed = 1 AND responded_at IS NULL)"
        " AND timestamp >= ? AND timestamp <= ? ORDER BY timestamp, message_id"
    )
    params = [json.dumps(sorted(set(message_ids))), iso(unneeded_since), iso(until)]
    dec = store.cipher.decrypt_field
    rows = store.db.execute(sql, [*params, iso(since), iso(until)]).fetchall()
    return [message_from_row(r, dec) for r in rows]


def _among(column: str, values: Iterable[str] | None) -> tuple[str, list[Any]]:
    """A WHERE clause keeping rows whose `column` is one of `values` (None: every row)."""
    if values is None:
        return "", []
    return f" WHERE {column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(values)))]


def messages_by_id(
    db: sqlite_utils.Database, message_ids: Iterable[str], cipher: PiiCipher | None = None
) -> list[Message]:
    """The named messages in one query, for triage: subject and body decrypted only with a cipher.

    Without a cipher the texts stay "" (the seller's contact-type override still counts);
    the sender is never read, triage does not need it.
    """
    ids = sorted(set(message_ids))
    if not ids:
        return []
    texts: tuple[MessageText, ...] = ("subject", "body") if cipher is not None else ()
    sql = (
        f"SELECT {message_columns(texts=texts)} FROM messages"
        " WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY timestamp, message_id"
    )
    dec = cipher.decrypt_field if cipher is not None else None
    return [message_from_row(r, dec) for r in db.execute(sql, [json.dumps(ids)]).fetchall()]


def list_feedback(store: Store, order_ids: Iterable[str] | None = None) -> list[Feedback]:
    """Every feedback, or that of the named orders."""
    where, params = _among("order_id", order_ids)
    sql = (
        f"SELECT {feedback_columns(pii=True)} FROM feedback{where} ORDER BY feedback_date, order_id"
    )
    dec = store.cipher.decrypt_field
    return [feedback_from_row(r, dec) for r in store.db.execute(sql, params).fetchall()]


def list_claims(
    db: sqlite_utils.Database,
    claim_ids: Iterable[str] | None = None,
    cipher: PiiCipher | None = None,
) -> list[Claim]:
    """Every claim, or the named ones; the seller's notes only with a cipher."""
    where, params = _among("claim_id", claim_ids)
    pii = cipher is not None
    sql = f"SELECT {claim_columns(pii=pii)} FROM claims{where} ORDER BY filed_at, claim_id"
    dec = cipher.decrypt_field if cipher is not None else None
    return [claim_from_row(r, dec) for r in db.execute(sql, params).fetchall()]


def list_returns_fbm(
    db: sqlite_utils.Database, order_ids: Iterable[str] | None = None
) -> list[ReturnRequest]:
    """Every FBM return request, or those of the named orders."""
    where, params = _among("order_id", order_ids)
    sql = (
        f"SELECT {return_columns()} FROM returns_fbm{where} ORDER BY request_date, order_id, rma_id"
    )
    return [return_from_row(r) for r in db.execute(sql, params).fetchall()]


def list_returns_fba(store: Store) -> list[FbaReturn]:
    sql = f"SELECT {fba_return_columns(pii=True)} FROM returns_fba ORDER BY return_date, id"
    dec = store.cipher.decrypt_field
    return [fba_return_from_row(r, dec) for r in store.db.execute(sql).fetchall()]


def get_order(store: Store, order_id: str) -> dict[str, Any] | None:
    """The order row with `items` and a decrypted `ship_city/state/postal_code`."""
    found = _rows(store.db, "SELECT * FROM orders WHERE order_id = ?", [order_id])
    if not found:
        return None
    order = found[0]
    order.pop("buyer_enc", None)  # the FBM reports' buyer fields: no reader needs them
    blob = order.pop("ship_address_enc")
    city = state = postal = ""
    if blob:
        text = store.cipher.decrypt_field(blob, "orders", "ship_address_enc", order_id)
        if text == PLACEHOLDER:
            city = state = postal = PLACEHOLDER
        else:
            city, state, postal = unpack_address(text)
    order.update(ship_city=city, ship_state=state, ship_postal_code=postal)
    order["items"] = _rows(
        store.db, "SELECT * FROM order_items WHERE order_id = ? ORDER BY sku, line", [order_id]
    )
    return order


def latest_performance(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The newest snapshot per marketplace, each with its `metrics` list."""
    snapshots = _rows(
        db,
        "SELECT * FROM performance_snapshots s WHERE id = ("
        " SELECT id FROM performance_snapshots t WHERE t.marketplace_id = s.marketplace_id"
        " ORDER BY imported_at DESC, id DESC LIMIT 1) ORDER BY marketplace_id",
    )
    for snap in snapshots:
        metrics = _rows(
            db,
            "SELECT name, channel, rate, target, target_condition, status, date_from, date_to, "
            "counts_json FROM performance_metrics WHERE snapshot_id = ? ORDER BY name, channel",
            [snap["id"]],
        )
        for m in metrics:
            m["counts"] = json.loads(m.pop("counts_json"))
        snap["metrics"] = metrics
    return snapshots


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per data table (table names are constants, never user input)."""
    return {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}
