"""FBM return requests and FBA customer returns importers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from core.model import FbaReturn, ReturnRequest
from storage.imports.errors import ImportRefused
from storage.imports.reading import parse_date_dmy_mon
from storage.reports.returns_fba import parse as returns_fba
from storage.reports.returns_fbm import parse as returns_fbm
from tests.fixtures.report_files import FIXTURES, RETURNS_FBA, RETURNS_FBM, write_table


def fbm_row(**values: str) -> list[str]:
    defaults = {
        "Order ID": "111-0000001-0000001",
        "Order date": "02-Sep-2026",
        "Return request date": "22-Sep-2026",
        "Return request status": "Approved",
        "Amazon RMA ID": "D1RMA",
        "Merchant RMA ID": " ",
        "Currency code": "USD",
        "A-to-Z Claim": "N",
        "Is prime": "N",
        "ASIN": "B0SCALE001",
        "Merchant SKU": "KT-SCALE",
        "Item Name": "Digital kitchen scale, 5 kg",
        "Return quantity": "1",
        "Return Reason": "CR-DEFECTIVE",
        "In policy": "Y",
        "Return type": "C-Returns",
        "Resolution": "StandardRefund",
        "Order Amount": "19.99",
    }
    defaults.update({k.replace("_", " "): v for k, v in values.items()})
    return [defaults.get(h, "") for h in RETURNS_FBM]


def fba_row(**values: str) -> list[str]:
    defaults = {
        "return-date": "2026-12-01T08:55:15+00:00",
        "order-id": "113-4454024-4677443",
        "sku": "KT-WHISK",
        "asin": "B0WH1SK001",
        "fnsku": "X00WH1SK01",
        "product-name": 'Balloon whisk 12"',
        "quantity": "1",
        "fulfillment-center-id": "LEX1",
        "detailed-disposition": "CUSTOMER_DAMAGED",
        "reason": "DEFECTIVE",
        "status": "Unit returned to inventory",
        "license-plate-number": "LPNX0000001",
        "customer-comments": "Stopped working after a week",
    }
    defaults.update({k.replace("_", "-"): v for k, v in values.items()})
    return [defaults.get(h, "") for h in RETURNS_FBA]


def fbm(path: Path) -> list[ReturnRequest]:
    return list(returns_fbm.parse(path))


def fba(path: Path) -> list[FbaReturn]:
    return list(returns_fba.parse(path))


def refusal(parse: object, path: Path) -> str:
    assert callable(parse)
    with pytest.raises(ImportRefused) as caught:
        list(parse(path))
    return str(caught.value)


# --- FBM -------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_fbm_row_maps_every_field(tmp_path: Path, newline: str, encoding: str) -> None:
    row = fbm_row(Item_Name="Silicone canelé mold", Refunded_Amount="19.99")
    path = write_table(tmp_path / "r.txt", RETURNS_FBM, [row], encoding=encoding, newline=newline)
    (got,) = fbm(path)
    assert got == ReturnRequest(
        order_id="111-0000001-0000001",
        rma_id="D1RMA",
        request_date=date(2026, 9, 22),
        status="Approved",
        order_date=date(2026, 9, 2),
        in_policy=True,
        a_to_z_claim=False,
        is_prime=False,
        asin="B0SCALE001",
        sku="KT-SCALE",
        item_name="Silicone canelé mold",
        quantity=1,
        reason="CR-DEFECTIVE",
        return_type="C-Returns",
        resolution="StandardRefund",
        currency="USD",
        order_amount=Decimal("19.99"),
        refunded_amount=Decimal("19.99"),
    )
    assert (got.decided_at, got.first_seen_decided, got.negative_feedback) == (None, False, False)


@pytest.mark.parametrize(
    ("cells", "field", "expected"),
    [
        ({"In policy": " "}, "in_policy", None),
        ({"In policy": "N"}, "in_policy", False),
        ({"A-to-Z Claim": "Y"}, "a_to_z_claim", True),
        ({"Is prime": "Y"}, "is_prime", True),
        ({"Return request status": "pending"}, "status", "Pending"),
        ({"Return request status": "Authorized"}, "status", "Authorized"),
        ({"Return request status": "Rejected"}, "status", "Rejected"),
        ({"Return request status": "Closed"}, "status", "Closed"),
        ({"Return request date": "1-jan-2026"}, "request_date", date(2026, 1, 1)),
        ({"Return request date": "2026-07-10"}, "request_date", date(2026, 7, 10)),
        ({"Order date": ""}, "order_date", None),
        ({"Return quantity": ""}, "quantity", 1),
        ({"Return quantity": "3"}, "quantity", 3),
        ({"Order Amount": " "}, "order_amount", None),
        ({"Order Amount": "12,50"}, "order_amount", Decimal("12.50")),
    ],
)
def test_fbm_cells(tmp_path: Path, cells: dict[str, str], field: str, expected: object) -> None:
    row = fbm_row()
    for name, value in cells.items():
        row[RETURNS_FBM.index(name)] = value
    (got,) = fbm(write_table(tmp_path / "r.txt", RETURNS_FBM, [row]))
    assert getattr(got, field) == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"Return request status": "Lost"}, "r.txt, line 3, column 'Return request status': 'Los…' (4 characters) is not a return status we know (Pending, Approved, Authorized, Closed, Rejected): whether a request is decided changes the Return Dissatisfaction Rate, so the file is refused rather than guessed."),
        ({"Return request date": "2026/09/22"}, "r.txt, line 3, column 'Return request date': '2026/09/22' is not a date like 10-Jul-2025."),
        ({"Return request date": "10-Jly-2025"}, "r.txt, line 3, column 'Return request date': '10-Jly-2025' is not a date like 10-Jul-2025."),
        ({"Return request date": "31-Feb-2026"}, "r.txt, line 3, column 'Return request date': '31-Feb-2026' is not a date like 10-Jul-2025."),
        ({"Return request date": " "}, "r.txt, line 3, column 'Return request date': the date is empty but is needed."),
        ({"Order date": "yesterday"}, "r.txt, line 3, column 'Order date': 'yes…' (9 characters) is not a date like 10-Jul-2025."),
        ({"In policy": "maybe"}, "r.txt, line 3, column 'In policy': 'maybe' is not one of Y/N or true/false."),
        ({"Return quantity": "1.5"}, "r.txt, line 3, column 'Return quantity': '1.5' is not a whole number."),
        ({"Order Amount": "ten"}, "r.txt, line 3, column 'Order Amount': 'ten' is not a number."),
        ({"Amazon RMA ID": ""}, "r.txt, line 3, column 'Amazon RMA ID': the value is empty but is needed."),
    ],
)  # fmt: skip
def test_fbm_bad_cells_refuse(tmp_path: Path, cells: dict[str, str], expected: str) -> None:
    bad = fbm_row()
    for name, value in cells.items():
        bad[RETURNS_FBM.index(name)] = value
    path = write_table(tmp_path / "r.txt", RETURNS_FBM, [fbm_row(), bad])
    assert refusal(returns_fbm.parse, path) == expected


def test_fbm_missing_column_and_short_row_refuse(tmp_path: Path) -> None:
    header = [h for h in RETURNS_FBM if h != "Amazon RMA ID"]
    path = write_table(tmp_path / "r.txt", header, [])
    assert refusal(returns_fbm.parse, path) == (
        "r.txt, line 1, column 'Amazon RMA ID': the required column 'Amazon RMA ID' is missing."
    )
    short = fbm_row()[:3]
    path = write_table(tmp_path / "s.txt", RETURNS_FBM, [short])
    assert refusal(returns_fbm.parse, path) == (
        f"s.txt, line 2, column 'Amazon RMA ID': the row has 3 cells but the header has "
        f"{len(RETURNS_FBM)}."
    )


def test_fbm_category_column_fixture_crlf() -> None:
    first, second = fbm(FIXTURES / "returns-fbm-category.txt")
    assert (first.category, first.is_prime, first.refunded_amount) == (
        "Kitchen", True, Decimal("19.99"),
    )  # fmt: skip
    assert (second.status, second.in_policy, second.a_to_z_claim, second.quantity) == (
        "Pending", None, True, 2,
    )  # fmt: skip
    assert second.item_name == "Silicone canelé mold"


def test_fbm_reordered_columns_and_header_only(tmp_path: Path) -> None:
    header = list(reversed(RETURNS_FBM))
    (got,) = fbm(write_table(tmp_path / "r.txt", header, [list(reversed(fbm_row()))]))
    assert (got.order_id, got.rma_id, got.sku) == ("111-0000001-0000001", "D1RMA", "KT-SCALE")
    assert fbm(write_table(tmp_path / "h.txt", RETURNS_FBM, [])) == []


GERMAN_MONTHS = ["", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember"]  # fmt: skip
GERMAN_ABBR = ["", "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov",
               "Dez"]  # fmt: skip


@contextmanager
def german_month_names() -> Iterator[None]:
    """Month names as a German LC_TIME gives them (Qt sets LC_ALL from the desktop), with
    no locale installed: the calendar's names, and strptime's table built from them."""
    import _strptime
    import calendar

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(calendar, "month_name", GERMAN_MONTHS)
        mp.setattr(calendar, "month_abbr", GERMAN_ABBR)
        mp.setattr(_strptime, "_TimeRE_cache", _strptime.TimeRE())
        mp.setattr(_strptime, "_regex_cache", {})
        yield


@pytest.fixture
def german_time_locale() -> Iterator[None]:
    with german_month_names():
        yield


def test_the_german_month_names_are_in_force() -> None:
    """Guard of the test below: under the fixture, a strptime-based parser would fail."""
    with german_month_names():
        assert datetime.strptime("10-Okt-2025", "%d-%b-%Y").month == 10
        with pytest.raises(ValueError):
            datetime.strptime("10-Oct-2025", "%d-%b-%Y")
    assert datetime.strptime("10-Oct-2025", "%d-%b-%Y").month == 10


@pytest.mark.usefixtures("german_time_locale")
def test_month_names_are_english_whatever_the_locale() -> None:
    assert parse_date_dmy_mon("10-Oct-2025") == date(2025, 10, 10)
    assert parse_date_dmy_mon("05-May-2025") == date(2025, 5, 5)


def test_fbm_sample(samples: Path) -> None:
    got = fbm(samples / "seller-a" / "returns-fbm.txt")
    assert len(got) == 38
    assert len({(r.order_id, r.rma_id) for r in got}) == 38
    assert {r.status for r in got} == {"Approved", "Closed", "Pending", "Rejected"}


# --- FBA -------------------------------------------------------------------


def test_fba_row_maps_every_field_and_converts_to_utc(tmp_path: Path) -> None:
    row = fba_row(return_date="2026-12-01T08:55:15-08:00", quantity="2")
    (got,) = fba(write_table(tmp_path / "a.txt", RETURNS_FBA, [row], newline="\r\n"))
    assert got == FbaReturn(
        return_date=datetime(2026, 12, 1, 16, 55, 15, tzinfo=UTC),
        order_id="113-4454024-4677443",
        sku="KT-WHISK",
        asin="B0WH1SK001",
        fnsku="X00WH1SK01",
        product_name='Balloon whisk 12"',
        quantity=2,
        fulfillment_center_id="LEX1",
        detailed_disposition="CUSTOMER_DAMAGED",
        reason="DEFECTIVE",
        status="Unit returned to inventory",
        license_plate_number="LPNX0000001",
        customer_comments="Stopped working after a week",
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"return_date": "01-Dec-2026"}, "a.txt, line 2, column 'return-date': '01-Dec-2026' is not an ISO 8601 timestamp."),
        ({"return_date": ""}, "a.txt, line 2, column 'return-date': the timestamp is empty but is needed."),
        ({"order_id": " "}, "a.txt, line 2, column 'order-id': the value is empty but is needed."),
        ({"quantity": "x"}, "a.txt, line 2, column 'quantity': 'x' is not a whole number."),
        ({"quantity": "-2"}, "a.txt, line 2, column 'quantity': '-2' is not a quantity."),
    ],
)  # fmt: skip
def test_fba_bad_cells_refuse(tmp_path: Path, cells: dict[str, str], expected: str) -> None:
    path = write_table(tmp_path / "a.txt", RETURNS_FBA, [fba_row(**cells)])
    assert refusal(returns_fba.parse, path) == expected


def test_fba_extra_columns_trimmed_cells_and_header_only(tmp_path: Path) -> None:
    header = ["extra", *RETURNS_FBA]
    row = ["zz", *(f" {c} " for c in fba_row(customer_comments=" "))]
    (got,) = fba(write_table(tmp_path / "a.txt", header, [row], encoding="utf-8-sig"))
    assert (got.sku, got.customer_comments, got.status) == (
        "KT-WHISK", "", "Unit returned to inventory",
    )  # fmt: skip
    assert fba(write_table(tmp_path / "h.txt", RETURNS_FBA, [])) == []


def test_fba_sample(samples: Path) -> None:
    got = fba(samples / "seller-a" / "returns-fba.txt")
    assert len(got) == 39
    assert all(r.return_date.tzinfo is UTC for r in got)
    assert any("cavités" in r.product_name for r in got)
