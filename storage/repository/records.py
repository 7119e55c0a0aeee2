"""Stored rows back as `core.model` records, PII decrypted, for the GUI and assistants.

Functions that return PII take the `Store` (they need its cipher); the others
take this thread's `Database`. A lost key shows placeholders, never an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlite_utils

from core.clock import iso, parse_iso
from core.model import Claim, FbaReturn, Feedback, Message, ReturnRequest
from storage.db import Store
from storage.reports.orders.address import unpack_address
from storage.secrets import PLACEHOLDER, PiiCipher

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


def _ts(text: str | None) -> datetime | None:
    return None if text is None else parse_iso(text)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def list_messages(store: Store, *, since: datetime | None = None) -> list[Message]:
    """Messages oldest first; `since` keeps those at or after it."""
    sql = "SELECT * FROM messages"
    params: list[Any] = []
    if since is not None:
        sql += " WHERE timestamp >= ?"
        params.append(iso(since))
    dec = store.cipher.decrypt
    return [
        Message(
            message_id=r["message_id"],
            thread_id=r["thread_id"],
            direction=r["direction"],
            timestamp=parse_iso(r["timestamp"]),
            order_id=r["order_id"],
            subject=dec(r["subject_enc"]),
            body=dec(r["body_enc"]),
            sender=dec(r["sender_enc"]),
            no_response_needed=bool(r["no_response_needed"]),
            automated=bool(r["automated"]),
            marketplace=r["marketplace"],
            responded_at=_ts(r["responded_at"]),
            contact_type=r["contact_type"],
        )
        for r in _rows(store.db, sql + " ORDER BY timestamp, message_id", params)
    ]


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
    cols = "message_id, thread_id, direction, timestamp, order_id, marketplace, contact_type"
    if cipher is not None:
        cols += ", subject_enc, body_enc"
    sql = (
        f"SELECT {cols} FROM messages WHERE message_id IN (SELECT value FROM json_each(?))"
        " ORDER BY timestamp, message_id"
    )
    dec = cipher.decrypt if cipher is not None else None
    return [
        Message(
            message_id=r["message_id"],
            thread_id=r["thread_id"],
            direction="in" if r["direction"] == "in" else "out",
            timestamp=parse_iso(r["timestamp"]),
            order_id=r["order_id"],
            subject=dec(r["subject_enc"]) if dec else "",
            body=dec(r["body_enc"]) if dec else "",
            marketplace=r["marketplace"],
            contact_type=r["contact_type"],
        )
        for r in _rows(db, sql, [json.dumps(ids)])
    ]


def list_feedback(store: Store) -> list[Feedback]:
    dec = store.cipher.decrypt
    return [
        Feedback(
            order_id=r["order_id"],
            feedback_date=date.fromisoformat(r["feedback_date"]),
            rating=r["rating"],
            comments=r["comments"],
            response=r["response"],
            rater_email=dec(r["rater_email_enc"]),
            marketplace=r["marketplace"],
            struck_through=bool(r["struck_through"]),
            from_full_report=bool(r["from_full_report"]),
            removed=bool(r["removed"]),
            removal_requested=r["removal_requested_at"] is not None,
        )
        for r in _rows(store.db, "SELECT * FROM feedback ORDER BY feedback_date, order_id")
    ]


def list_claims(db: sqlite_utils.Database) -> list[Claim]:
    return [
        Claim(
            claim_id=r["claim_id"],
            order_id=r["order_id"],
            kind=r["kind"],
            filed_at=parse_iso(r["filed_at"]),
            reason=r["reason"],
            status=r["status"],
            amount=_dec(r["amount"]),
            currency=r["currency"],
            info_requested_at=_ts(r["info_requested_at"]),
            decided_at=_ts(r["decided_at"]),
            buy_shipping_protected=bool(r["buy_shipping_protected"]),
            notes=r["notes"],
            appeal_logged=r["appeal_logged_at"] is not None,
        )
        for r in _rows(db, "SELECT * FROM claims ORDER BY filed_at, claim_id")
    ]


def list_returns_fbm(db: sqlite_utils.Database) -> list[ReturnRequest]:
    return [
        ReturnRequest(
            order_id=r["order_id"],
            rma_id=r["rma_id"],
            request_date=date.fromisoformat(r["request_date"]),
            status=r["status"],
            order_date=_day(r["order_date"]),
            in_policy=None if r["in_policy"] is None else bool(r["in_policy"]),
            a_to_z_claim=bool(r["a_to_z_claim"]),
            is_prime=bool(r["is_prime"]),
            asin=r["asin"],
            sku=r["sku"],
            item_name=r["item_name"],
            quantity=r["quantity"],
            reason=r["reason"],
            return_type=r["return_type"],
            resolution=r["resolution"],
            currency=r["currency"],
            order_amount=_dec(r["order_amount"]),
            refunded_amount=_dec(r["refunded_amount"]),
            category=r["category"],
            decided_at=_ts(r["decided_at"]),
            first_seen_decided=bool(r["first_seen_decided"]),
            negative_feedback=bool(r["negative_feedback"]),
        )
        for r in _rows(db, "SELECT * FROM returns_fbm ORDER BY request_date, order_id, rma_id")
    ]


def list_returns_fba(store: Store) -> list[FbaReturn]:
    dec = store.cipher.decrypt
    return [
        FbaReturn(
            return_date=parse_iso(r["return_date"]),
            order_id=r["order_id"],
            sku=r["sku"],
            asin=r["asin"],
            fnsku=r["fnsku"],
            product_name=r["product_name"],
            quantity=r["quantity"],
            fulfillment_center_id=r["fulfillment_center_id"],
            detailed_disposition=r["detailed_disposition"],
            reason=r["reason"],
            status=r["status"],
            license_plate_number=r["license_plate_number"],
            customer_comments=dec(r["customer_comments_enc"]),
        )
        for r in _rows(store.db, "SELECT * FROM returns_fba ORDER BY return_date, id")
    ]


def get_order(store: Store, order_id: str) -> dict[str, Any] | None:
    """The order row with `items` and a decrypted `ship_city/state/postal_code`."""
    found = _rows(store.db, "SELECT * FROM orders WHERE order_id = ?", [order_id])
    if not found:
        return None
    order = found[0]
    blob = order.pop("ship_address_enc")
    city = state = postal = ""
    if blob:
        text = store.cipher.decrypt(blob)
        if text == PLACEHOLDER:
            city = state = postal = PLACEHOLDER
        else:
            city, state, postal = unpack_address(text)
    order.update(ship_city=city, ship_state=state, ship_postal_code=postal)
    order["items"] = _rows(
        store.db, "SELECT * FROM order_items WHERE order_id = ? ORDER BY sku, asin", [order_id]
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
