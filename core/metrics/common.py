"""Status and headroom in exact arithmetic, and the window helpers every metric shares.

Float division gets threshold edges wrong (ceil(2.0000000004)); every comparison
here is done on Fractions built from the decimal text of the setting.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from core.metrics.result import RateResult, Status


def exact(number: float | int) -> Fraction:
    """The decimal a person typed (1.0, 0.75), as an exact fraction."""
    return Fraction(Decimal(str(number)))


def rate_value(numerator: int, denominator: int) -> float | None:
    """A percentage, unrounded; None when there is nothing to divide by."""
    if denominator == 0:
        return None
    return numerator * 100 / denominator


def headroom(target: float, numerator: int, denominator: int) -> int:
    """How many more bad items keep the rate under target: ceil(t/100*d) - 1 - n, at least 0."""
    limit = exact(target) * denominator / 100
    return max(0, math.ceil(limit) - 1 - numerator)


def below_target_status(
    numerator: int, denominator: int, target: float, warn_ratio: float
) -> Status:
    """Status of a 'less than target' metric (ODR, LRR, RDR)."""
    if denominator == 0:
        return "no_data"
    pct = Fraction(numerator * 100, denominator)
    tgt = exact(target)
    if pct >= tgt:
        return "breach"
    if pct >= exact(warn_ratio) * tgt:
        return "warning"
    if numerator > 0 and headroom(target, numerator, denominator) == 0:
        return "warning"
    return "ok"


def above_limit_status(
    numerator: int, denominator: int, warning: float, breach: float, *, complete: bool = True
) -> Status:
    """Status of NFR: breach above `breach`, warning above `warning` (strictly)."""
    if denominator == 0 or not complete:
        return "no_data"
    pct = Fraction(numerator * 100, denominator)
    if pct > exact(breach):
        return "breach"
    if pct > exact(warning):
        return "warning"
    return "ok"


def below_target_rate(
    numerator: int,
    denominator: int,
    window: tuple[datetime, datetime],
    target: float,
    warn_ratio: float,
) -> RateResult:
    """A complete RateResult for ODR / LRR / RDR."""
    return RateResult(
        value=rate_value(numerator, denominator),
        numerator=numerator,
        denominator=denominator,
        window_start=window[0],
        window_end=window[1],
        target=target,
        status=below_target_status(numerator, denominator, target, warn_ratio),
        headroom=headroom(target, numerator, denominator),
    )


def in_window(instant: datetime, window: tuple[datetime, datetime]) -> bool:
    """Windows are half-open: [start, end)."""
    return window[0] <= instant < window[1]
