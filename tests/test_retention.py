"""storage.retention.purge_pii: PII goes 30 days after delivery, evidence stays, rows stay."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.serialize import alerts_to_json, board_to_json, metrics_to_json
from services.health import health_at as compute_health
from storage.imports.apply import apply_import
from storage.retention import purge_pii

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
PII = b"\x01encrypted"


def add_order(db: Any, oid: str, purchased: str, delivered: str | None = None) -> None:
    db.execute(
        "INSERT INTO orders(order_id, purchase_date, last_updated, status, channel, marketplace, "
        "ship_address_enc, delivered_at) VALUES (?, ?, ?, 'Shipped', 'mfn', 'Amazon.com', ?, ?)",
        [oid, f"{purchased}T10:00:00+00:00", f"{purchased}T10:00:00+00:00", PII, delivered],
    )
    db.execute(
        "INSERT INTO messages(message_id, thread_id, order_id, direction, timestamp, sender_enc, "
        "subject_enc, body_enc) VALUES (?, ?, ?, 'in', ?, ?, ?, ?)",
        [f"m-{oid}", oid, oid, f"{purchased}T12:00:00+00:00", PII, PII, PII],
    )
    db.execute(
        "INSERT INTO returns_fba(return_date, order_id, sku, customer_comments_enc) "
        "VALUES (?, ?, 'SKU', ?)",
        [f"{purchased}T12:00:00+00:00", oid, PII],
    )


def add_feedback(db: Any, oid: str, day: str, rating: int, removed: int = 0) -> None:
    db.execute(
        "INSERT INTO feedback(order_id, feedback_date, rating, rater_email_enc, removed) "
        "VALUES (?, ?, ?, ?, ?)",
        [oid, day, rating, PII, removed],
    )


def add_claim(
    db: Any,
    oid: str,
    status: str,
    decided: str | None = None,
    kind: str = "a-to-z",
    appeal: str | None = None,
    filed: str = "2026-08-10",
) -> None:
    db.execute(
        "INSERT INTO claims(claim_id, order_id, kind, filed_at, reason, status, decided_at, "
        "appeal_logged_at, notes_enc) VALUES (?, ?, ?, ?, 'defective', ?, ?, ?, ?)",
        [
            f"c-{oid}",
            oid,
            kind,
            f"{filed}T00:00:00+00:00",
            status,
            decided and f"{decided}T00:00:00+00:00",
            appeal,
            PII,
        ],
    )


def pin(db: Any, oid: str, kind: str = "claim") -> None:
    db.execute(
        "INSERT INTO dispute_pins(defect_kind, defect_ref, order_id, pinned_at) "
        "VALUES (?, ?, ?, '2026-08-11T00:00:00+00:00')",
        [kind, f"c-{oid}" if kind in ("claim", "chargeback") else oid, oid],
    )


def note(db: Any, kind: str, ref: str, day: str) -> None:
    db.execute(
        "INSERT INTO notes(defect_kind, defect_ref, created_at, text_enc) VALUES (?, ?, ?, ?)",
        [kind, ref, f"{day}T09:00:00+00:00", PII],
    )


def add_return(
    db: Any, oid: str, status: str, decided: str | None = None, requested: str = "2026-08-10"
) -> None:
    db.execute(
        "INSERT INTO returns_fbm(order_id, rma_id, request_date, status, first_seen_at, decided_at) "
        "VALUES (?, 'R1', ?, ?, ?, ?)",
        [
            oid,
            requested,
            status,
            f"{requested}T00:00:00+00:00",
            decided and f"{decided}T00:00:00+00:00",
        ],
    )


# name -> (setup, PII kept?)
CASES: dict[str, tuple[Any, bool]] = {
    "old, assumed delivery": (lambda db, o: add_order(db, o, "2026-09-01"), False),
    # bought 11-01, assumed delivered 11-15: 30 days not over
    "recent": (lambda db, o: add_order(db, o, "2026-11-01"), True),
    # assumed delivery 10-06 + 30 = 11-05: over
    "assumed just over": (lambda db, o: add_order(db, o, "2026-09-22"), False),
    "delivered recently": (
        lambda db, o: add_order(db, o, "2026-08-01", "2026-11-01T00:00:00+00:00"),
        True,
    ),
    "delivered long ago": (
        lambda db, o: add_order(db, o, "2026-08-01", "2026-10-01T00:00:00+00:00"),
        False,
    ),
    # An open dispute holds PII 90 days past its last activity (filed 10-01: until 12-30).
    "claim open, active": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "open", filed="2026-10-01"),
        ),
        True,
    ),
    # Filed 08-10, nothing since: 08-10 + 90 = 11-08, over (issue 15: disputes never ended).
    "claim open, quiet for 90 days": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_claim(db, o, "open")),
        False,
    ),
    "claim open, quiet, pinned by the seller": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_claim(db, o, "open"), pin(db, o)),
        True,
    ),
    "claim open, a note 10 days ago": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "open"),
            note(db, "claim", f"c-{o}", "2026-11-10"),
        ),
        True,
    ),
    "claim info requested, active": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "info_requested", filed="2026-09-15"),
        ),
        True,
    ),
    "claim info requested, quiet": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_claim(db, o, "info_requested")),
        False,
    ),
    # granted 11-01: the 30-day appeal window still runs
    "claim granted, appeal window open": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_claim(db, o, "granted", "2026-11-01")),
        True,
    ),
    # granted 08-15: window ended 09-14, + 30 days = 10-14: over
    "claim granted long ago": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_claim(db, o, "granted", "2026-08-15")),
        False,
    ),
    "claim granted, appeal logged, undecided": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "granted", "2026-08-15", appeal="2026-10-20T00:00:00+00:00"),
        ),
        True,
    ),
    "claim granted, appeal logged long ago, undecided": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "granted", "2026-08-15", appeal="2026-08-20T00:00:00+00:00"),
        ),
        False,
    ),
    # denied 11-01: closed, but its evidence stays 30 more days
    "claim denied recently": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_claim(db, o, "denied", "2026-11-01")),
        True,
    ),
    "claim denied long ago": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_claim(db, o, "denied", "2026-09-01")),
        False,
    ),
    "chargeback open": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "open", kind="chargeback", filed="2026-09-01"),
        ),
        True,
    ),
    "chargeback open, quiet, pinned": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "open", kind="chargeback"),
            pin(db, o, "chargeback"),
        ),
        True,
    ),
    "chargeback won long ago": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_claim(db, o, "won", "2026-09-01", kind="chargeback"),
        ),
        False,
    ),
    # negative feedback 09-10: removable until 12-09
    "negative feedback in its removal window": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_feedback(db, o, "2026-09-10", 1)),
        True,
    ),
    "negative feedback removed": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_feedback(db, o, "2026-09-10", 2, 1)),
        False,
    ),
    # 06-01 + 90 = 08-30, + 30 = 09-29: over
    "negative feedback past its window": (
        lambda db, o: (add_order(db, o, "2026-05-20"), add_feedback(db, o, "2026-06-01", 1)),
        False,
    ),
    "positive feedback": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_feedback(db, o, "2026-09-10", 5)),
        False,
    ),
    "FBM return undecided": (
        lambda db, o: (
            add_order(db, o, "2026-08-01"),
            add_return(db, o, "Pending", requested="2026-10-01"),
        ),
        True,
    ),
    "FBM return undecided, quiet for 90 days": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_return(db, o, "Pending")),
        False,
    ),
    "FBM return decided long ago": (
        lambda db, o: (add_order(db, o, "2026-08-01"), add_return(db, o, "Closed", "2026-08-11")),
        False,
    ),
}


def pii_left(db: Any, oid: str) -> dict[str, bool]:
    checks = {
        "address": "SELECT ship_address_enc FROM orders WHERE order_id = ?",
        "message": "SELECT coalesce(sender_enc, subject_enc, body_enc) FROM messages "
        "WHERE order_id = ?",
        "fba comments": "SELECT customer_comments_enc FROM returns_fba WHERE order_id = ?",
        "rater": "SELECT rater_email_enc FROM feedback WHERE order_id = ?",
        "claim notes": "SELECT notes_enc FROM claims WHERE order_id = ?",
        "defect notes": "SELECT n.text_enc FROM notes n JOIN claims c ON c.claim_id = n.defect_ref "
        "WHERE c.order_id = ?",
    }
    out = {}
    for name, sql in checks.items():
        row = db.execute(sql, [oid]).fetchone()
        if row is not None:
            out[name] = row[0] is not None
    return out


def row_counts(db: Any) -> dict[str, int]:
    tables = ("orders", "feedback", "claims", "returns_fbm", "returns_fba", "messages")
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.mark.parametrize("case", list(CASES))
def test_each_rule(store: Any, case: str) -> None:
    db = store.db
    setup, kept = CASES[case]
    setup(db, "111-0000000-0000001")
    db.conn.commit()
    before = row_counts(db)

    cleared = purge_pii(db, NOW)

    left = pii_left(db, "111-0000000-0000001")
    assert set(left.values()) == {kept}, left
    assert cleared == (0 if kept else len(left))
    purged_at = db.execute("SELECT pii_purged_at FROM orders").fetchone()[0]
    assert purged_at == (None if kept else "2026-11-20T15:00:00+00:00")
    assert row_counts(db) == before  # never deletes a row


def test_purge_is_idempotent_and_reaches_records_imported_later(store: Any) -> None:
    db = store.db
    add_order(db, "111-0000000-0000001", "2026-08-01")
    db.conn.commit()
    assert purge_pii(db, NOW) == 3
    assert purge_pii(db, NOW) == 0
    add_feedback(db, "111-0000000-0000001", "2026-08-20", 5)  # arrives after the purge
    db.conn.commit()
    assert purge_pii(db, NOW) == 1
    assert pii_left(db, "111-0000000-0000001")["rater"] is False


def test_records_of_unknown_orders_use_their_own_date(store: Any) -> None:
    db = store.db
    for mid, ts in (("old", "2026-09-01T00:00:00+00:00"), ("new", "2026-11-10T00:00:00+00:00")):
        db.execute(
            "INSERT INTO messages(message_id, thread_id, order_id, direction, timestamp, "
            "body_enc) VALUES (?, 'alias', '', 'in', ?, ?)",
            [mid, ts, PII],
        )
    db.conn.commit()
    assert purge_pii(db, NOW) == 1
    rows = dict(db.execute("SELECT message_id, body_enc IS NOT NULL FROM messages").fetchall())
    assert rows == {"old": 0, "new": 1}


def test_settings_change_the_periods(store: Any) -> None:
    db = store.db
    add_order(db, "111-0000000-0000001", "2026-11-01")  # assumed delivery 11-08 with 7 days
    db.conn.commit()
    assert purge_pii(db, NOW, days_after_delivery=10, assumed_delivery_days=7) == 3


def health_json(db: Any) -> str:
    h = compute_health(db, NOW)
    data = {
        "metrics": metrics_to_json(h.metrics, h.as_of, None),
        "board": board_to_json(h.board, NOW),
        "alerts": alerts_to_json(h.alerts, NOW),
    }
    return json.dumps(data, sort_keys=True, default=str)


def test_purge_changes_no_metric_on_the_seller_a_samples(store: Any, samples: Path) -> None:
    names = ("orders-1.txt", "orders-2.txt", "feedback.txt", "returns-fbm.txt")
    names += ("returns-fba.txt", "messages.csv", "claims.csv")
    for name in names:
        assert apply_import(store, samples / "seller-a" / name, now=NOW).ok
    db = store.db
    before, counts = health_json(db), row_counts(db)

    cleared = purge_pii(db, NOW)

    assert cleared > 1000
    assert health_json(db) == before
    assert row_counts(db) == counts
    # bought in early September (PII due to go in October), but disputes are open
    for oid in ("112-7386823-8993316", "113-3705277-9652464", "114-2471265-6364711"):
        kept = db.execute(
            "SELECT ship_address_enc IS NOT NULL, pii_purged_at FROM orders WHERE order_id = ?",
            [oid],
        ).fetchone()
        assert kept == (1, None), oid
    purged = db.execute(
        "SELECT count(*) FROM orders WHERE ship_address_enc IS NULL AND pii_purged_at IS NOT NULL"
    ).fetchone()[0]
    assert 0 < purged < counts["orders"]


def test_a_purged_comment_keeps_its_removal_verdict(store: Any) -> None:
    """Issue 15 point 3: comments go with the order's PII; the verdict (codes only) stays."""
    from core.defects import removal_verdict
    from storage.repository.views import defect_feedback

    db = store.db
    add_order(db, "111-0000009-0000009", "2026-08-01")
    comment = "Quintessa here, call me on 555-123-4567: the seller never answered"
    blob = store.cipher.encrypt_field(comment, "feedback", "comments_enc", "111-0000009-0000009")
    db.execute(
        "INSERT INTO feedback(order_id, feedback_date, rating, comments_enc) "
        "VALUES ('111-0000009-0000009', '2026-08-20', 3, ?)",
        [blob],
    )
    (before,) = defect_feedback(store)
    verdict = removal_verdict(before, "mfn")
    assert before.comments == comment and verdict.eligible
    assert purge_pii(db, NOW, cipher=store.cipher) >= 1
    row = db.execute("SELECT comments_enc, comments, kept_verdict FROM feedback").fetchone()
    assert row[0] is None and row[1] == ""
    assert row[2] == "eligible:" + ",".join(r.code for r in verdict.reasons)
    assert "555" not in row[2] and "Quintessa" not in row[2]
    (after,) = defect_feedback(store)
    kept = removal_verdict(after, "mfn")
    assert after.comments == "" and kept.eligible
    assert [r.code for r in kept.reasons] == [r.code for r in verdict.reasons]
    assert "deleted" in kept.note
