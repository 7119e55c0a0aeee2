"""The section 9 importers: detection, every header variant, values, refusals, re-imports.

Headers are copied from spec/reports.md (tests/fixtures/fba_reports.py); each table
row is one file the way Seller Central writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core.reimbursements import (
    DateRangeRefund,
    InventoryEvent,
    Reimbursement,
    RemovalOrder,
    SettlementRefundRow,
)
from core.shipments import FbaShipment
from storage.imports.apply import apply_import
from storage.imports.errors import ImportRefused
from storage.reports.detect import detect_kind
from storage.reports.kinds import report_for
from tests.fixtures.fba_reports import (
    ADJUSTMENTS,
    ADJUSTMENTS_RECONCILED,
    DATE_RANGE,
    DATE_RANGE_DE,
    LEDGER,
    LEDGER_SPACED,
    REIMBURSEMENTS,
    REMOVALS,
    SETTLEMENT_V1,
    SETTLEMENT_V2,
    SHIPMENTS,
    SHIPMENTS_JP,
    row,
    write_csv,
)
from tests.fixtures.report_files import write_table

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
Writer = Callable[[Path], Path]


def tab(
    header: list[str], *rows: list[str], encoding: str = "utf-8", newline: str = "\n"
) -> Writer:
    """A writer of a tab-delimited file with these rows."""

    def write(path: Path) -> Path:
        return write_table(path, header, rows, encoding=encoding, newline=newline)

    return write


def csv(header: list[str], *rows: list[str], preamble: bool = True) -> Writer:
    def write(path: Path) -> Path:
        return write_csv(path, header, rows, preamble=preamble)

    return write


def parsed(tmp_path: Path, write: Writer, name: str = "report.txt") -> tuple[str, list[Any]]:
    path = write(tmp_path / name)
    kind = detect_kind(path)
    return kind, list(report_for(kind).parse(path))


# --- every variant is detected and read -------------------------------------------------

VARIANTS: list[tuple[str, Writer, str, int]] = [
    ("shipments", tab(SHIPMENTS, row(SHIPMENTS)), "shipments", 1),
    ("shipments JP", tab(SHIPMENTS_JP, row(SHIPMENTS_JP, points_granted="12")), "shipments", 1),
    ("reimbursements", tab(REIMBURSEMENTS, row(REIMBURSEMENTS)), "reimbursements", 1),
    ("adjustments", tab(ADJUSTMENTS, row(ADJUSTMENTS, reason="M")), "adjustments", 1),
    (
        "adjustments + reconciled",
        tab(ADJUSTMENTS_RECONCILED, row(ADJUSTMENTS_RECONCILED, reason="E", reconciled="0")),
        "adjustments",
        1,
    ),
    ("ledger", tab(LEDGER, row(LEDGER)), "ledger", 1),
    (
        "ledger spaced",
        tab(LEDGER_SPACED, row(LEDGER_SPACED, **{"Date and Time": "2026-09-25T14:02:11-07:00"})),
        "ledger",
        1,
    ),
    ("removals", tab(REMOVALS, row(REMOVALS)), "removals", 1),
    ("settlement v2", tab(SETTLEMENT_V2, row(SETTLEMENT_V2)), "settlement", 1),
    ("settlement v1", tab(SETTLEMENT_V1, row(SETTLEMENT_V1)), "settlement", 1),
    ("date range US", csv(DATE_RANGE, row(DATE_RANGE, quantity="1")), "date_range", 1),
    (
        "date range without preamble",
        csv(DATE_RANGE, row(DATE_RANGE, quantity="1"), preamble=False),
        "date_range",
        1,
    ),
    (
        "date range DE header",
        csv(
            DATE_RANGE_DE,
            ["01.09.2026 10:22:11 UTC", "1300", "Erstattung", "302-1-2", "KT-KNIFE", "", "1"],
        ),
        "date_range",
        1,
    ),
]


@pytest.mark.parametrize(
    ("name", "write", "kind", "records"), VARIANTS, ids=[v[0] for v in VARIANTS]
)
def test_each_variant_is_detected_and_read(
    tmp_path: Path, name: str, write: Writer, kind: str, records: int
) -> None:
    found, rows = parsed(tmp_path, write)
    assert found == kind
    assert len(rows) == records


@pytest.mark.parametrize(
    "kind", ["shipments", "reimbursements", "ledger", "removals", "settlement", "date_range"]
)
def test_each_kind_parses_and_writes_from_its_own_package(kind: str) -> None:
    report = report_for(kind)
    assert report.parse.__module__ == f"storage.reports.{kind}.parse"
    assert report.writer.__module__ == f"storage.reports.{kind}.write"
    assert report.sniff.__module__ == report.parse.__module__


def test_shipments_are_not_taken_for_all_orders(tmp_path: Path) -> None:
    """Its header holds All Orders' purchase-date, fulfillment- and sales-channel too."""
    assert {"purchase-date", "fulfillment-channel", "sales-channel"} <= set(SHIPMENTS)
    kind, _ = parsed(tmp_path, tab(SHIPMENTS, row(SHIPMENTS)))
    assert kind == "shipments"


