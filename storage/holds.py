"""Why an order's buyer PII is still held: one `Hold` per dispute or window.

Amazon's Data Protection Policy allows keeping buyer PII past 30 days after delivery only
when it is needed, e.g. for an open dispute. A dispute can be left "open" for ever (a
claim nobody closed), so an open dispute holds its order's PII at most
OPEN_DISPUTE_DAYS past its last activity (a status, a decision, an appeal, a note),
unless the seller pins it. The purge (storage/retention.py) and the Settings screen's
"what is held and why" read the same list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import sqlite_utils

from core.clock import iso, parse_iso
from storage.db import transaction

OPEN_CLAIM_STATUSES = ("open", "info_requested")
OPEN_DEFECT_STATUSES = ("open", "appealed", "removal_requested")
FINAL_RETURN_STATUSES = ("Approved", "Authorized", "Closed", "Rejected")
APPEAL_DAYS = 30
FEEDBACK_REMOVAL_DAYS = 90
OPEN_DISPUTE_DAYS = 90
FAR_FUTURE = datetime.max.replace(tzinfo=UTC)
"""The end of a pinned dispute's hold."""

HoldReason = Literal["pinned", "open_dispute", "closed_dispute", "removal_window"]
HOLD_REASONS: tuple[HoldReason, ...] = (
    "pinned",
    "open_dispute",
    "closed_dispute",
    "removal_window",
)


@dataclass(frozen=True, slots=True)
class Hold:
    """A dispute or window of `order_id`: PII stays until `until` (FAR_FUTURE when pinned)."""

    order_id: str
    kind: str  # claim / chargeback / feedback / return
    ref: str  # claim id, order id, or order_id|rma_id
    reason: HoldReason
    until: datetime
    last_activity: datetime


def dispute_holds(db: sqlite_utils.Database, *, after_days: int = 30) -> list[Hold]:
    """Every hold: open disputes (capped, or pinned), closed ones for `after_days` more.

    Open: an A-to-z claim open / info requested, or granted while its 30-day appeal
    window runs or a logged appeal is undecided; an open chargeback; negative feedback,
    not removed, inside its 90-day removal window, or marked open by the seller; an
    undecided FBM return; a defect the seller marked open / appealed / removal requested.
    """
    return list(_holds(db, timedelta(days=after_days)))


def evidence_holds(db: sqlite_utils.Database, *, after_days: int = 30) -> dict[str, datetime]:
    """Order id -> when its last hold ends."""
    out: dict[str, datetime] = {}
    for h in dispute_holds(db, after_days=after_days):
        if h.order_id not in out or h.until > out[h.order_id]:
            out[h.order_id] = h.until
    return out


