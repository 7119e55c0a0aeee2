"""Every kind of bad file, through the real detection, parsers and import transaction.

Each case is imported into a database that already holds good data: the outcome is
one sentence naming the file (and line and column where there is one), the data
tables are byte-for-byte unchanged, and the refusal is logged in the import history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.clock import parse_iso
from storage.imports.apply import apply_import
from storage.imports.history import import_history
from storage.reports.orders.parse import CURRENT_HEADER

NOW = parse_iso("2026-11-20T15:00:00Z")
TAB = "\t"

ORDER_ROW = {
    "amazon-order-id": "111-0000001-0000001",
    "purchase-date": "2026-11-01T10:00:00+00:00",
    "last-updated-date": "2026-11-02T10:00:00+00:00",
    "order-status": "Shipped",
    "fulfillment-channel": "Merchant",
    "sales-channel": "Amazon.com",
    "product-name": "Whisk",
    "sku": "KT-WHISK",
    "asin": "B0WH1SK001",
    "quantity": "1",
    "currency": "USD",
    "item-price": "9.49",
}


def orders_text(**changes: str) -> str:
    row = dict(ORDER_ROW, **changes)
    header = list(CURRENT_HEADER)
    return TAB.join(header) + "\n" + TAB.join(row.get(h, "") for h in header) + "\n"


MESSAGES_HEADER = (
    "message_id,order_id,thread_id,direction,timestamp,subject,body,sender,"
    "no_response_needed,automated\n"
)
CLAIMS_HEADER = (
    "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
    "info_requested_at,decided_at,buy_shipping_protected,notes\n"
)

CASES: list[tuple[str, str, bytes, tuple[str, ...]]] = [
    # id, file name, content, parts the sentence must contain
    (
        "missing column",
        "orders-a.txt",
        orders_text().replace("order-status", "status-of-order").encode(),
        ("orders-a.txt", "line 1", "'order-status'", "missing"),
    ),
    (
        "bad date",
        "orders-b.txt",
        orders_text(**{"purchase-date": "2026-13-45T10:00:00+00:00"}).encode(),
        ("orders-b.txt", "line 2", "'purchase-date'"),
    ),
    (
        "bad number",
        "orders-c.txt",
        orders_text(quantity="two").encode(),
        ("orders-c.txt", "line 2", "'quantity'", "'two'"),
    ),
    (
        "unknown enum",
        "orders-d.txt",
        orders_text(**{"fulfillment-channel": "Drone"}).encode(),
        ("orders-d.txt", "line 2", "'fulfillment-channel'", "'Dro…' (5 characters)"),
    ),
    (
        "short row",
        "orders-e.txt",
        (TAB.join(CURRENT_HEADER) + "\n111-0000001-0000001\t\t2026-11-01T10:00:00Z\n").encode(),
        ("orders-e.txt", "line 2"),
    ),
    ("empty file", "empty.txt", b"", ("empty.txt", "empty")),
    ("binary file", "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 50, ("photo.jpg",)),
    (
        "JSON that is not a performance report",
        "settings.json",
        b'{"theme": "dark", "rows": [1, 2, 3]}',
        ("settings.json", "not a seller performance report"),
    ),
    (
        "messages: bad direction",
        "messages.csv",
        (
            MESSAGES_HEADER + "M1,111-0000001-0000001,,sideways,2026-11-01T10:00:00Z,"
            "Hi,Hello,a@marketplace.amazon.com,false,false\n"
        ).encode(),
        ("messages.csv", "line 2", "'direction'", "'sideways'"),
    ),
    (
        "claims: unknown reason",
        "claims.csv",
        (
            CLAIMS_HEADER + "C1,111-0000001-0000001,a-to-z,2026-11-01,10,USD,lost_parcel,"
            "open,,,false,\n"
        ).encode(),
        ("claims.csv", "line 2", "'reason'", "'lost_parcel'"),
    ),
    (
        "feedback: rating out of range",
        "feedback.txt",
        b"Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
        b"11/3/26\t7\tGreat\t\t111-0000001-0000001\tx@marketplace.amazon.com\n",
        ("feedback.txt", "line 2", "'Rating'"),
    ),
    (
        "FBM returns: bad date",
        "returns.txt",
        (
            b"Order ID\tOrder date\tReturn request date\tReturn request status\tAmazon RMA ID\n"
            b"111-0000001-0000001\t01-Nov-2026\t31-Feb-2026\tPending\tDR1RMA\n"
        ),
        ("returns.txt", "line 2", "'Return request date'"),
    ),
    (
        "unknown report",
        "notes.txt",
        b"name\tcolour\nwhisk\tred\n",
        ("notes.txt",),
    ),
]


def dump(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    db = store.db
    tables = [
        r[0]
        for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if r[0] != "imports"
    ]
    return {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}")), key=repr) for t in tables}


@pytest.fixture
def seeded(store: Any, tmp_path: Path) -> Any:
    good = tmp_path / "good-orders.txt"
    good.write_text(orders_text(), encoding="utf-8")
    assert apply_import(store, good, now=NOW).ok
    return store


@pytest.mark.parametrize(
    ("name", "content", "parts"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_file_is_refused_with_a_sentence_and_changes_nothing(
    seeded: Any, tmp_path: Path, name: str, content: bytes, parts: tuple[str, ...]
) -> None:
    before = dump(seeded)
    path = tmp_path / name
    path.write_bytes(content)
    outcome = apply_import(seeded, path, now=NOW)
    assert not outcome.ok
    assert outcome.error is not None
    for part in parts:
        assert part in outcome.error, (part, outcome.error)
    assert outcome.error.endswith(".") and "\n" not in outcome.error
    assert "Traceback" not in outcome.error
    assert dump(seeded) == before
    last = import_history(seeded.db)[0]
    assert (last["file_name"], last["outcome"], last["error"]) == (name, "refused", outcome.error)


def test_a_header_only_file_is_fine(seeded: Any, tmp_path: Path) -> None:
    path = tmp_path / "orders-empty.txt"
    path.write_text(TAB.join(CURRENT_HEADER) + "\n", encoding="utf-8")
    outcome = apply_import(seeded, path, now=NOW)
    assert outcome.ok and (outcome.added, outcome.updated, outcome.unchanged) == (0, 0, 0)