# --- values -----------------------------------------------------------------------------


def test_shipment_values_and_pii(tmp_path: Path) -> None:
    _, [s] = parsed(
        tmp_path,
        tab(SHIPMENTS, row(SHIPMENTS, buyer_phone_number="+1 208-555-0100", tracking_number="1Z9")),
    )
    assert s == FbaShipment(
        order_id="111-0000001-0000001",
        shipment_id="DAbc123",
        shipment_item_id="DItem456",
        shipment_date=datetime(2026, 9, 2, 8, tzinfo=UTC),
        sku="KT-WHISK",
        purchase_date=datetime(2026, 9, 1, 10, tzinfo=UTC),
        estimated_arrival=datetime(2026, 9, 5, 20, tzinfo=UTC),
        currency="USD",
        item_price=Decimal("9.49"),
        buyer="Jane Buyer\x1fabc123@marketplace.amazon.com\x1f+1 208-555-0100",
        address="\x1f" * 4 + "Boise" + "\x1f" * 11 + "1Z9",
    )


def test_reimbursement_values_and_reversals(tmp_path: Path) -> None:
    reversal = row(
        REIMBURSEMENTS,
        reimbursement_id="5500000002",
        quantity_reimbursed_cash="-1",
        quantity_reimbursed_total="-1",
        amount_total="-6.20",
        original_reimbursement_id="5500000001",
        original_reimbursement_type="Lost_Warehouse",
    )
    blank_total = row(REIMBURSEMENTS, reimbursement_id="5500000003", quantity_reimbursed_total="",
                      quantity_reimbursed_inventory="2", original_reimbursement_id="0")  # fmt: skip
    _, rows = parsed(tmp_path, tab(REIMBURSEMENTS, row(REIMBURSEMENTS), reversal, blank_total))
    first, back, total = rows
    assert first == Reimbursement(
        approved_at=datetime(2026, 9, 20, 7, tzinfo=UTC),
        reimbursement_id="5500000001",
        order_id="111-0000001-0000001",
        reason="Lost_Warehouse",
        sku="KT-WHISK",
        fnsku="X001WHISK1",
        currency="USD",
        amount_per_unit=Decimal("6.20"),
        amount_total=Decimal("6.20"),
        quantity_cash=1,
        quantity_total=1,
    )
    assert back.is_reversal and back.quantity_total == -1
    assert total.quantity_total == 3 and not total.is_reversal  # cash 1 + inventory 2


def test_adjustment_and_both_ledger_spellings_give_the_same_event(tmp_path: Path) -> None:
    _, [adjusted] = parsed(tmp_path, tab(ADJUSTMENTS, row(ADJUSTMENTS, reason="E")), "a.txt")
    _, [compact] = parsed(tmp_path, tab(LEDGER, row(LEDGER, Reason="E")), "b.txt")
    spaced_row = row(LEDGER_SPACED, Reason="E", **{"Date and Time": "2026-09-25T14:02:11-07:00"})
    _, [spaced] = parsed(tmp_path, tab(LEDGER_SPACED, spaced_row), "c.txt")
    assert adjusted == InventoryEvent(
        event_date=date(2026, 9, 25),
        fnsku="X001WHISK1",
        sku="KT-WHISK",
        event_type="Adjustments",
        quantity=-1,
        reference_id="9000000001",
        reason="E",
        source="adjustments",
        at=datetime(2026, 9, 25, 21, 2, 11, tzinfo=UTC),
    )
    assert compact == InventoryEvent(
        date(2026, 9, 25), "X001WHISK1", "KT-WHISK", "Adjustments", -1, "9000000001", "", "",
        "E", "ledger",
    )  # fmt: skip
    assert spaced == InventoryEvent(
        date(2026, 9, 25), "X001WHISK1", "KT-WHISK", "Adjustments", -1, "9000000001", "", "",
        "E", "ledger", datetime(2026, 9, 25, 21, 2, 11, tzinfo=UTC),
    )  # fmt: skip


