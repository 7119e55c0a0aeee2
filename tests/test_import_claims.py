"""claims.csv importer: enums, timestamps, amounts, quoting and refusals."""

from __future__ import annotations

import codecs
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from storage.imports.errors import ImportRefused
from storage.reports.claims.parse import KIND, parse

HEADER = (
    "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
    "info_requested_at,decided_at,buy_shipping_protected,notes"
)


def row(
    claim_id: str = "AZ-1",
    order_id: str = "111-1234567-1234567",
    kind: str = "a-to-z",
    filed_at: str = "2026-11-01T12:00:00+00:00",
    amount: str = "19.99",
    currency: str = "USD",
    reason: str = "not_received",
    status: str = "open",
    info_requested_at: str = "",
    decided_at: str = "",
    protected: str = "false",
    notes: str = "",
) -> str:
    return ",".join(
        (claim_id, order_id, kind, filed_at, amount, currency, reason, status)
        + (info_requested_at, decided_at, protected, notes)
    )


def write(tmp_path: Path, *rows: str, newline: str = "\n", bom: bool = False) -> Path:
    path = tmp_path / "claims.csv"
    data = (newline.join((HEADER, *rows)) + newline).encode("utf-8")
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


def test_kind() -> None:
    assert KIND == "claims"


def test_sample_file(samples: Path) -> None:
    claims = list(parse(samples / "seller-a" / "claims.csv"))
    assert len(claims) == 12
    assert Counter(c.kind for c in claims) == {"a-to-z": 9, "chargeback": 3}
    first = claims[0]
    assert first.claim_id == "AZ-11-0000"
    assert first.amount == Decimal("14.50")
    assert first.status == "refunded_after_filing"
    assert first.decided_at == datetime(2026, 9, 28, 3, 25, 52, tzinfo=UTC)
    assert first.info_requested_at is None
    info = next(c for c in claims if c.claim_id == "AZ-11-0002")
    assert info.info_requested_at == datetime(2026, 10, 29, 5, 7, 45, tzinfo=UTC)


def test_full_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        row(
            kind="chargeback",
            filed_at="2026-11-01T09:00:00-05:00",
            amount='"1,234.50"',
            currency="eur",
            reason="fraud",
            status="won",
            info_requested_at="2026-11-02",
            decided_at="2026-11-10T00:00:00Z",
            protected="true",
            notes='"Bank said, ""card stolen""\nsecond line"',
        ),
    )
    [claim] = parse(path)
    assert claim.kind == "chargeback"
    assert claim.filed_at == datetime(2026, 11, 1, 14, 0, tzinfo=UTC)
    assert claim.amount == Decimal("1234.50")
    assert claim.currency == "EUR"
    assert (claim.reason, claim.status) == ("fraud", "won")
    assert claim.info_requested_at == datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
    assert claim.decided_at == datetime(2026, 11, 10, 0, 0, tzinfo=UTC)
    assert claim.buy_shipping_protected is True
    assert claim.notes == 'Bank said, "card stolen"\nsecond line'


@pytest.mark.parametrize(
    ("filed_at", "expected"),
    [
        ("2026-11-01", datetime(2026, 11, 1, 0, 0, tzinfo=UTC)),
        ("2026-11-01T23:30:00+02:00", datetime(2026, 11, 1, 21, 30, tzinfo=UTC)),
        ("2026-11-01T12:00:00Z", datetime(2026, 11, 1, 12, 0, tzinfo=UTC)),
    ],
    ids=["bare-date-is-midnight-utc", "offset", "zulu"],
)
def test_timestamps(tmp_path: Path, filed_at: str, expected: datetime) -> None:
    [claim] = parse(write(tmp_path, row(filed_at=filed_at)))
    assert claim.filed_at == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"kind": "A-to-Z"}, ("a-to-z", "not_received", "open")),
        (
            {"reason": "Damaged_In_Transit", "status": "INFO_REQUESTED"},
            ("a-to-z", "damaged_in_transit", "info_requested"),
        ),
    ],
)
def test_enums_ignore_case(
    tmp_path: Path, cells: dict[str, str], expected: tuple[str, str, str]
) -> None:
    [claim] = parse(write(tmp_path, row(**cells)))
    assert (claim.kind, claim.reason, claim.status) == expected


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", False), ("\n", True)], ids=["crlf", "bom"])
def test_line_endings_and_bom(tmp_path: Path, newline: str, bom: bool) -> None:
    claims = list(parse(write(tmp_path, row(), row(claim_id="AZ-2"), newline=newline, bom=bom)))
    assert [c.claim_id for c in claims] == ["AZ-1", "AZ-2"]
    assert claims[1].notes == ""


