"""Buyer-PII retention: erase encrypted PII 30 days after delivery, except evidence.

Amazon's Data Protection Policy allows keeping buyer PII no longer than 30
days after delivery unless needed for a legal reason such as an open dispute.
Only the `_enc` columns are cleared; rows stay, so no metric changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlite_utils

from core.clock import iso, parse_iso
from storage.db import transaction

OPEN_CLAIM_STATUSES = ("open", "info_requested")
OPEN_DEFECT_STATUSES = ("open", "appealed", "removal_requested")
FINAL_RETURN_STATUSES = ("Approved", "Authorized", "Closed", "Rejected")
APPEAL_DAYS = 30
FEEDBACK_REMOVAL_DAYS = 90
FAR_FUTURE = datetime.max.replace(tzinfo=UTC)
"""The hold of an order whose dispute is still open."""


def purge_pii(
    db: sqlite_utils.Database,
    now: datetime,
    *,
    days_after_delivery: int = 30,
    assumed_delivery_days: int = 14,
) -> int:
    """Clear PII of orders delivered more than `days_after_delivery` days ago.

    Delivery is `delivered_at`, else the FBM report's `delivery_end_date`, else purchase
    date + `assumed_delivery_days`.
    Orders with an open dispute keep their PII until `days_after_delivery`
    days after it closed. Records whose order is unknown use their own date.
    Returns the number of records whose PII was cleared.
    """
    cutoff = now - timedelta(days=days_after_delivery)
    assumed = timedelta(days=assumed_delivery_days)
    holds = evidence_holds(db, now)

    def expired(order_id: str, delivered: datetime) -> bool:
        return delivered <= cutoff and holds.get(order_id, delivered) <= cutoff

    due: set[str] = {
        oid
        for oid, purchased, delivered in db.execute(
            "SELECT order_id, purchase_date, COALESCE(delivered_at, delivery_end_date) FROM orders"
        ).fetchall()
        if expired(oid, parse_iso(delivered) if delivered else parse_iso(purchased) + assumed)
    }
    with transaction(db):
        rows = db.execute(
            "SELECT order_id FROM orders WHERE ship_address_enc IS NOT NULL"
            " OR buyer_enc IS NOT NULL OR pii_purged_at IS NULL"
        ).fetchall()
        cleared = _clear(
            db,
            "orders",
            "order_id",
            ("ship_address_enc", "buyer_enc"),  # buyer_enc: the FBM order reports' buyer
            [oid for (oid,) in rows if oid in due],
            extra=("pii_purged_at = COALESCE(pii_purged_at, ?)", iso(now)),
        )
        # Purged orders' other records, and records whose order was never imported.
        for table, id_col, columns, date_col in _CHILDREN:
            rows = db.execute(
                f"SELECT t.{id_col}, t.order_id, t.{date_col}, o.order_id IS NOT NULL "
                f"FROM {table} t LEFT JOIN orders o ON o.order_id = t.order_id "
                f"WHERE {' OR '.join(f't.{c} IS NOT NULL' for c in columns)}"
            ).fetchall()
            ids = [
                rid
                for rid, oid, when, known in rows
                if (oid in due if known else expired(oid, parse_iso(when)))
            ]
            cleared += _clear(db, table, id_col, columns, ids)
    return cleared


_CHILDREN = (
    ("feedback", "order_id", ("rater_email_enc",), "feedback_date"),
    ("messages", "message_id", ("sender_enc", "subject_enc", "body_enc"), "timestamp"),
    ("returns_fba", "id", ("customer_comments_enc",), "return_date"),
)


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


def evidence_holds(db: sqlite_utils.Database, now: datetime) -> dict[str, datetime]:
    """Order id -> when its last dispute closed (far future while one is still open).

    Open: an A-to-z claim open / info requested, or granted while its 30-day
    appeal window runs or a logged appeal is undecided; an open chargeback;
    negative feedback, not removed, inside its 90-day removal window; an
    undecided FBM return; a defect the seller marked open / appealed /
    removal requested.
    """
    holds: dict[str, datetime] = {}

    def hold(order_id: str, until: datetime) -> None:
        if order_id not in holds or until > holds[order_id]:
            holds[order_id] = until

    marks: dict[tuple[str, str], tuple[str, datetime]] = {
        (kind, ref): (status, parse_iso(updated))
        for kind, ref, status, updated in db.execute(
            "SELECT defect_kind, defect_ref, status, updated_at FROM defect_status"
        ).fetchall()
    }

    def marked_open(kind: str, ref: str) -> bool:
        return marks.get((kind, ref), ("", now))[0] in OPEN_DEFECT_STATUSES

    for claim_id, order_id, kind, status, filed, decided, appeal in db.execute(
        "SELECT claim_id, order_id, kind, status, filed_at, decided_at, appeal_logged_at "
        "FROM claims"
    ).fetchall():
        mark_kind = "claim" if kind == "a-to-z" else "chargeback"
        closed = parse_iso(decided or filed)
        is_open = status in OPEN_CLAIM_STATUSES or marked_open(mark_kind, claim_id)
        if status == "granted" and kind == "a-to-z":
            closed += timedelta(days=APPEAL_DAYS)
            mark = marks.get((mark_kind, claim_id))
            if appeal is not None:
                final = mark is not None and mark[0] not in OPEN_DEFECT_STATUSES
                is_open = is_open or not final
                if final and mark is not None:
                    closed = max(closed, mark[1])
        hold(order_id, FAR_FUTURE if is_open else closed)
    for order_id, fb_date, rating, removed, struck in db.execute(
        "SELECT order_id, feedback_date, rating, removed, struck_through FROM feedback"
    ).fetchall():
        if rating > 2 or removed or struck:
            continue
        window_end = parse_iso(fb_date) + timedelta(days=FEEDBACK_REMOVAL_DAYS)
        hold(order_id, FAR_FUTURE if marked_open("feedback", order_id) else window_end)
    for order_id, rma, status, decided, seen in db.execute(
        "SELECT order_id, rma_id, status, decided_at, first_seen_at FROM returns_fbm"
    ).fetchall():
        undecided = status not in FINAL_RETURN_STATUSES or marked_open(
            "return", f"{order_id}|{rma}"
        )
        hold(order_id, FAR_FUTURE if undecided else parse_iso(decided or seen))
    return holds