def _holds(db: sqlite_utils.Database, after: timedelta) -> Iterator[Hold]:
    marks: dict[tuple[str, str], tuple[str, datetime]] = {
        (kind, ref): (status, parse_iso(updated))
        for kind, ref, status, updated in db.execute(
            "SELECT defect_kind, defect_ref, status, updated_at FROM defect_status"
        ).fetchall()
    }
    noted = {
        (kind, ref): parse_iso(last)
        for kind, ref, last in db.execute(
            "SELECT defect_kind, defect_ref, max(created_at) FROM notes GROUP BY 1, 2"
        ).fetchall()
    }
    pins = {(k, r) for k, r in db.execute("SELECT defect_kind, defect_ref FROM dispute_pins")}

    def marked_open(kind: str, ref: str) -> bool:
        return kind_mark(kind, ref) in OPEN_DEFECT_STATUSES

    def kind_mark(kind: str, ref: str) -> str:
        return marks.get((kind, ref), ("", FAR_FUTURE))[0]

    def activity(kind: str, ref: str, *stamps: datetime | None) -> datetime:
        found = [s for s in stamps if s is not None]
        if (kind, ref) in marks:
            found.append(marks[(kind, ref)][1])
        if (kind, ref) in noted:
            found.append(noted[(kind, ref)])
        return max(found)

    def held(order_id: str, kind: str, ref: str, last: datetime, closed: datetime | None) -> Hold:
        """Open (closed None): pinned, or 90 days past the last activity; else closed + after."""
        if closed is not None:
            return Hold(order_id, kind, ref, "closed_dispute", closed + after, last)
        if (kind, ref) in pins:
            return Hold(order_id, kind, ref, "pinned", FAR_FUTURE, last)
        cap = last + timedelta(days=OPEN_DISPUTE_DAYS)
        return Hold(order_id, kind, ref, "open_dispute", cap, last)

    for claim_id, order_id, kind, status, filed, info, decided, appeal in db.execute(
        "SELECT claim_id, order_id, kind, status, filed_at, info_requested_at, decided_at, "
        "appeal_logged_at FROM claims"
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
        stamps = [parse_iso(s) for s in (filed, info, decided, appeal) if s]
        last = activity(mark_kind, claim_id, *stamps)
        yield held(order_id, mark_kind, claim_id, last, None if is_open else closed)
    for order_id, fb_date, rating, removed, struck in db.execute(
        "SELECT order_id, feedback_date, rating, removed, struck_through FROM feedback"
    ).fetchall():
        if rating > 2 or removed or struck:
            continue
        given = parse_iso(fb_date)
        last = activity("feedback", order_id, given)
        if marked_open("feedback", order_id):
            yield held(order_id, "feedback", order_id, last, None)
        else:
            window_end = given + timedelta(days=FEEDBACK_REMOVAL_DAYS)
            yield Hold(order_id, "feedback", order_id, "removal_window", window_end + after, last)
    for order_id, rma, status, requested, decided, seen in db.execute(
        "SELECT order_id, rma_id, status, request_date, decided_at, first_seen_at FROM returns_fbm"
    ).fetchall():
        ref = f"{order_id}|{rma}"
        undecided = status not in FINAL_RETURN_STATUSES or marked_open("return", ref)
        stamps = [parse_iso(s) for s in (requested, decided, seen) if s]
        last = activity("return", ref, *stamps)
        yield held(order_id, "return", ref, last, None if undecided else parse_iso(decided or seen))


def pin_dispute(
    db: sqlite_utils.Database, kind: str, ref: str, order_id: str, at: datetime
) -> None:
    """Keep this dispute's order PII past the 90-day cap until unpinned."""
    with transaction(db):
        db.execute(
            "INSERT INTO dispute_pins(defect_kind, defect_ref, order_id, pinned_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(defect_kind, defect_ref) DO NOTHING",
            [kind, ref, order_id, iso(at)],
        )


def unpin_dispute(db: sqlite_utils.Database, kind: str, ref: str) -> None:
    with transaction(db):
        db.execute("DELETE FROM dispute_pins WHERE defect_kind = ? AND defect_ref = ?", [kind, ref])


@dataclass(frozen=True, slots=True)
class HeldSummary:
    """What buyer PII is held now, and why: the Settings screen's privacy panel."""

    orders_by_reason: dict[str, int]  # "recent" or a HoldReason -> orders still holding PII
    disputes: list[Hold]  # open or pinned disputes whose hold has not ended


def held_summary(
    db: sqlite_utils.Database,
    now: datetime,
    *,
    after_days: int = 30,
    assumed_delivery_days: int = 14,
) -> HeldSummary:
    """Orders whose PII is not purged yet, by the reason that keeps it longest."""
    holds = dispute_holds(db, after_days=after_days)
    longest: dict[str, Hold] = {}
    for h in holds:
        if h.until > now and (h.order_id not in longest or h.until > longest[h.order_id].until):
            longest[h.order_id] = h
    counts: dict[str, int] = {}
    for oid, purchased, delivered in db.execute(
        "SELECT order_id, purchase_date, delivered_at FROM orders WHERE pii_purged_at IS NULL"
    ).fetchall():
        when = (
            parse_iso(delivered)
            if delivered
            else parse_iso(purchased) + timedelta(days=assumed_delivery_days)
        )
        if when + timedelta(days=after_days) > now:
            reason = "recent"
        elif oid in longest:
            reason = longest[oid].reason
        else:
            reason = "due"
        counts[reason] = counts.get(reason, 0) + 1
    disputes = [h for h in holds if h.reason in ("open_dispute", "pinned") and h.until > now]
    disputes.sort(key=lambda h: (h.until, h.kind, h.ref))
    return HeldSummary(counts, disputes)