def test_header_only_file_is_valid(tmp_path: Path) -> None:
    assert list(parse(write(tmp_path))) == []


def test_empty_optional_cells(tmp_path: Path) -> None:
    [claim] = parse(write(tmp_path, row(amount="", currency="", protected="")))
    assert claim.amount is None and claim.currency == "" and claim.buy_shipping_protected is False


NOTES = row(claim_id="AZ-0", notes='"first\nsecond\nthird"')


@pytest.mark.parametrize(
    ("rows", "line", "column", "fragment"),
    [
        (
            (row(kind="guarantee"),),
            2,
            "kind",
            "'guarantee' is not one of the known values (a-to-z, chargeback)",
        ),
        (
            (row(reason="lost_parcel"),),
            2,
            "reason",
            "(not_received, late_delivery, damaged_in_transit,",
        ),
        (
            (row(status="closed"),),
            2,
            "status",
            "'closed' is not one of the known values (open, info_requested,",
        ),
        ((NOTES, row(status="pending")), 5, "status", "'pending'"),
        ((row(filed_at="01/11/2026"),), 2, "filed_at", "'01/11/2026' is not an ISO 8601 timestamp"),
        ((row(filed_at=""),), 2, "filed_at", "empty"),
        ((row(decided_at="soon"),), 2, "decided_at", "'soo…' (4 characters)"),
        ((row(info_requested_at="2026-13-01"),), 2, "info_requested_at", "'2026-13-01'"),
        ((row(amount="twelve"),), 2, "amount", "'twe…' (6 characters) is not a number"),
        ((row(protected="perhaps"),), 2, "buy_shipping_protected", "'perhaps'"),
        ((row(claim_id=""),), 2, "claim_id", "empty"),
        ((row(order_id=""),), 2, "order_id", "empty"),
    ],
    ids=[
        "unknown-kind",
        "unknown-reason",
        "unknown-status",
        "line-of-record-start-after-multiline-notes",
        "bad-filed-at",
        "empty-filed-at",
        "bad-decided-at",
        "impossible-date",
        "bad-amount",
        "bad-flag",
        "empty-claim-id",
        "empty-order-id",
    ],
)
def test_bad_cells_refuse_with_file_line_and_column(
    tmp_path: Path, rows: tuple[str, ...], line: int, column: str, fragment: str
) -> None:
    with pytest.raises(ImportRefused) as info:
        list(parse(write(tmp_path, *rows)))
    message = str(info.value)
    assert message.startswith(f"claims.csv, line {line}, column '{column}': ")
    assert fragment in message


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        (
            "claim_id,order_id,kind,filed_at,reason\nA,B,a-to-z,2026-11-01,other\n",
            1,
            "status",
            "required column 'status' is missing",
        ),
        (
            f"{HEADER}\nAZ-1,111-1234567-1234567,a-to-z\n",
            2,
            "filed_at",
            "cells but the header has 12",
        ),
        ("", None, None, "the file is empty"),
    ],
    ids=["missing-column", "short-row", "empty-file"],
)
def test_malformed_files_refuse(
    tmp_path: Path, text: str, line: int | None, column: str | None, fragment: str
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused) as info:
        list(parse(path))
    assert (info.value.file, info.value.line, info.value.column) == ("claims.csv", line, column)
    assert fragment in str(info.value)