def test_ledger_keeps_adjustments_and_customer_returns_only(tmp_path: Path) -> None:
    rows = [
        row(LEDGER, EventType=event, ReferenceID=str(i), Reason="")
        for i, event in enumerate(
            [
                "Shipments",
                "CustomerReturns",
                "Receipts",
                "WhseTransfers",
                "VendorReturns",
                "Adjustments",
            ]
        )
    ]
    _, events = parsed(tmp_path, tab(LEDGER, *rows))
    assert [e.event_type for e in events] == ["CustomerReturns", "Adjustments"]


def test_removal_values(tmp_path: Path) -> None:
    _, [r] = parsed(tmp_path, tab(REMOVALS, row(REMOVALS, disposition="Sellable", sku="KT-KNIFE")))
    assert r == RemovalOrder(
        request_date=datetime(2026, 10, 1, 12, tzinfo=UTC),
        order_id="111-0000001-0000001",
        status="Completed",
        sku="KT-KNIFE",
        fnsku="X001WHISK1",
        requested_quantity=5,
        shipped_quantity=3,
        currency="USD",
        disposition="Sellable",
    )


def test_settlement_v2_keeps_refund_amount_rows_with_the_summary_currency(tmp_path: Path) -> None:
    summary = row(SETTLEMENT_V2, transaction_type="", order_id="", sku="", posted_date="",
                  currency="EUR", fulfillment_id="", quantity_purchased="", amount="")  # fmt: skip
    order = row(SETTLEMENT_V2, transaction_type="Order", amount="9.49", currency="")
    fee = row(SETTLEMENT_V2, amount_type="ItemFees", amount_description="Commission",
              amount="1,42", posted_date="25.08.2026", quantity_purchased="", currency="")  # fmt: skip
    refund = row(SETTLEMENT_V2, currency="")
    _, rows = parsed(tmp_path, tab(SETTLEMENT_V2, summary, order, refund, fee))
    principal, commission = rows
    assert principal == SettlementRefundRow(
        order_id="111-0000001-0000001",
        sku="KT-WHISK",
        posted_date=date(2026, 8, 25),
        quantity=1,
        channel="afn",
        amount_type="ItemPrice",
        amount_description="Principal",
        amount=Decimal("-9.49"),
        currency="EUR",
        settlement_id="12983745601",
    )
    assert commission.amount == Decimal("1.42") and commission.quantity is None
    assert commission.posted_date == date(2026, 8, 25)


def test_settlement_v1_row_becomes_one_amount_row_per_amount(tmp_path: Path) -> None:
    both = row(SETTLEMENT_V1, item_related_fee_type="Commission", item_related_fee_amount="1.42",
               quantity_purchased="2", fulfillment_id="MFN")  # fmt: skip
    bare = row(SETTLEMENT_V1, order_id="111-0000002-0000002", price_type="", price_amount="")
    _, rows = parsed(tmp_path, tab(SETTLEMENT_V1, both, bare))
    assert [(r.amount_type, r.amount_description, r.amount, r.quantity) for r in rows] == [
        ("ItemPrice", "Principal", Decimal("-9.49"), 2),
        ("ItemFees", "Commission", Decimal("1.42"), 2),
        ("", "", None, 1),
    ]
    assert {r.channel for r in rows} == {"mfn", "afn"}


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("Aug 24, 2026 8:30:00 PM PDT", datetime(2026, 8, 25, 3, 30, tzinfo=UTC)),
        ("Jan 5, 2026 11:03:05 a.m. PST", datetime(2026, 1, 5, 19, 3, 5, tzinfo=UTC)),
        ("01.09.2026 10:22:11 UTC", datetime(2026, 9, 1, 10, 22, 11, tzinfo=UTC)),
        ("1 Sep 2026 10:22:11 BST", datetime(2026, 9, 1, 9, 22, 11, tzinfo=UTC)),
        ("01/09/2026 10:22:11 GMT+02:00", datetime(2026, 9, 1, 8, 22, 11, tzinfo=UTC)),
        ("2026/09/01 10:22:11JST", datetime(2026, 9, 1, 1, 22, 11, tzinfo=UTC)),
        ("2026-09-01T10:22:11+02:00", datetime(2026, 9, 1, 8, 22, 11, tzinfo=UTC)),
    ],
)
def test_date_range_dates_in_every_style(tmp_path: Path, written: str, utc: datetime) -> None:
    _, [refund] = parsed(
        tmp_path, csv(DATE_RANGE, row(DATE_RANGE, quantity="1", **{"date/time": written}))
    )
    assert refund.posted_at == utc


