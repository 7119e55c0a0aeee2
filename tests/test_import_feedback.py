"""The feedback importer: layouts, per-file date styles, ratings, strike-through."""

from __future__ import annotations

import re
import zlib
from datetime import date
from pathlib import Path

import pytest

from core.model import Feedback
from storage.imports.errors import ImportRefused
from storage.reports.feedback import parse as feedback
from tests.fixtures.report_files import FEEDBACK_6, FEEDBACK_9, FIXTURES, write_table

US = "abc@marketplace.amazon.com"
UK = "abc@marketplace.amazon.co.uk"
DE = "abc@marketplace.amazon.de"
JP = "abc@marketplace.amazon.co.jp"


def order_id(key: str) -> str:
    """An Amazon-shaped order id for any short test key ("1", "a day")."""
    if re.fullmatch(r"\d{3}-\d{7}-\d{7}", key):
        return key
    crc = zlib.crc32(key.encode())
    return f"111-{crc % 10**7:07d}-{(crc // 7) % 10**7:07d}"


def fb_row(day: str, rating: str = "5", *, email: str = US, order: str = "", comments: str = "",
           response: str = "") -> list[str]:  # fmt: skip
    return [day, rating, comments, response, order_id(order or day), email]


def parse(path: Path) -> list[Feedback]:
    return list(feedback.parse(path))


def refusal(path: Path) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("dates", "email", "expected"),
    [
        # settled by the file itself
        (["11/3/26", "11/13/26"], US, [date(2026, 11, 3), date(2026, 11, 13)]),  # 2nd > 12: M/D
        (["11/3/26", "13/11/26"], US, [date(2026, 3, 11), date(2026, 11, 13)]),  # 1st > 12: D/M
        (["3/11/2026", "25/12/2026"], US, [date(2026, 11, 3), date(2026, 12, 25)]),  # 4-digit
        (["12/31/2026"], UK, [date(2026, 12, 31)]),  # M/D proven even with a UK rater
        (["3.11.26", "4.11.26"], US, [date(2026, 11, 3), date(2026, 11, 4)]),  # dots: D.M.YY
        (["03.11.2026"], US, [date(2026, 11, 3)]),
        (["2026/11/3", "2026/1/30"], US, [date(2026, 11, 3), date(2026, 1, 30)]),  # year first
        (["26/11/3", "26/1/30"], US, [date(2026, 11, 3), date(2026, 1, 30)]),  # JP YY/M/D
        # ambiguous in the file: the rater's marketplace decides
        (["3/11/26", "4/11/26"], UK, [date(2026, 11, 3), date(2026, 11, 4)]),
        (["3/11/26"], DE, [date(2026, 11, 3)]),
        (["3/11/26"], US, [date(2026, 3, 11)]),
        (["26/11/03"], JP, [date(2026, 11, 3)]),
        # unresolvable: US
        (["3/11/26"], "", [date(2026, 3, 11)]),
        (["3/11/26"], "buyer@example.com", [date(2026, 3, 11)]),
    ],
)
def test_date_styles(tmp_path: Path, dates: list[str], email: str, expected: list[date]) -> None:
    rows = [fb_row(d, email=email, order=f"111-000000{i}-1") for i, d in enumerate(dates)]
    got = parse(write_table(tmp_path / "f.txt", FEEDBACK_6, rows))
    assert [f.feedback_date for f in got] == expected


def test_majority_rater_marketplace_decides_an_ambiguous_file(tmp_path: Path) -> None:
    rows = [
        fb_row("3/11/26", email=UK, order="1"),
        fb_row("4/11/26", email=UK, order="2"),
        fb_row("5/11/26", email=US, order="3"),
    ]
    got = parse(write_table(tmp_path / "f.txt", FEEDBACK_6, rows))
    assert [f.feedback_date for f in got] == [date(2026, 11, d) for d in (3, 4, 5)]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["11/3/26", "13/11/26", "11/13/26"], "f.txt, line 4, column 'Date': '11/13/26' does not fit the D/M/YY or YY/M/D dates of the rows above it."),
        (["yesterday"], "f.txt, line 2, column 'Date': 'yes…' (9 characters) is not a date (expected M/D/YY, D/M/YY, D.M.YY or YY/M/D)."),
        (["13/13/26"], "f.txt, line 2, column 'Date': '13/13/26' is not a date (expected M/D/YY, D/M/YY, D.M.YY or YY/M/D)."),
        (["11/3/26", ""], "f.txt, line 3, column 'Date': the date is empty but is needed."),
        (["2/30/26"], "f.txt, line 2, column 'Date': '2/30/26' is not a date (expected M/D/YY, D/M/YY, D.M.YY or YY/M/D)."),
        (["11/3/126"], "f.txt, line 2, column 'Date': '11/3/126' is not a date (expected M/D/YY, D/M/YY, D.M.YY or YY/M/D)."),
    ],
)  # fmt: skip
def test_bad_dates_refuse(tmp_path: Path, dates: list[str], expected: str) -> None:
    rows = [fb_row(d, order=f"111-000000{i}-1") for i, d in enumerate(dates)]
    assert refusal(write_table(tmp_path / "f.txt", FEEDBACK_6, rows)) == expected


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ("0", "f.txt, line 3, column 'Rating': '0' is not a rating from 1 to 5."),
        ("6", "f.txt, line 3, column 'Rating': '6' is not a rating from 1 to 5."),
        ("4.5", "f.txt, line 3, column 'Rating': '4.5' is not a rating from 1 to 5."),
        (
            "five",
            "f.txt, line 3, column 'Rating': 'fiv…' (4 characters) is not a rating from 1 to 5.",
        ),
        ("", "f.txt, line 3, column 'Rating': the rating is empty but is needed."),
    ],
)
def test_ratings_outside_one_to_five_refuse(tmp_path: Path, rating: str, expected: str) -> None:
    rows = [fb_row("11/3/26", "5", order="1"), fb_row("11/4/26", rating, order="2")]
    assert refusal(write_table(tmp_path / "f.txt", FEEDBACK_6, rows)) == expected


