"""The All Orders importer: header variants, encodings, cells, refusals, samples."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from core.model import OrderLine
from storage.imports.errors import ImportRefused
from storage.reports.orders import parse as orders
from tests.fixtures.report_files import (
    FIXTURES,
    ORDERS_CURRENT,
    ORDERS_NEWER,
    ORDERS_OLDER,
    order_row,
    write_table,
)

HEADERS = {"current": ORDERS_CURRENT, "older-with-url": ORDERS_OLDER, "newer": ORDERS_NEWER}


def parse(path: Path) -> list[OrderLine]:
    return list(orders.parse(path))


def refusal(path: Path) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse(path)
    return str(caught.value)


@pytest.mark.parametrize("variant", sorted(HEADERS))
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_header_variants_line_endings_and_encodings(
    tmp_path: Path, variant: str, newline: str, encoding: str
) -> None:
    header = HEADERS[variant]
    rows = [
        order_row(header, product_name="Crème brûlée torch — refillable", item_price="24.00"),
        order_row(
            header,
            amazon_order_id="112-0000002-0000002",
            fulfillment_channel="Merchant",
            order_status="Cancelled",
            item_status="Cancelled",
            quantity="0",
        ),
    ]
    path = write_table(tmp_path / "o.txt", header, rows, encoding=encoding, newline=newline)

    first, second = parse(path)

    assert first == OrderLine(
        order_id="111-0000001-0000001",
        purchase_date=datetime(2026, 9, 1, 10, 0, tzinfo=UTC),
        last_updated=datetime(2026, 9, 2, 10, 0, tzinfo=UTC),
        status="Shipped",
        channel="afn",
        marketplace="Amazon.com",
        sku="KT-WHISK",
        asin="B0WH1SK001",
        product_name="Crème brûlée torch — refillable",
        quantity=1,
        item_status="Shipped",
        currency="USD",
        item_price=Decimal("24.00"),
        ship_service_level="Standard",
        ship_city="Boise",
        ship_state="ID",
        ship_postal_code="83702",
        ship_country="US",
    )
    assert (second.channel, second.status, second.quantity) == ("mfn", "Cancelled", 0)


def test_japanese_cp932_file_keeps_product_names_and_converts_to_utc() -> None:
    first, second = parse(FIXTURES / "orders-jp-cp932.txt")

    assert first.product_name == "ステンレス泡立て器 30cm"
    assert second.product_name == "シリコン型（カヌレ）"
    assert first.ship_city == "渋谷区"
    assert first.marketplace == "Amazon.co.jp"
    assert first.purchase_date == datetime(2026, 10, 1, 0, 30, tzinfo=UTC)  # +09:00
    assert first.item_price == Decimal("1280")  # "1,280" yen: a thousands comma
    assert (first.channel, second.channel) == ("afn", "mfn")


@pytest.mark.parametrize(
    ("cells", "field", "expected"),
    [
        ({"purchase_date": "2026-09-01T10:00:00Z"}, "purchase_date", datetime(2026, 9, 1, 10, 0, tzinfo=UTC)),
        ({"purchase_date": "2026-09-01T03:00:00-07:00"}, "purchase_date", datetime(2026, 9, 1, 10, 0, tzinfo=UTC)),
        ({"last_updated_date": "2026-09-02T01:00:00+02:00"}, "last_updated", datetime(2026, 9, 1, 23, 0, tzinfo=UTC)),
        ({"fulfillment_channel": "AFN"}, "channel", "afn"),
        ({"fulfillment_channel": "MFN"}, "channel", "mfn"),
        ({"fulfillment_channel": "merchant"}, "channel", "mfn"),
        ({"order_status": "shipped"}, "status", "Shipped"),
        ({"order_status": "Shipped - Delivered to Buyer"}, "status", "Shipped - Delivered to Buyer"),
        ({"order_status": "Lost"}, "status", "Lost"),
        ({"order_status": "canceled"}, "status", "Cancelled"),
        ({"fulfillment_channel": "Seller"}, "channel", "mfn"),
        ({"order_status": "Pending"}, "status", "Pending"),
        ({"order_status": "Unshipped"}, "status", "Unshipped"),
        ({"order_status": "Shipping"}, "status", "Shipping"),
        ({"sales_channel": "amazon.co.uk"}, "marketplace", "Amazon.co.uk"),
        ({"sales_channel": "Amazon.sg"}, "marketplace", "Amazon.sg"),
        ({"item_price": ""}, "item_price", None),
        ({"item_price": " "}, "item_price", None),
        ({"item_price": "1,234.50"}, "item_price", Decimal("1234.50")),
        ({"item_price": "12,50"}, "item_price", Decimal("12.50")),
        ({"is_business_order": "true"}, "is_business_order", True),
        ({"is_business_order": ""}, "is_business_order", False),
        ({"quantity": "3  "}, "quantity", 3),
        ({"sku": "  KT-MOLD  "}, "sku", "KT-MOLD"),
        ({"ship_city": " "}, "ship_city", ""),
        ({"merchant_order_id": "M-77"}, "merchant_order_id", "M-77"),
    ],
)  # fmt: skip
def test_cell_values(tmp_path: Path, cells: dict[str, str], field: str, expected: object) -> None:
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, [order_row(ORDERS_CURRENT, **cells)])
    (line,) = parse(path)
    assert getattr(line, field) == expected


def test_unknown_columns_and_reordered_columns_are_mapped_by_name(tmp_path: Path) -> None:
    header = ["x-new-column", *reversed(ORDERS_CURRENT), "another"]
    row = order_row(
        header, x_new_column="zzz", another="yyy", amazon_order_id="111-9999999-9999999"
    )
    (line,) = parse(write_table(tmp_path / "o.txt", header, [row]))
    assert line.order_id == "111-9999999-9999999"
    assert (line.sku, line.asin, line.ship_postal_code) == ("KT-WHISK", "B0WH1SK001", "83702")


def test_header_names_compare_loosely(tmp_path: Path) -> None:
    header = [h.upper().replace("-", "_") + "  " for h in ORDERS_CURRENT]
    row = order_row(ORDERS_CURRENT)
    (line,) = parse(write_table(tmp_path / "o.txt", header, [row]))
    assert line.order_id == "111-0000001-0000001"


def test_trailing_spaces_and_single_space_cells_are_trimmed(tmp_path: Path) -> None:
    row = [f"{cell}  " if cell else " " for cell in order_row(ORDERS_CURRENT)]
    (line,) = parse(write_table(tmp_path / "o.txt", ORDERS_CURRENT, [row]))
    assert line.order_id == "111-0000001-0000001"
    assert line.merchant_order_id == ""
    assert line.status == "Shipped"


def test_header_only_file_is_valid_and_empty(tmp_path: Path) -> None:
    assert parse(write_table(tmp_path / "o.txt", ORDERS_CURRENT, [])) == []


def test_blank_lines_are_skipped_and_trailing_empty_cells_may_be_dropped(tmp_path: Path) -> None:
    row = "\t".join(order_row(ORDERS_CURRENT)).rstrip("\t")  # last used column is filled
    path = tmp_path / "o.txt"
    path.write_text("\t".join(ORDERS_CURRENT) + "\n\n" + row + "\n\n", encoding="utf-8")
    (line,) = parse(path)
    assert line.is_business_order is False


def test_optional_columns_may_be_missing(tmp_path: Path) -> None:
    header = [
        "amazon-order-id", "purchase-date", "last-updated-date", "order-status",
        "fulfillment-channel", "sales-channel", "sku", "asin", "quantity",
    ]  # fmt: skip
    (line,) = parse(write_table(tmp_path / "o.txt", header, [order_row(header)]))
    assert (line.product_name, line.item_price, line.ship_city) == ("", None, "")


def test_non_amazon_rows_are_left_out(tmp_path: Path) -> None:
    rows = [
        order_row(ORDERS_CURRENT, sales_channel="Non-Amazon"),
        order_row(ORDERS_CURRENT, amazon_order_id="112-0000002-0000002"),
        order_row(ORDERS_CURRENT, sales_channel="Non-Amazon US", amazon_order_id="S01-1"),
    ]
    lines = parse(write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows))
    assert [x.order_id for x in lines] == ["112-0000002-0000002"]


def test_a_non_amazon_row_with_a_bad_cell_still_refuses_the_file(tmp_path: Path) -> None:
    rows = [order_row(ORDERS_CURRENT, sales_channel="Non-Amazon", purchase_date="soon")]
    message = refusal(write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows))
    assert "line 2, column 'purchase-date'" in message


@pytest.mark.parametrize(
    ("row_number", "cells", "expected"),
    [
        (2, {"purchase_date": "yesterday"}, "o.txt, line 3, column 'purchase-date': 'yes…' (9 characters) is not an ISO 8601 timestamp."),
        (1, {"purchase_date": ""}, "o.txt, line 2, column 'purchase-date': the timestamp is empty but is needed."),
        (1, {"last_updated_date": "2026-13-01T00:00:00Z"}, "o.txt, line 2, column 'last-updated-date': '2026-13-01T00:00:00Z' is not an ISO 8601 timestamp."),
        (2, {"order_status": ""}, "o.txt, line 3, column 'order-status': the order status is empty but is needed."),
        (1, {"fulfillment_channel": "DRONE"}, "o.txt, line 2, column 'fulfillment-channel': 'DRONE' is not a fulfilment channel we know (Amazon, Merchant, AFN, MFN): it decides whether the order counts in the FBA or the seller-fulfilled Order Defect Rate, so the file is refused rather than guessed."),
        (1, {"fulfillment_channel": "Amazon Fulfilment"}, "o.txt, line 2, column 'fulfillment-channel': 'Ama…' (17 characters) is not a fulfilment channel we know (Amazon, Merchant, AFN, MFN): it decides whether the order counts in the FBA or the seller-fulfilled Order Defect Rate, so the file is refused rather than guessed."),
        (1, {"amazon_order_id": "111-0000001-00000"}, "o.txt, line 2, column 'amazon-order-id': '111-0000001-00000' is not an Amazon order id like 123-1234567-1234567."),
        (1, {"asin": "B0WH1SK"}, "o.txt, line 2, column 'asin': 'B0WH1SK' is not an ASIN (B0 and 8 letters or digits, or a 10-digit ISBN)."),
        (1, {"quantity": "two"}, "o.txt, line 2, column 'quantity': 'two' is not a whole number."),
        (1, {"quantity": "-1"}, "o.txt, line 2, column 'quantity': '-1' is not a whole number."),
        (1, {"quantity": ""}, "o.txt, line 2, column 'quantity': the number is empty but is needed."),
        (1, {"item_price": "9.49 USD"}, "o.txt, line 2, column 'item-price': '9.49 USD' is not a number."),
        (1, {"item_price": "NaN"}, "o.txt, line 2, column 'item-price': 'NaN' is not a number."),
        (1, {"amazon_order_id": " "}, "o.txt, line 2, column 'amazon-order-id': the order id is empty but is needed."),
        (1, {"sales_channel": ""}, "o.txt, line 2, column 'sales-channel': the sales channel is empty but is needed."),
        (1, {"is_business_order": "maybe"}, "o.txt, line 2, column 'is-business-order': 'maybe' is not one of true/false."),
    ],
)  # fmt: skip
def test_bad_cells_refuse_the_file(
    tmp_path: Path, row_number: int, cells: dict[str, str], expected: str
) -> None:
    rows = [order_row(ORDERS_CURRENT) for _ in range(3)]
    rows[row_number - 1] = order_row(ORDERS_CURRENT, **cells)
    assert refusal(write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows)) == expected


@pytest.mark.parametrize("column", ["amazon-order-id", "purchase-date", "order-status", "quantity"])
def test_missing_required_column_refuses_naming_it(tmp_path: Path, column: str) -> None:
    header = [h for h in ORDERS_CURRENT if h != column]
    path = write_table(tmp_path / "o.txt", header, [order_row(header)])
    assert refusal(path) == (
        f"o.txt, line 1, column '{column}': the required column '{column}' is missing."
    )


def test_short_row_refuses_naming_line_and_first_missing_column(tmp_path: Path) -> None:
    good = order_row(ORDERS_CURRENT)
    short = good[: ORDERS_CURRENT.index("sku")]
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, [good, short])
    assert refusal(path) == (
        f"o.txt, line 3, column 'sku': the row has {len(short)} cells but the header has "
        f"{len(ORDERS_CURRENT)}."
    )


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "o.txt"
    path.write_bytes(b"")
    assert refusal(path) == "o.txt: the file is empty."


def test_undecodable_file_is_refused_not_stored_as_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "o.txt"
    # 0x81 and 0x8d are undefined in cp1252 and the bytes are not UTF-8 or cp932 text.
    path.write_bytes("\t".join(ORDERS_CURRENT).encode() + b"\n\x81\x8d\x81\x8d\t\xff\n")
    assert "the text encoding is not UTF-8, Windows-1252 or Shift_JIS" in refusal(path)


def test_samples_parse_with_expected_counts(samples: Path) -> None:
    first = parse(samples / "seller-a" / "orders-1.txt")  # cp1252, CRLF, current header
    second = parse(samples / "seller-a" / "orders-2.txt")  # UTF-8 BOM, older header
    lines = first + second

    assert len(lines) == 2719
    assert len({x.order_id for x in lines}) == 1743
    assert {x.order_id for x in first} & {x.order_id for x in second} == set()
    assert any("canelé" in x.product_name for x in first)
    assert {x.channel for x in lines} == {"afn", "mfn"}
    assert all(x.purchase_date.tzinfo is UTC and x.last_updated >= x.purchase_date for x in lines)


def test_orderline_field_order_matches_the_positional_fast_path() -> None:
    assert [f.name for f in fields(OrderLine)] == [
        "order_id", "purchase_date", "last_updated", "status", "channel", "marketplace", "sku",
        "asin", "product_name", "quantity", "item_status", "currency", "item_price",
        "merchant_order_id", "ship_service_level", "ship_city", "ship_state",
        "ship_postal_code", "ship_country", "is_business_order", "line",
    ]  # fmt: skip


def test_broken_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "o.txt"
    path.write_bytes("\t".join(ORDERS_CURRENT).encode("utf-16") + b"\x00")  # odd length
    assert refusal(path) == "o.txt: the file starts as UTF-16 but has bytes that are not UTF-16."