def test_date_range_refunds_only_with_decimal_commas(tmp_path: Path) -> None:
    rows = [
        row(DATE_RANGE, type="Order", total="1.234,50"),
        row(DATE_RANGE, quantity="2", total="-1.234,50", fulfillment="Seller",
            marketplace="amazon.de", description='Balloon whisk 12", 2 pack'),
        row(DATE_RANGE, type="Service Fee", order_id="", sku=""),
    ]  # fmt: skip
    _, [refund] = parsed(tmp_path, csv(DATE_RANGE, *rows))
    assert refund == DateRangeRefund(
        order_id="111-0000001-0000001",
        sku="KT-WHISK",
        posted_at=datetime(2026, 8, 25, 3, 30, tzinfo=UTC),
        quantity=2,
        channel="mfn",
        marketplace="amazon.de",
        settlement_id="12983745601",
        description='Balloon whisk 12", 2 pack',
        total=Decimal("-1234.50"),
    )


# --- bad input: the file is refused whole, naming line and column -----------------------

BAD: list[tuple[str, Writer, str]] = [
    (
        "reimbursement date",
        tab(REIMBURSEMENTS, row(REIMBURSEMENTS), row(REIMBURSEMENTS, approval_date="yesterday")),
        "line 3, column 'approval-date'",
    ),
    (
        "reimbursement quantity",
        tab(REIMBURSEMENTS, row(REIMBURSEMENTS, quantity_reimbursed_total="1.5")),
        "line 2, column 'quantity-reimbursed-total'",
    ),
    ("ledger date", tab(LEDGER, row(LEDGER, Date="2026-13-45")), "line 2, column 'Date'"),
    ("ledger day", tab(LEDGER, row(LEDGER, Date="02/30/2026")), "line 2, column 'Date'"),
    ("ledger quantity", tab(LEDGER, row(LEDGER, Quantity="two")), "line 2, column 'Quantity'"),
    (
        "ledger time",
        tab(LEDGER_SPACED, row(LEDGER_SPACED, **{"Date and Time": "soon"})),
        "line 2, column 'Date and Time'",
    ),
    (
        "ledger missing column",
        tab([h for h in LEDGER if h != "Quantity"], row([h for h in LEDGER if h != "Quantity"])),
        "line 1, column 'Quantity'",
    ),
    (
        "adjustment quantity",
        tab(ADJUSTMENTS, row(ADJUSTMENTS, quantity="1.5", reason="M")),
        "line 2, column 'quantity'",
    ),
    (
        "removal negative",
        tab(REMOVALS, row(REMOVALS, requested_quantity="-1")),
        "line 2, column 'requested-quantity'",
    ),
    (
        "removal status",
        tab(REMOVALS, row(REMOVALS, order_status="")),
        "line 2, column 'order-status'",
    ),
    (
        "shipment date",
        tab(SHIPMENTS, row(SHIPMENTS, shipment_date="")),
        "line 2, column 'shipment-date'",
    ),
    (
        "settlement day",
        tab(SETTLEMENT_V2, row(SETTLEMENT_V2, posted_date="31.02.2026")),
        "line 2, column 'posted-date'",
    ),
    (
        "settlement channel",
        tab(SETTLEMENT_V2, row(SETTLEMENT_V2, fulfillment_id="XYZ")),
        "line 2, column 'fulfillment-id'",
    ),
    (
        "settlement amount",
        tab(SETTLEMENT_V2, row(SETTLEMENT_V2, amount="lots")),
        "line 2, column 'amount'",
    ),
    (
        "date range date",
        csv(DATE_RANGE, row(DATE_RANGE, **{"date/time": "Sep 99, 2026 1:00:00 AM PDT"})),
        "line 6, column 'date/time'",
    ),
    (
        "date range zone",
        csv(DATE_RANGE, row(DATE_RANGE, **{"date/time": "Sep 9, 2026 1:00:00 AM XYZ"})),
        "line 6, column 'date/time'",
    ),
    (
        "date range quantity",
        csv(DATE_RANGE, row(DATE_RANGE, quantity="x")),
        "line 6, column 'quantity'",
    ),
    (
        "date range missing sku column",
        csv([h for h in DATE_RANGE if h != "sku"], row([h for h in DATE_RANGE if h != "sku"])),
        "line 5, column 'sku'",
    ),
    (
        "date range short row",
        csv(DATE_RANGE, row(DATE_RANGE)[:3]),
        "line 6, column 'order id'",
    ),
]


