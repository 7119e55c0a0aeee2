"""Percentages, counts and money in one style, the same in every locale.

Rates: "7.41 %" (a space before the sign, at most 2 decimals, trailing zeros dropped).
Counts: "1,387" (comma thousands). Money: the symbol first for USD, GBP, EUR and JPY
("$1,234.50", "£12.34", "€12.34", "¥1,235": yen has no decimals), the ISO code after the
amount for every other currency ("12.34 CAD": "$" would not say which dollar); a point
for decimals everywhere. A value that does not exist is an em dash.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from core.format.instants import NO_VALUE

Number = int | float | Decimal | Fraction

_SYMBOLS: dict[str, str] = {"USD": "$", "GBP": "\u00a3", "EUR": "\u20ac", "JPY": "\u00a5"}
_NO_DECIMALS = frozenset({"JPY"})


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _plain(value: Decimal, decimals: int, *, fixed: bool) -> str:
    """Rounded half up, thousands separated; trailing zeros dropped unless `fixed`."""
    text = f"{_rounded(value, decimals):,.{decimals}f}"
    if not fixed and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_pct(value: Number | None, decimals: int = 2, *, fixed: bool = False) -> str:
    """0.8179 -> '0.82 %', 1.0 -> '1 %' ('1.00 %' when `fixed`, for aligned columns).

    Never rounds a non-zero rate to zero or a rate under 100 to 100: '< 0.01 %', '> 99.99 %'.
    """
    if value is None:
        return NO_VALUE
    exact = _decimal(value)
    step = Decimal(1).scaleb(-decimals)
    if 0 < exact < step / 2:
        return f"< {_plain(step, decimals, fixed=fixed)} %"
    if 100 - step / 2 <= exact < 100:
        return f"> {_plain(100 - step, decimals, fixed=fixed)} %"
    return f"{_plain(exact, decimals, fixed=fixed)} %"


def format_pct_beside(value: Number, limit: Number, decimals: int = 2) -> str:
    """The value with as many decimals as it takes not to read the same as `limit`.

    A rate just under a 1 % limit reads '0.996 %', never '1 %', so a sentence that
    compares them stays true.
    """
    if _decimal(value) == _decimal(limit):
        return format_pct(value, decimals)
    for places in range(decimals, decimals + 5):
        text = format_pct(value, places)
        if text != format_pct(limit, places):
            return text
    return format_pct(value, decimals + 5)


def format_count(n: int | None) -> str:
    """1387 -> '1,387'."""
    return NO_VALUE if n is None else f"{n:,}"


def count_noun(n: int, singular: str, plural: str | None = None) -> str:
    """'1 order', '871 orders', '1,387 lines'; `plural` for irregular nouns."""
    noun = singular if n == 1 else (plural if plural is not None else singular + "s")
    return f"{format_count(n)} {noun}"


def format_money(amount: Number | None, currency: str = "") -> str:
    """'$12.34', '€12.34', '¥1,235', '12.34 CAD', '-$5.00'; '12.34' without a currency."""
    if amount is None:
        return NO_VALUE
    code = currency.strip().upper()
    value = _decimal(amount)
    places = 0 if code in _NO_DECIMALS else 2
    sign = "-" if _rounded(value, places) < 0 else ""
    digits = _plain(abs(value), places, fixed=True)
    if code in _SYMBOLS:
        return f"{sign}{_SYMBOLS[code]}{digits}"
    return f"{sign}{digits} {code}".rstrip()
