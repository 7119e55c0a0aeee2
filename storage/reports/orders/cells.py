"""The All Orders parser's slow path: each value not seen before in a file, checked once.

parse.py keeps a dict per column of the values it has already seen; a value
that is not there comes here, is validated (or refused, in the one wording of
storage/imports/errors.py), and is cached for the rest of the file.

Which unknown values refuse the file, column by column (reports.md section 7):
- `order-status`: never. Only Cancelled changes a metric, so an unknown status
  is kept as written, counts as not cancelled, and is counted for the import line.
- `fulfillment-channel`: always. It decides whether the order counts in the FBA
  or the seller-fulfilled Order Defect Rate, so a value we cannot place refuses
  the file instead of being guessed.
- `ship-service-level`, `item-status`: free text, stored as written; no metric
  reads them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from core.clock import iso, parse_iso
from core.marketplaces import marketplace_name
from core.model import CANCELLED, ORDER_STATUSES, Channel
from storage.imports.errors import ImportRefused, cut_off, not_a
from storage.imports.reading import parse_amount
from storage.imports.shapes import ASIN, ORDER_ID, Shape

CHANNELS: dict[str, Channel] = {
    "amazon": "afn", "afn": "afn", "fba": "afn",
    "merchant": "mfn", "mfn": "mfn", "fbm": "mfn", "seller": "mfn",
}  # fmt: skip
"""Fulfilment-channel spellings (folded) and the channel each one means."""
FLAGS = {"": False, "false": False, "true": True, "n": False, "y": True, "0": False, "1": True}
NON_AMAZON = "non-amazon"
_STATUSES = {s.lower(): s for s in ORDER_STATUSES} | {"canceled": CANCELLED}
_CACHE_LIMIT = 4096  # distinct prices / quantities remembered per file
UNSEEN: Any = object()


class Cells:
    """Validates a value not seen before and caches the result.

    `stored` returns instants, prices and flags in their stored forms (see
    parse.stored_blocks); the checks, and so the refusals, are the same.
    """

    def __init__(self, file: str, *, stored: bool = False) -> None:
        self.file = file
        self.stored = stored
        self.statuses: dict[str, str] = {}
        self.unknown: dict[str, int] = {}
        """Statuses we do not know, as written, with the rows that had them."""
        self.channels: dict[str, Channel] = {}
        self.markets: dict[str, str | None] = {}
        self.quantities: dict[str, int] = {}
        self.prices: dict[str, Decimal | str | None] = {"": None}
        self.flags: dict[str, bool | int] = {
            text: int(flag) if stored else flag for text, flag in FLAGS.items()
        }
        self.asins: set[str] = {""}

    def refuse(self, line: int, column: str, reason: str) -> ImportRefused:
        return ImportRefused(self.file, reason, line, column)

    def cut_off(self, line: int) -> ImportRefused:
        return ImportRefused(self.file, cut_off(line), line)

    def key(self, line: int, column: str, value: str, shape: Shape) -> None:
        if not value:
            raise self.refuse(line, column, "the value is empty but is needed")
        if not shape.fits(value):
            raise self.refuse(line, column, not_a(value, "code", shape.expected))

    def order_id(self, line: int, value: str, *, amazon: bool) -> None:
        """Amazon's orders have Amazon's id shape; Multi-Channel ones (skipped) any id."""
        if not value:
            raise self.refuse(line, "amazon-order-id", "the order id is empty but is needed")
        if amazon:
            self.key(line, "amazon-order-id", value, ORDER_ID)

    def asin(self, line: int, value: str) -> None:
        if not ASIN.fits(value):
            raise self.refuse(line, "asin", not_a(value, "code", ASIN.expected))
        self.asins.add(value)

    def timestamp(self, line: int, column: str, value: str) -> datetime | str:
        try:
            found: datetime | None = datetime.fromisoformat(value)  # parse_iso's rules, faster
        except ValueError:
            found = None
        if found is None or found.tzinfo is not UTC:
            found = self._instant(line, column, value)
        if not self.stored:
            return found
        if (
            len(value) == 25
            and value.endswith("+00:00")
            and value[10] == "T"
            and value[4] == value[7] == "-"
            and value[13] == value[16] == ":"
        ):
            return value  # already YYYY-MM-DDTHH:MM:SS+00:00, which is iso(found)
        return iso(found)

    def _instant(self, line: int, column: str, value: str) -> datetime:
        """Offsets other than UTC, `Z`, bare dates; or the refusal."""
        if not value:
            raise self.refuse(line, column, "the timestamp is empty but is needed")
        try:
            return parse_iso(value)
        except ValueError:
            raise self.refuse(line, column, not_a(value, "date", "an ISO 8601 timestamp")) from None

    def status(self, line: int, value: str) -> str:
        """A known status in its usual spelling, or the value as written (and noted)."""
        if not value:
            raise self.refuse(line, "order-status", "the order status is empty but is needed")
        found = _STATUSES.get(value.lower())
        if found is None:
            self.unknown[value] = self.unknown.get(value, 0) + 1
            return value
        self.statuses[value] = found
        return found

    def channel(self, line: int, value: str) -> Channel:
        found = CHANNELS.get(value.lower())
        if found is None:
            raise self.refuse(
                line,
                "fulfillment-channel",
                not_a(value, "code", "a fulfilment channel we know (Amazon, Merchant, AFN, MFN)")
                + ": it decides whether the order counts in the FBA or the seller-fulfilled "
                "Order Defect Rate, so the file is refused rather than guessed",
            )
        self.channels[value] = found
        return found

    def marketplace(self, line: int, value: str) -> str | None:
        """The canonical sales-channel name; None for a Non-Amazon (MCF) row."""
        if not value:
            raise self.refuse(line, "sales-channel", "the sales channel is empty but is needed")
        found = None if value.lower().startswith(NON_AMAZON) else marketplace_name(value)
        self.markets[value] = found
        return found

    def quantity(self, line: int, value: str) -> int:
        if not value:
            raise self.refuse(line, "quantity", "the number is empty but is needed")
        if not (value.isdigit() and value.isascii()):
            raise self.refuse(line, "quantity", not_a(value, "number", "a whole number"))
        found = int(value)
        if len(self.quantities) < _CACHE_LIMIT:
            self.quantities[value] = found
        return found

    def price(self, line: int, value: str) -> Decimal | str:
        try:
            amount = parse_amount(value)
        except ValueError:
            raise self.refuse(line, "item-price", not_a(value, "number", "a number")) from None
        found = str(amount) if self.stored else amount
        if len(self.prices) < _CACHE_LIMIT:
            self.prices[value] = found
        return found

    def flag(self, line: int, value: str) -> bool | int:
        flag = FLAGS.get(value.lower())
        if flag is None:
            raise self.refuse(line, "is-business-order", not_a(value, "code", "one of true/false"))
        found = int(flag) if self.stored else flag
        self.flags[value] = found
        return found
