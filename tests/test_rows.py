"""storage/rows.py: each record type written by its import writer reads back whole.

One round trip per record type: the record goes in through the writer the
imports use, the app-state columns are set the way the app sets them, and
the type's column list and row function give back the same record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from core.model import (
    Claim,
    FbaReturn,
    Feedback,
    Message,
    Order,
    OrderLine,
    ReturnRequest,
)
from storage.db import Store, transaction
from storage.imports import history
from storage.imports.context import BatchWriter, ImportContext
from storage.reports.claims.write import ClaimWriter
from storage.reports.feedback.write import FeedbackWriter
from storage.reports.messages.write import MessageWriter
from storage.reports.orders.write import OrderWriter
from storage.reports.returns_fba.write import FbaReturnWriter
from storage.reports.returns_fbm.write import FbmReturnWriter
from storage.rows import (
    ORDER_WIDTH,
    claim_columns,
    claim_from_row,
    fba_return_columns,
    fba_return_from_row,
    feedback_columns,
    feedback_from_row,
    message_columns,
    message_from_row,
    order_columns,
    order_from_row,
    return_columns,
    return_from_row,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
ORDER_ID = "111-0000001-0000001"


def write(store: Store, writer: Callable[[ImportContext], BatchWriter], records: list[Any]) -> None:
    db = store.db
    with transaction(db):
        import_id = history.start(db, "t.txt", "sha", "test", NOW)
        ctx = ImportContext(db.conn, store.cipher, import_id, NOW, "sha")
        writer(ctx).write(records)


def rows(store: Store, sql: str) -> Sequence[Any]:
    return list(store.db.execute(sql).fetchall())


def test_order(store: Store) -> None:
    line = OrderLine(
        ORDER_ID,
        datetime(2026, 11, 1, 8, 30, tzinfo=UTC),
        datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        "Shipped",
        "afn",
        "Amazon.de",
        "SKU1",
        "B0SKU1",
        "Whisk",
        1,
    )
    write(store, OrderWriter, [line])
    (row,) = rows(store, f"SELECT {order_columns('o')} FROM orders o")
    assert order_from_row(row) == Order(ORDER_ID, line.purchase_date, "Shipped", "afn", "Amazon.de")


def test_feedback(store: Store) -> None:
    record = Feedback(
        ORDER_ID,
        date(2026, 11, 3),
        1,
        comments="Arrived late",
        response="Sorry about that",
        rater_email="buyer@marketplace.amazon.de",
        marketplace="Amazon.de",
        from_full_report=False,
    )
    write(store, FeedbackWriter, [record])
    store.db.execute(
        "UPDATE feedback SET removed = 1, removal_requested_at = ?", ["2026-11-04T00:00:00+00:00"]
    )
    expected = replace(record, removed=True, removal_requested=True)
    (row,) = rows(store, f"SELECT {feedback_columns(pii=True)} FROM feedback")
    assert feedback_from_row(row, store.cipher.decrypt_field) == expected
    (row,) = rows(store, f"SELECT {feedback_columns('f', removal_requested='0')} FROM feedback f")
    # Comments, response and e-mail are PII: a reader without the cipher gets none of them.
    no_pii = replace(expected, rater_email="", comments="", response="", removal_requested=False)
    assert feedback_from_row(row) == no_pii


def test_claim(store: Store) -> None:
    record = Claim(
        "C-1",
        ORDER_ID,
        "a-to-z",
        datetime(2026, 11, 5, 10, 0, tzinfo=UTC),
        "not_received",
        "granted",
        amount=Decimal("12.50"),
        currency="EUR",
        info_requested_at=datetime(2026, 11, 6, 10, 0, tzinfo=UTC),
        decided_at=datetime(2026, 11, 8, 10, 0, tzinfo=UTC),
        buy_shipping_protected=True,
        notes="Tracking shows delivered",
    )
    write(store, ClaimWriter, [record])
    store.db.execute("UPDATE claims SET appeal_logged_at = ?", ["2026-11-09T00:00:00+00:00"])
    (row,) = rows(store, f"SELECT {claim_columns(pii=True)} FROM claims")
    assert claim_from_row(row, store.cipher.decrypt_field) == replace(record, appeal_logged=True)
    (row,) = rows(store, f"SELECT {claim_columns()} FROM claims")  # notes are PII
    assert claim_from_row(row) == replace(record, appeal_logged=True, notes="")


def test_return_request(store: Store) -> None:
    record = ReturnRequest(
        ORDER_ID,
        "RMA-1",
        date(2026, 11, 7),
        "Approved",
        order_date=date(2026, 11, 1),
        in_policy=False,
        a_to_z_claim=True,
        is_prime=True,
        asin="B0SKU1",
        sku="SKU1",
        item_name="Whisk",
        quantity=2,
        reason="DEFECTIVE",
        return_type="C-Returns",
        resolution="StandardRefund",
        currency="EUR",
        order_amount=Decimal("19.98"),
        refunded_amount=Decimal("19.98"),
        category="Kitchen",
    )
    write(store, FbmReturnWriter, [record])
    decided = datetime(2026, 11, 7, 12, 0, tzinfo=UTC)
    store.db.execute(
        "UPDATE returns_fbm SET negative_feedback = 1, decided_at = ?", [decided.isoformat()]
    )
    expected = replace(record, decided_at=decided, first_seen_decided=True, negative_feedback=True)
    (row,) = rows(store, f"SELECT {return_columns('r')} FROM returns_fbm r")
    assert return_from_row(row) == expected


def test_fba_return(store: Store) -> None:
    record = FbaReturn(
        datetime(2026, 11, 9, 0, 0, tzinfo=UTC),
        ORDER_ID,
        "SKU1",
        "B0SKU1",
        fnsku="X001",
        product_name="Whisk",
        quantity=1,
        fulfillment_center_id="LEJ1",
        detailed_disposition="CUSTOMER_DAMAGED",
        reason="DAMAGED_BY_FC",
        status="Unit returned to inventory",
        license_plate_number="LPN1",
        customer_comments="The handle broke",
    )
    write(store, FbaReturnWriter, [record])
    (row,) = rows(store, f"SELECT {fba_return_columns(pii=True)} FROM returns_fba")
    assert fba_return_from_row(row, store.cipher.decrypt_field) == record
    (row,) = rows(store, f"SELECT {fba_return_columns()} FROM returns_fba")
    assert fba_return_from_row(row) == replace(record, customer_comments="")


def test_message(store: Store) -> None:
    record = Message(
        "M-1",
        ORDER_ID,
        "in",
        datetime(2026, 11, 10, 9, 15, tzinfo=UTC),
        order_id=ORDER_ID,
        subject="Where is my order?",
        body="It has not arrived.",
        sender="buyer@marketplace.amazon.de",
        no_response_needed=True,
        automated=True,
        marketplace="Amazon.de",
    )
    write(store, MessageWriter, [record])
    answered = datetime(2026, 11, 10, 11, 0, tzinfo=UTC)
    store.db.execute(
        "UPDATE messages SET responded_at = ?, contact_type = 'delivery_issue'",
        [answered.isoformat()],
    )
    expected = replace(record, responded_at=answered, contact_type="delivery_issue")
    sql = "SELECT {} FROM messages m"
    (row,) = rows(store, sql.format(message_columns("m", texts=("subject", "body", "sender"))))
    assert message_from_row(row, store.cipher.decrypt_field) == expected
    (row,) = rows(store, sql.format(message_columns("m", texts=("subject",))))
    assert message_from_row(row, store.cipher.decrypt_field) == replace(
        expected, body="", sender=""
    )
    (row,) = rows(store, sql.format(message_columns("m")))
    assert message_from_row(row) == replace(expected, subject="", body="", sender="")


def test_a_join_reads_the_next_record_after_the_order(store: Store) -> None:
    test_order(store)
    test_feedback(store)
    (row,) = rows(
        store,
        f"SELECT {order_columns('o')}, {feedback_columns('f')}"
        " FROM orders o JOIN feedback f ON f.order_id = o.order_id",
    )
    assert order_from_row(row).order_id == feedback_from_row(row[ORDER_WIDTH:]).order_id