@pytest.mark.parametrize(("name", "write", "where"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_line_and_column(
    tmp_path: Path, name: str, write: Writer, where: str
) -> None:
    with pytest.raises(ImportRefused) as refused:
        parsed(tmp_path, write)
    assert str(refused.value).startswith(f"report.txt, {where}: "), str(refused.value)


def test_date_range_without_its_header_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text("\n".join(['"Includes Amazon Marketplace, FBA"'] * 50) + "\n")
    with pytest.raises(ImportRefused):
        detect_kind(path)
    from storage.reports.date_range.parse import parse

    with pytest.raises(ImportRefused, match="no header row starting date/time"):
        list(parse(path))


def test_a_bad_row_anywhere_imports_nothing(store: Any, tmp_path: Path) -> None:
    path = tab(LEDGER, *[row(LEDGER, ReferenceID=str(i)) for i in range(5)],
               row(LEDGER, Quantity="?"))(tmp_path / "ledger.txt")  # fmt: skip
    outcome = apply_import(store, path, now=NOW)
    assert outcome.error is not None and "line 7, column 'Quantity'" in outcome.error
    assert store.db.execute("SELECT count(*) FROM inventory_events").fetchone()[0] == 0


# --- encodings, re-imports ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "newline"), [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1252", "\r\n")]
)
def test_encodings_and_line_endings(tmp_path: Path, encoding: str, newline: str) -> None:
    write = tab(
        SHIPMENTS,
        row(SHIPMENTS, product_name="Crème brûlée torch", ship_city="Zürich"),
        encoding=encoding,
        newline=newline,
    )
    _, [s] = parsed(tmp_path, write)
    assert s.product_name == "Crème brûlée torch"
    assert "Zürich" in s.address


SAMPLE_COUNTS = {
    "shipments.txt": ("shipments", 4),
    "reimbursements.txt": ("reimbursements", 8),
    "adjustments.txt": ("adjustments", 3),
    "ledger.txt": ("ledger", 10),
    "ledger-spaced.txt": ("ledger", 3),
    "removals.txt": ("removals", 5),
    "settlement-v2.txt": ("settlement", 21),
    "settlement-v1-de.txt": ("settlement", 3),
    "date-range-us.csv": ("date_range", 2),
    "date-range-de.csv": ("date_range", 1),
    "returns-fba.txt": ("returns_fba", 2),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_COUNTS))
def test_sample_files_import_and_a_second_import_changes_nothing(
    store: Any, samples: Path, name: str
) -> None:
    path = samples / "reimbursements" / name
    kind, rows = SAMPLE_COUNTS[name]
    first = apply_import(store, path, now=NOW)
    assert (first.kind, first.added, first.error) == (kind, rows, None)
    again = apply_import(store, path, now=NOW)
    assert (again.added, again.updated, again.unchanged) == (0, 0, rows)


def test_twin_rows_of_one_file_stay_two_and_a_later_download_updates(
    store: Any, tmp_path: Path
) -> None:
    twin = row(LEDGER)
    first = apply_import(store, tab(LEDGER, twin, twin)(tmp_path / "l1.txt"), now=NOW)
    assert first.added == 2
    removal = apply_import(store, tab(REMOVALS, row(REMOVALS))(tmp_path / "r1.txt"), now=NOW)
    later = tab(REMOVALS, row(REMOVALS, shipped_quantity="5"))(tmp_path / "r2.txt")
    update = apply_import(store, later, now=NOW)
    assert (removal.added, update.added, update.updated) == (1, 0, 1)
    shipped = store.db.execute("SELECT shipped_quantity FROM removal_orders").fetchall()
    assert shipped == [(5,)]


def test_refusal_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        parsed(tmp_path, tab(REMOVALS, row(REMOVALS, request_date="x")), "removals-oct.txt")
    assert str(refused.value).startswith("removals-oct.txt, line 2, column 'request-date'")
