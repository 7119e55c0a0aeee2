"""The FBM order reports (Order report / New Orders, Unshipped Orders), and their merge
with All Orders: one order, each item once, whichever report comes first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage.db import Store
from storage.imports.apply import apply_import
from storage.reports.detect import detect_report
from storage.reports.orders_fbm import parse as fbm
from storage.reports.orders_fbm.write import unpack_buyer
from storage.retention import purge_pii
from tests.fixtures.report_files import ORDERS_CURRENT, order_row, write_table
from tests.fixtures.variant_files import (
    ORDER_REPORT_HEADER,
    PII,
    UNSHIPPED_HEADER,
    fbm_row,
    real_rows,
    write_lines,
)

NOW = datetime(2026, 9, 10, tzinfo=UTC)
A = "112-0000001-0000001"
B = "112-0000002-0000002"
ITEM1, ITEM2, ITEM3 = "12345678901234", "12345678901299", "12345678901300"


def counts(store: Store, path: Path, at: datetime = NOW) -> tuple[int, int, int, str | None]:
    o = apply_import(store, path, now=at)
    return o.added, o.updated, o.unchanged, o.error


def new_orders(tmp_path: Path, name: str = "new-orders.txt", **cells: str) -> Path:
    rows = [
        fbm_row(ORDER_REPORT_HEADER, **cells),
        fbm_row(ORDER_REPORT_HEADER, order_item_id=ITEM2, **cells),  # the same SKU again
        fbm_row(ORDER_REPORT_HEADER, order_item_id=ITEM3, sku="KT-KNIFE", quantity_purchased="2"),
    ]
    return write_lines(tmp_path / name, real_rows(ORDER_REPORT_HEADER, rows))


def all_orders(tmp_path: Path, status: str = "Shipped") -> Path:
    line = dict(amazon_order_id=A, fulfillment_channel="Merchant", order_status=status)
    rows = [
        order_row(ORDERS_CURRENT, **line),
        order_row(ORDERS_CURRENT, **line),  # split shipment: the same SKU twice
        order_row(ORDERS_CURRENT, sku="KT-KNIFE", asin="B0KN1FE001", quantity="2", **line),
    ]
    return write_table(tmp_path / "all-orders.txt", ORDERS_CURRENT, rows)


def items(store: Store) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in store.db.execute(
            "SELECT sku, line, asin, quantity, order_item_id FROM order_items ORDER BY sku, line"
        )
    ]


@pytest.mark.parametrize(
    ("header", "report"),
    [(ORDER_REPORT_HEADER, "Order report (New Orders)"), (UNSHIPPED_HEADER, "Unshipped Orders")],
)
@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1252", "\r\n"), ("cp932", "\n")],
)
def test_both_reports_in_every_encoding(
    tmp_path: Path, header: tuple[str, ...], report: str, encoding: str, newline: str
) -> None:
    name = "泡立て器" if encoding == "cp932" else "Crème brûlée torch"
    rows = [fbm_row(header, product_name=name), fbm_row(header, order_id=B, order_item_id=ITEM2)]
    path = write_lines(tmp_path / "o.txt", real_rows(header, rows), encoding=encoding,
                       newline=newline)  # fmt: skip
    assert detect_report(path).amazon_name == report
    first, second = fbm.parse(path)
    assert (first.order_id, first.order_item_id, first.product_name) == (A, ITEM1, name)
    assert first.purchase_date == datetime(2026, 9, 1, 1, 0, tzinfo=UTC)  # +09:00
    assert first.is_prime is True and first.is_business_order is False
    assert (first.buyer_name, first.ship_city) == (PII["buyer-name"], "Boise")
    assert second.order_id == B


def test_the_kept_fields_have_clear_columns(store: Store, tmp_path: Path) -> None:
    rows = [fbm_row(UNSHIPPED_HEADER, is_business_order="true")]
    path = write_lines(tmp_path / "u.txt", real_rows(UNSHIPPED_HEADER, rows))
    assert counts(store, path) == (1, 0, 0, None)
    order = store.db.execute(
        "SELECT status, channel, is_prime, is_business_order, promise_date, delivery_start_date,"
        " delivery_end_date, last_updated FROM orders"
    ).fetchone()
    assert tuple(order) == (
        "Unshipped", "mfn", 1, 1, "2026-09-05T14:59:59+00:00", None, None,
        "2026-09-01T15:00:00+00:00",  # the reporting date
    )  # fmt: skip
    path = new_orders(tmp_path)
    apply_import(store, path, now=NOW)
    dates = store.db.execute(
        "SELECT promise_date, delivery_start_date, delivery_end_date FROM orders"
    ).fetchone()
    # each report adds what it has and keeps what the other gave
    assert tuple(dates) == (
        "2026-09-05T14:59:59+00:00", "2026-09-03T23:00:00+00:00", "2026-09-06T11:00:00+00:00"
    )  # fmt: skip


def test_buyer_data_is_encrypted_and_purged(store: Store, tmp_path: Path) -> None:
    apply_import(store, new_orders(tmp_path), now=NOW)
    files = [Path(f"{store.path}{suffix}") for suffix in ("", "-wal", "-shm")]
    raw = b"".join(p.read_bytes() for p in files if p.exists())  # every page on disk
    for probe in PII.values():
        if probe not in ("Boise", "ID", "83702", "Apt 7"):  # too short or common to scan for
            assert probe.encode() not in raw, probe
    blob, order_id = store.db.execute("SELECT buyer_enc, order_id FROM orders").fetchone()
    opened = store.cipher.decrypt_field(blob, "orders", "buyer_enc", order_id)
    assert unpack_buyer(opened)[:5] == [
        PII["buyer-name"], PII["buyer-email"], PII["buyer-phone-number"],
        PII["recipient-name"], PII["ship-address-1"],
    ]  # fmt: skip
    purge_pii(store.db, NOW + timedelta(days=45))
    left = store.db.execute("SELECT buyer_enc, ship_address_enc FROM orders").fetchone()
    assert tuple(left) == (None, None)


def test_fbm_first_then_all_orders_neither_doubles_nor_loses(store: Store, tmp_path: Path) -> None:
    assert counts(store, new_orders(tmp_path)) == (3, 0, 0, None)
    assert counts(store, new_orders(tmp_path)) == (0, 0, 3, None)  # the same file again
    assert counts(store, all_orders(tmp_path)) == (0, 3, 0, None)
    assert counts(store, all_orders(tmp_path)) == (0, 0, 3, None)
    assert counts(store, new_orders(tmp_path)) == (0, 0, 3, None)  # no flip-flop
    assert store.db.execute("SELECT count(*), status FROM orders").fetchone() == (1, "Shipped")
    assert items(store) == [
        ("KT-KNIFE", 1, "B0KN1FE001", 2, ITEM3),
        ("KT-WHISK", 1, "B0WH1SK001", 1, ITEM1),
        ("KT-WHISK", 2, "B0WH1SK001", 1, ITEM2),
    ]


def test_all_orders_first_then_fbm_gives_the_same_items(store: Store, tmp_path: Path) -> None:
    assert counts(store, all_orders(tmp_path, "Cancelled")) == (3, 0, 0, None)
    assert counts(store, new_orders(tmp_path)) == (0, 3, 0, None)  # item ids and buyer added
    assert counts(store, new_orders(tmp_path)) == (0, 0, 3, None)
    order = store.db.execute("SELECT count(*), status, is_prime FROM orders").fetchone()
    assert tuple(order) == (1, "Cancelled", 1)  # the FBM report never overrides the status
    assert [i[:4] for i in items(store)] == [
        ("KT-KNIFE", 1, "B0KN1FE001", 2),
        ("KT-WHISK", 1, "B0WH1SK001", 1),
        ("KT-WHISK", 2, "B0WH1SK001", 1),
    ]
    assert sum(q for _, _, _, q, _ in items(store)) == 4


def test_import_line_counts_orders_lines_and_skipped_rows(store: Store, tmp_path: Path) -> None:
    rows = [
        fbm_row(ORDER_REPORT_HEADER),
        fbm_row(ORDER_REPORT_HEADER, order_item_id=ITEM2, sku="KT-KNIFE"),
        fbm_row(ORDER_REPORT_HEADER, order_id=B, order_item_id=ITEM3),
        fbm_row(ORDER_REPORT_HEADER, order_id="S01-1", sales_channel="Non-Amazon"),
    ]
    path = write_lines(tmp_path / "o.txt", real_rows(ORDER_REPORT_HEADER, rows))
    outcome = apply_import(store, path, now=NOW)
    assert (outcome.report, outcome.orders, outcome.lines) == ("Order report (New Orders)", 2, 3)
    assert outcome.notes == (
        "1 Multi-Channel row skipped (sales channel Non-Amazon: orders of other shops, never in "
        "a metric)",
    )


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"order_id": "112-0000001-00000"}, "order-id"),
        ({"order_item_id": "1234"}, "order-item-id"),
        ({"purchase_date": "soon"}, "purchase-date"),
        ({"quantity_purchased": "two"}, "quantity-purchased"),
        ({"is_prime": "perhaps"}, "is-prime"),
    ],
)
def test_bad_cells_refuse_the_file(
    store: Store, tmp_path: Path, cells: dict[str, str], column: str
) -> None:
    rows = [fbm_row(ORDER_REPORT_HEADER), fbm_row(ORDER_REPORT_HEADER, **cells)]
    path = write_lines(tmp_path / "o.txt", real_rows(ORDER_REPORT_HEADER, rows))
    outcome = apply_import(store, path, now=NOW)
    assert outcome.error is not None and f"line 3, column '{column}'" in outcome.error
    assert store.db.execute("SELECT count(*) FROM orders").fetchone()[0] == 0


def test_a_cut_off_order_report_is_refused(store: Store, tmp_path: Path) -> None:
    lines = real_rows(ORDER_REPORT_HEADER, [fbm_row(ORDER_REPORT_HEADER)] * 2)
    cut = lines[-1][: lines[-1].index("Quintessa")]
    path = write_lines(tmp_path / "o.txt", [*lines[:-1], cut], final_newline=False)
    outcome = apply_import(store, path, now=NOW)
    assert outcome.error == (
        "o.txt, line 3: the file seems cut off at line 3 (an interrupted download?): its last "
        "row has fewer cells than the header and no line break; download it again."
    )
