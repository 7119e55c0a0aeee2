"""The shapes of Amazon's key cells: a value cut short is refused, never stored as a key.

An interrupted download can cut a cell in the middle. Where that cell is a key
(an order id, an RMA id, a license plate, an FNSKU, an ASIN), storing the cut
value would make a second, wrong record that no later import corrects, so the
parsers check every key cell against its shape and refuse the file, naming
line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Shape:
    """A key's pattern and how a refusal describes it."""

    pattern: re.Pattern[str]
    expected: str

    def fits(self, value: str) -> bool:
        return self.pattern.fullmatch(value) is not None


ORDER_ID = Shape(re.compile(r"\d{3}-\d{7}-\d{7}"), "an Amazon order id like 123-1234567-1234567")
ASIN = Shape(
    re.compile(r"B0[A-Z0-9]{8}|\d{9}[\dX]"),
    "an ASIN (B0 and 8 letters or digits, or a 10-digit ISBN)",
)
FNSKU = Shape(
    re.compile(r"X0[A-Z0-9]{8}|B0[A-Z0-9]{8}|\d{9}[\dX]"),
    "an FNSKU (X0 and 8 letters or digits, or the ASIN)",
)
RMA_ID = Shape(re.compile(r"[A-Za-z0-9]+RMA"), "an Amazon RMA id ending in RMA")
LICENSE_PLATE = Shape(
    re.compile(r"LPN[A-Z0-9]{8,}"), "a license plate number (LPN and at least 8 letters or digits)"
)
