"""Negative Feedback Rate, with the guard against negative/neutral-only data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from core.clock import day_start
from core.metrics.common import above_limit_status, rate_value
from core.metrics.inputs import FeedbackKey
from core.metrics.result import NfrResult, NfrWindow, RateResult
from core.settings import MetricSettings

NFR_WINDOWS = (30, 90, 365)

Placed = tuple[datetime, int, bool, int]
"""(00:00 UTC of the feedback date, rating, from a full report, count)."""


def place_counts(counts: Mapping[FeedbackKey, int]) -> list[Placed]:
    """Each date placed at its 00:00 UTC once, not once per window."""
    starts: dict[date, datetime] = {}
    out = []
    for (day, rating, full), n in counts.items():
        at = starts.get(day)
        if at is None:
            at = starts[day] = day_start(day)
        out.append((at, rating, full, n))
    return out


def is_negative(rating: int) -> bool:
    return rating <= 2


def makes_complete(rating: int, full: bool) -> bool:
    """Amazon's own report holds only 1-3 star rows: a rate from it alone is not a rate."""
    return rating >= 4 or full


def nfr_window(
    negative: int,
    denominator: int,
    complete: bool,
    window: tuple[datetime, datetime],
    settings: MetricSettings,
    typed_total: int | None,
) -> NfrWindow:
    """The rate of one window from its sums; the typed total stands in when incomplete."""
    use_typed = not complete and typed_total is not None and typed_total > 0
    if use_typed and typed_total is not None:
        denominator = max(typed_total, denominator)
    rate = RateResult(
        value=rate_value(negative, denominator),
        numerator=negative,
        denominator=denominator,
        window_start=window[0],
        window_end=window[1],
        target=settings.nfr_warning,
        status=above_limit_status(
            negative,
            denominator,
            settings.nfr_warning,
            settings.nfr_breach,
            complete=complete or use_typed,
        ),
        headroom=None,
    )
    return NfrWindow(rate=rate, complete=complete, typed_total=use_typed)


def _window(
    counts: Sequence[Placed],
    as_of: datetime,
    days: int,
    settings: MetricSettings,
    typed_total: int | None,
) -> NfrWindow:
    start = as_of - timedelta(days=days)
    negative = denominator = 0
    complete = False
    for at, rating, full, n in counts:
        if not start <= at < as_of:
            continue
        denominator += n
        if is_negative(rating):
            negative += n
        complete = complete or makes_complete(rating, full)
    return nfr_window(negative, denominator, complete, (start, as_of), settings, typed_total)


def compute_nfr(
    counts: Mapping[FeedbackKey, int],
    as_of: datetime,
    settings: MetricSettings,
    typed_total: int | None = None,
) -> NfrResult:
    """Status over `nfr_days`; the typed-in Feedback Manager total serves that window only.

    `counts` is MetricInputs.feedback_counts (see feedback_day_counts).
    """
    placed = place_counts(counts)
    by_window = {
        n: _window(placed, as_of, n, settings, typed_total if n == settings.nfr_days else None)
        for n in NFR_WINDOWS
    }
    status = by_window.get(settings.nfr_days) or _window(
        placed, as_of, settings.nfr_days, settings, typed_total
    )
    return NfrResult(
        rate=status.rate,
        complete=status.complete,
        typed_total=status.typed_total,
        by_window=by_window,
    )
