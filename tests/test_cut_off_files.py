"""A cut-off file is refused whole, never half-imported (issue 20, point 2).

A last line without a line break and with fewer cells than the header is an
interrupted download. Real files end without a line break but with full rows,
and have short rows that end with a line break: both keep working. Key cells
are checked for their shape, so a key cut short is refused wherever it is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import Store
from storage.imports.apply import apply_import
from tests.fixtures.report_files import (
    FEEDBACK_6,
    ORDERS_CURRENT,
    RETURNS_FBA,
    RETURNS_FBM,
    order_row,
)
from tests.fixtures.variant_files import write_lines

NOW = datetime(2026, 11, 20, tzinfo=UTC)

FBM_RETURN = {
    "Order ID": "113-6277818-6289068", "Order date": "10-Jul-2025",
    "Return request date": "14-Jul-2025", "Return request status": "Approved",
    "Amazon RMA ID": "DfqRyqfBRRMA", "Merchant RMA ID": " ", "Label type": "AmazonPrePaidLabel",
    "Label cost": "4.14", "Currency code": "USD", "Return carrier": "USPS",
    "Tracking ID": "9202090339598363834190", "Label to be paid by": "Seller",
    "A-to-Z Claim": "N", "Is prime": "N", "ASIN": "B0DFN2HN9N", "Merchant SKU": "PANEC-925SS-IT",
    "Item Name": "Fine Jewelry Necklace", "Return quantity": "2",
    "Return Reason": "AMZ-PG-WJ-TOO-SMALL", "In policy": "Y", "Return type": "C-Returns",
    "Resolution": "StandardRefund", "Invoice number": " ", "Return delivery date": " ",
    "Order Amount": "21.38", "Order quantity": "2",
}  # fmt: skip
"""A real download's row (SP-API GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE): it ends
after `Order quantity` with a tab, six columns short of the header."""

FBA_RETURN = {
    "return-date": "2026-10-02T08:55:15+09:00", "order-id": "113-4454024-4677443",
    "sku": "KT-WHISK", "asin": "B0WH1SK001", "fnsku": "X001ABCDEF", "product-name": "Whisk",
    "quantity": "1", "fulfillment-center-id": "LEX1", "detailed-disposition": "SELLABLE",
    "reason": "UNWANTED_ITEM", "status": "Unit returned to inventory",
    "license-plate-number": "LPNHE598874732", "customer-comments": "Quintessa changed her mind",
}  # fmt: skip
FEEDBACK = {
    "Date": "11/3/26", "Rating": "1", "Comments": "Never arrived, Quintessa",
    "Your Response": "", "Order ID": "114-9679779-1683304",
    "Rater Email": "1c314dff21316@marketplace.amazon.com",
}  # fmt: skip


def line(header: list[str], values: dict[str, str], **changes: str) -> str:
    cells = {**values, **changes}
    return "\t".join(cells.get(h, "") for h in header)


def fbm_line(order: str = "113-6277818-6289068", rma: str = "DfqRyqfBRRMA") -> str:
    cells = [FBM_RETURN.get(h, "") for h in RETURNS_FBM]
    cells[0], cells[4] = order, rma
    return "\t".join(cells[: RETURNS_FBM.index("Order quantity") + 1]) + "\t"  # as downloaded


CASES = {
    "FBM returns": (RETURNS_FBM, [fbm_line(), fbm_line("113-0000001-0000002", "DaaaaaaaRRMA")]),
    "FBA returns": (
        RETURNS_FBA,
        [line(RETURNS_FBA, FBA_RETURN), line(RETURNS_FBA, FBA_RETURN, sku="KT-KNIFE")],
    ),
    "feedback": (
        FEEDBACK_6,
        [line(FEEDBACK_6, FEEDBACK), line(FEEDBACK_6, FEEDBACK, **{"Order ID": "114-0000001-0000001"})],
    ),
    "All Orders": (
        ORDERS_CURRENT,
        ["\t".join(order_row(ORDERS_CURRENT)),
         "\t".join(order_row(ORDERS_CURRENT, amazon_order_id="111-0000002-0000002"))],
    ),
}  # fmt: skip


def rows_in(store: Store) -> int:
    tables = ("orders", "feedback", "returns_fbm", "returns_fba")
    return sum(store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_file_cut_in_its_last_row_is_refused_whole(
    store: Store, tmp_path: Path, name: str, newline: str
) -> None:
    header, lines = CASES[name]
    last = lines[-1]
    cut = last[: last.index("\t", len(last) // 3) + 4]  # a few characters into a middle cell
    path = write_lines(tmp_path / "cut.txt", ["\t".join(header), lines[0], cut],
                       newline=newline, final_newline=False)  # fmt: skip
    outcome = apply_import(store, path, now=NOW)
    assert outcome.error == (
        "cut.txt, line 3: the file seems cut off at line 3 (an interrupted download?): its last "
        "row has fewer cells than the header and no line break; download it again."
    )
    assert rows_in(store) == 0


@pytest.mark.parametrize("name", list(CASES))
def test_full_rows_without_a_final_line_break_and_short_rows_with_one_import(
    store: Store, tmp_path: Path, name: str
) -> None:
    header, lines = CASES[name]
    full = lines[-1] + "\t" * (len(header) - lines[-1].count("\t") - 1)
    path = write_lines(tmp_path / "a.txt", ["\t".join(header), lines[0], full],
                       final_newline=False)  # fmt: skip
    assert apply_import(store, path, now=NOW).ok
    short = [ln.rstrip("\t ") for ln in lines]  # rows cut short after their last cell...
    path = write_lines(tmp_path / "b.txt", ["\t".join(header), *short])  # ...ending in "\n"
    outcome = apply_import(store, path, now=NOW)
    assert outcome.ok, outcome.error


@pytest.mark.parametrize(
    ("name", "column", "value", "expected"),
    [
        ("FBM returns", "Order ID", "113-6277818-62", "an Amazon order id like 123-1234567-1234567"),
        ("FBM returns", "Amazon RMA ID", "DfqRyqfBR", "an Amazon RMA id ending in RMA"),
        ("FBM returns", "ASIN", "B0DFN2", "an ASIN (B0 and 8 letters or digits, or a 10-digit ISBN)"),
        ("FBA returns", "order-id", "113-4454024", "an Amazon order id like 123-1234567-1234567"),
        ("FBA returns", "license-plate-number", "LPNHE59", "a license plate number (LPN and at least 8 letters or digits)"),
        ("FBA returns", "fnsku", "X001AB", "an FNSKU (X0 and 8 letters or digits, or the ASIN)"),
        ("FBA returns", "asin", "B0WH1", "an ASIN (B0 and 8 letters or digits, or a 10-digit ISBN)"),
        ("feedback", "Order ID", "114-96797", "an Amazon order id like 123-1234567-1234567"),
        ("All Orders", "amazon-order-id", "111-0000002-000", "an Amazon order id like 123-1234567-1234567"),
        ("All Orders", "asin", "B0WH1S", "an ASIN (B0 and 8 letters or digits, or a 10-digit ISBN)"),
    ],
)  # fmt: skip
def test_a_key_cut_short_is_refused_with_its_line_and_column(
    store: Store, tmp_path: Path, name: str, column: str, value: str, expected: str
) -> None:
    header, lines = CASES[name]
    cells = lines[0].split("\t")
    cells[header.index(column)] = value
    path = write_lines(tmp_path / "k.txt", ["\t".join(header), lines[1], "\t".join(cells)])
    outcome = apply_import(store, path, now=NOW)
    # a mixed-case id can look like a name ("Ryqf"): it is then cut, like any such cell
    quoted = "'Dfq…' (9 characters)" if value == "DfqRyqfBR" else f"'{value}'"
    assert outcome.error == f"k.txt, line 3, column '{column}': {quoted} is not {expected}."
    assert rows_in(store) == 0


def test_a_cut_off_messages_template_is_refused(store: Store, tmp_path: Path) -> None:
    header = "message_id,order_id,thread_id,direction,timestamp,subject,body,sender"
    good = "m1,111-0000001-0000001,,in,2026-11-01T10:00:00Z,Hello,Where is it?,a@b.c"
    path = write_lines(tmp_path / "messages.csv", [header, good, "m2,111-0000001-0000001,,in,2026"],
                       final_newline=False)  # fmt: skip
    outcome = apply_import(store, path, now=NOW)
    assert outcome.error is not None and "seems cut off at line 3" in outcome.error


def test_an_mbox_without_buyer_messages_says_so(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.mbox"
    path.write_text(
        "From news@shop.example Sat Nov 14 23:05:00 2026\nFrom: news@shop.example\n"
        "To: me@example.com\nSubject: Our sale\nDate: Sat, 14 Nov 2026 23:05:00 +0000\n\nHi\n\n"
        "From a@b Sat Nov 14 23:06:00 2026\nFrom: a@b.example\nTo: me@example.com\n"
        "Subject: hello\nDate: Sat, 14 Nov 2026 23:06:00 +0000\n\nHi\n",
        encoding="utf-8",
    )
    outcome = apply_import(store, path, now=NOW)
    assert outcome.error == (
        "other.mbox: no buyer messages found in this file: none of its 2 e-mails is from an "
        "Amazon buyer relay address (…@marketplace.amazon.…) nor a reply to one."
    )
