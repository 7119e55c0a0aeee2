"""Seller feedback (GET_SELLER_FEEDBACK_DATA and the Feedback Manager download).

Two things need the whole file before the first record can be built: the
day/month order of the dates (decided per file) and `from_full_report` (any
4-5 star row). Feedback files hold at most tens of thousands of rows, so this
importer reads the file fully into memory first; the others stream.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from core.marketplaces import from_relay_address
from core.model import Feedback, ReportKind, is_struck_through
from storage.imports.errors import not_a, shown
from storage.imports.reading import Column, Head, Row, read_table
from storage.imports.shapes import ORDER_ID

KIND: ReportKind = "feedback"

COLUMNS: tuple[Column, ...] = (
    Column("Date"),
    Column("Rating"),
    Column("Order ID", ("order-id", "amazon-order-id")),
    Column("Comments", ("Comment",), required=False),
    Column("Your Response", ("Response",), required=False),
    Column("Rater Email", ("Rater E-mail", "Rater E mail", "Buyer Email"), required=False),
)

DATE_STYLES = ("MDY", "DMY", "YMD")
"""Preference order when nothing else settles it: US first (reports.md)."""

_STYLE_TEXT = {"MDY": "M/D/YY", "DMY": "D/M/YY", "YMD": "YY/M/D"}
_DATE = re.compile(r"([0-9]{1,4})([/.\-])([0-9]{1,4})\2([0-9]{1,4})")
_RATINGS = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}


def sniff(head: Head) -> bool:
    """Both layouts (6 and 9 columns) carry these three."""
    return {"date", "rating", "order id"} <= head.keys


def parse(path: Path) -> Iterator[Feedback]:
    """Read the whole file, settle the date style, then yield one Feedback per row."""
    rows = list(read_table(path, COLUMNS, delimiter="\t"))
    style = decide_date_style(rows)
    ratings = [_rating(row) for row in rows]
    full = any(r >= 4 for r in ratings)
    for row, rating in zip(rows, ratings, strict=True):
        comments, response = row.get("Comments"), row.get("Your Response")
        email = row.get("Rater Email")
        market = from_relay_address(email) if email else None
        yield Feedback(
            order_id=row.key("Order ID", ORDER_ID),
            feedback_date=_date_in_style(row, style),
            rating=rating,
            comments=comments,
            response=response,
            rater_email=email,
            marketplace=market.name if market else "",
            struck_through=is_struck_through(comments, response),
            from_full_report=full,
        )


def date_styles(text: str) -> frozenset[str]:
    """The styles under which `text` is a real calendar date.

    Dots are German D.M.YY (never M/D); a 2-digit first field is a year only
    with slashes or dashes (JP YY/M/D); a year field has 2 or 4 digits.
    """
    m = _DATE.fullmatch(text)
    if m is None:
        return frozenset()
    a, sep, b, c = m.groups()
    found = set()
    if sep != "." and _make(c, a, b):
        found.add("MDY")
    if _make(c, b, a):
        found.add("DMY")
    if (sep != "." or len(a) == 4) and _make(a, b, c):
        found.add("YMD")
    return frozenset(found)


def to_date(text: str, style: str) -> date | None:
    """`text` read in `style` ("MDY", "DMY", "YMD"); None when it is not a date."""
    m = _DATE.fullmatch(text)
    if m is None or style not in date_styles(text):
        return None
    a, _, b, c = m.groups()
    parts = {"MDY": (c, a, b), "DMY": (c, b, a), "YMD": (a, b, c)}[style]
    return _make(*parts)


def decide_date_style(rows: Iterable[Row]) -> str:
    """One style per file: what every row allows, else the rater domain, else US."""
    possible = frozenset(DATE_STYLES)
    domains: Counter[str] = Counter()
    for row in rows:
        text = row.get("Date")
        styles = date_styles(text)
        if not styles:
            if not text:
                raise row.refuse("Date", "the date is empty but is needed")
            raise row.refuse(
                "Date", not_a(text, "date", "a date (expected M/D/YY, D/M/YY, D.M.YY or YY/M/D)")
            )
        if not possible & styles:
            earlier = " or ".join(_STYLE_TEXT[s] for s in DATE_STYLES if s in possible)
            raise row.refuse(
                "Date",
                f"{shown(text, 'date')} does not fit the {earlier} dates of the rows above it",
            )
        possible &= styles
        market = from_relay_address(row.get("Rater Email"))
        if market is not None:
            domains[market.date_style] += 1
    for style, _ in domains.most_common():
        if style in possible:
            return style
    return next(s for s in DATE_STYLES if s in possible)


def _make(year: str, month: str, day: str) -> date | None:
    if len(year) not in (2, 4) or len(month) > 2 or len(day) > 2:
        return None
    y = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(y, int(month), int(day))
    except ValueError:
        return None


def _date_in_style(row: Row, style: str) -> date:
    found = to_date(row.get("Date"), style)
    if found is None:  # decide_date_style checked every row; kept for safety
        raise row.refuse("Date", not_a(row.get("Date"), "date", f"a {_STYLE_TEXT[style]} date"))
    return found


def _rating(row: Row) -> int:
    text = row.get("Rating")
    rating = _RATINGS.get(text)
    if rating is None:
        if not text:
            raise row.refuse("Rating", "the rating is empty but is needed")
        raise row.refuse("Rating", not_a(text, "number", "a rating from 1 to 5"))
    return rating