def test_missing_order_id_column_and_empty_order_id_refuse(tmp_path: Path) -> None:
    header = [h for h in FEEDBACK_6 if h != "Order ID"]
    path = write_table(tmp_path / "f.txt", header, [["11/3/26", "5", "", "", US]])
    assert refusal(path) == (
        "f.txt, line 1, column 'Order ID': the required column 'Order ID' is missing."
    )
    path = write_table(tmp_path / "g.txt", FEEDBACK_6, [["11/3/26", "5", "", "", " ", US]])
    assert refusal(path) == "g.txt, line 2, column 'Order ID': the value is empty but is needed."


FULFILLED = (
    "This item was fulfilled by Amazon, and we take responsibility for this fulfillment experience."
)
FULFILMENT_UK = (
    "This item was fulfilled by Amazon, and we take responsibility for this fulfilment experience."
)
DELIVERED = (
    "This item was delivered by Amazon, and we take responsibility for this delivery experience."
)


@pytest.mark.parametrize(
    ("comments", "response", "struck"),
    [
        ("Arrived late.", FULFILLED, True),
        ("Arrived late.", FULFILMENT_UK, True),
        ("Arrived late.", DELIVERED, True),
        (FULFILLED, "", True),
        ("Late. " + DELIVERED.upper(), "", True),
        ("Late.", "  this item was fulfilled by amazon,  and we take\nresponsibility for this fulfillment experience.", True),
        ("Arrived late.", "Sorry, we will do better.", False),
        ("This item was fulfilled by Amazon", "", False),
    ],
)  # fmt: skip
def test_struck_through(tmp_path: Path, comments: str, response: str, struck: bool) -> None:
    response = response.replace("\n", " ")  # one physical line per row
    rows = [fb_row("11/3/26", "1", comments=comments, response=response, order="1")]
    (got,) = parse(write_table(tmp_path / "f.txt", FEEDBACK_6, rows))
    assert got.struck_through is struck


@pytest.mark.parametrize(
    ("ratings", "full"),
    [(["1", "2", "3"], False), (["1", "4"], True), (["5"], True), ([], False)],
)
def test_from_full_report_when_the_file_holds_positive_rows(
    tmp_path: Path, ratings: list[str], full: bool
) -> None:
    rows = [fb_row("11/3/26", r, order=str(i)) for i, r in enumerate(ratings)]
    got = parse(write_table(tmp_path / "f.txt", FEEDBACK_6, rows))
    assert all(f.from_full_report is full for f in got)
    assert len(got) == len(ratings)


def test_nine_column_layout_uk_fixture() -> None:
    got = parse(FIXTURES / "feedback-uk-9col.txt")
    assert [(f.order_id, f.feedback_date, f.rating) for f in got] == [
        ("202-1111111-1111111", date(2026, 11, 3), 1),
        ("202-2222222-2222222", date(2026, 11, 4), 5),
        ("202-3333333-3333333", date(2026, 11, 5), 2),
    ]
    assert [f.struck_through for f in got] == [False, False, True]
    assert {f.marketplace for f in got} == {"Amazon.co.uk"}
    assert all(f.from_full_report for f in got)
    assert got[0].rater_email == "a1b2c3@marketplace.amazon.co.uk"


def test_nine_column_layout_reordered_with_unknown_columns(tmp_path: Path) -> None:
    header = ["Extra", *reversed(FEEDBACK_9)]
    row = ["x", US, "111-0000001-0000001", "Yes", "Yes", "Yes", "", "Great", "5", "8/27/26"]
    (got,) = parse(
        write_table(tmp_path / "f.txt", header, [row], encoding="utf-8-sig", newline="\r\n")
    )
    assert (got.order_id, got.rating, got.comments, got.feedback_date) == (
        "111-0000001-0000001", 5, "Great", date(2026, 8, 27),
    )  # fmt: skip
    assert got.marketplace == "Amazon.com"


def test_marketplace_falls_back_to_empty(tmp_path: Path) -> None:
    rows = [fb_row("11/3/26", email="", order="1"), fb_row("11/4/26", email="x@y.com", order="2")]
    got = parse(write_table(tmp_path / "f.txt", FEEDBACK_6, rows))
    assert [f.marketplace for f in got] == ["", ""]


def test_header_only_file_is_valid(tmp_path: Path) -> None:
    assert parse(write_table(tmp_path / "f.txt", FEEDBACK_6, [])) == []


def test_sample_parses_with_expected_count(samples: Path) -> None:
    got = parse(samples / "seller-a" / "feedback.txt")
    assert len(got) == 127
    assert len({f.order_id for f in got}) == 127
    assert sum(f.struck_through for f in got) == 2
    assert all(f.from_full_report and f.marketplace == "Amazon.com" for f in got)
    assert got[0].feedback_date == date(2026, 8, 27)
    assert min(f.feedback_date for f in got) >= date(2026, 1, 1)
