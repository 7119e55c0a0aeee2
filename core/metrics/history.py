"""The daily history of every headline metric, as compute_metrics would give it each day.

A seller who imports four months of reports should see four months of trend at
once. The point of UTC day D is the metrics at as_of = D 23:59:59 UTC (`END_OF_DAY`):
every record dated D exists, none dated D + 1, and the ODR window is the one of
Amazon's report dated D. It is computed over the SAME inputs for every day
(records dated after a day's as_of do not exist yet for it), so it equals
`compute_metrics(inputs, as_of)` run once per day, field for field, but in
O(days + records log days): each record's state (in a window, late, pending,
defective) is monotone in as_of, so the day it flips is found by bisection with the
metric's own rule, and the days' counts are running sums of those flips.

The inputs must hold every record the range's windows reach (from the first day's
ODR window start, and its LRR/NFR/RDR window starts, to the last day), loaded for an
as_of at or after the last day's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from core.metrics.engine import lrr_contacts, nfr_counts, typed_total
from core.metrics.history_counts import DayRanges, Flips, odr_counts
from core.metrics.inputs import MetricInputs
from core.metrics.lrr import contact_state, lrr_rate
from core.metrics.nfr import is_negative, makes_complete, nfr_window, place_counts
from core.metrics.odr import day_window, scope_rates
from core.metrics.rdr import negative_flags, rdr_rate, requested_at
from core.metrics.result import RateResult, headline_rates
from core.model import CHANNELS, Channel, ReturnRequest
from core.settings import MetricSettings

END_OF_DAY = time(23, 59, 59)
"""The as_of of a day's point: its last second (instants are stored to the second)."""


@dataclass(frozen=True, slots=True)
class DailyPoint:
    """The headline rates of one UTC day, each exactly as compute_metrics gives it."""

    day: date
    as_of: datetime
    odr: RateResult
    odr_by_channel: Mapping[Channel, RateResult]
    lrr: RateResult
    nfr: RateResult
    rdr: RateResult

    def rates(self) -> dict[tuple[str, str], RateResult]:
        """Keyed like MetricsResult.rates(), so a point is stored like a snapshot."""
        return headline_rates(self.odr, self.odr_by_channel, self.lrr, self.nfr, self.rdr)


def day_instants(first_day: date, last_day: date, at: time = END_OF_DAY) -> list[datetime]:
    """The as_of of every day from first_day to last_day inclusive (UTC)."""
    count = (last_day - first_day).days + 1
    return [datetime.combine(first_day + timedelta(days=k), at, tzinfo=UTC) for k in range(count)]


@dataclass(frozen=True, slots=True)
class HistoryReach:
    """What a loader must put in the inputs for daily_history over a range of days.

    Records are needed up to `as_of` (the last day's). Orders by purchase date in
    [orders_from, orders_until), with every counted defect of theirs by as_of;
    buyer messages received from `contacts_from` (replies up to as_of); feedback
    dated from `feedback_from`; FBM return requests dated from `returns_from`.
    """

    as_of: datetime
    orders_from: date
    orders_until: date
    contacts_from: datetime
    feedback_from: date
    returns_from: date


def history_reach(
    first_day: date, last_day: date, settings: MetricSettings, at: time = END_OF_DAY
) -> HistoryReach:
    """The earliest record each window of the range reaches (dates rounded down)."""
    first = datetime.combine(first_day, at, tzinfo=UTC)
    return HistoryReach(
        as_of=datetime.combine(last_day, at, tzinfo=UTC),
        orders_from=day_window(first_day, settings)[0],
        orders_until=day_window(last_day, settings)[1],
        contacts_from=first - timedelta(days=settings.lrr_days),
        feedback_from=(first - timedelta(days=settings.nfr_days)).date(),
        returns_from=(first - timedelta(days=settings.rdr_days)).date(),
    )


def daily_history(
    inputs: MetricInputs,
    first_day: date,
    last_day: date,
    settings: MetricSettings | None = None,
    *,
    at: time = END_OF_DAY,
) -> list[DailyPoint]:
    """One point per UTC day, first_day to last_day inclusive, oldest first.

    `at` moves the as_of of every day to another time of day (UTC); the default
    is the day's last second. An empty range gives an empty list. Pass days that
    are over: today's last second is still ahead, and today's value is the live one.
    """
    cfg = settings or MetricSettings()
    ends = day_instants(first_day, last_day, at)
    if not ends:
        return []
    odr, odr_channels = _odr(inputs, ends, cfg)
    lrr = _lrr(inputs, ends, cfg)
    nfr = _nfr(inputs, ends, cfg)
    rdr = _rdr(inputs, ends, cfg)
    return [
        DailyPoint(
            day=end.date(),
            as_of=end,
            odr=odr[k],
            odr_by_channel=odr_channels[k],
            lrr=lrr[k],
            nfr=nfr[k],
            rdr=rdr[k],
        )
        for k, end in enumerate(ends)
    ]


def _odr(
    inputs: MetricInputs, ends: Sequence[datetime], cfg: MetricSettings
) -> tuple[list[RateResult], list[dict[Channel, RateResult]]]:
    windows = [day_window(end.date(), cfg) for end in ends]
    defective, total, orders = odr_counts(inputs, ends, windows)
    overall: list[RateResult] = []
    channels: list[dict[Channel, RateResult]] = []
    for k, days in enumerate(windows):
        rate, by_channel = scope_rates(
            {ch: defective[ch][k] for ch in CHANNELS},
            total[k],
            {ch: orders[ch][k] for ch in CHANNELS},
            days,
            cfg,
        )
        overall.append(rate)
        channels.append(by_channel)
    return overall, channels


def _lrr(inputs: MetricInputs, ends: Sequence[datetime], cfg: MetricSettings) -> list[RateResult]:
    """Contacts received in [as_of - lrr_days, as_of); late and pending each flip once."""
    span = timedelta(days=cfg.lrr_days)
    limit = timedelta(hours=cfg.response_hours)
    ranges = DayRanges(ends, span)
    contacts, late, pending = Flips(len(ends)), Flips(len(ends)), Flips(len(ends))
    for received, answered in lrr_contacts(inputs, ends[-1]):
        lo, hi = ranges.holding(received)

        def is_late(k: int, r: datetime = received, a: datetime | None = answered) -> bool:
            return contact_state(r, a, ends[k], limit)[0]

        def answered_or_late(k: int, r: datetime = received, a: datetime | None = answered) -> bool:
            return not contact_state(r, a, ends[k], limit)[1]

        contacts.add(lo, hi)
        late.add(ranges.first(lo, hi, is_late), hi)
        pending.add(lo, ranges.first(lo, hi, answered_or_late))
    return [
        lrr_rate(n_late, n, n_pending, (end - span, end), cfg)
        for end, n, n_late, n_pending in zip(
            ends, contacts.totals(), late.totals(), pending.totals(), strict=True
        )
    ]


def _nfr(inputs: MetricInputs, ends: Sequence[datetime], cfg: MetricSettings) -> list[RateResult]:
    """Feedback placed at 00:00 UTC of its date in [as_of - nfr_days, as_of)."""
    span = timedelta(days=cfg.nfr_days)
    ranges = DayRanges(ends, span)
    ratings, negative, completing = Flips(len(ends)), Flips(len(ends)), Flips(len(ends))
    for placed, rating, full, n in place_counts(nfr_counts(inputs)):
        lo, hi = ranges.holding(placed)
        ratings.add(lo, hi, n)
        if is_negative(rating):
            negative.add(lo, hi, n)
        if makes_complete(rating, full):
            completing.add(lo, hi)
    typed = typed_total(inputs, cfg)
    return [
        nfr_window(n_neg, n, complete > 0, (end - span, end), cfg, typed).rate
        for end, n, n_neg, complete in zip(
            ends, ratings.totals(), negative.totals(), completing.totals(), strict=True
        )
    ]


def _rdr(inputs: MetricInputs, ends: Sequence[datetime], cfg: MetricSettings) -> list[RateResult]:
    """FBM requests in [as_of - rdr_days, as_of); a request never turns positive again."""
    span = timedelta(days=cfg.rdr_days)
    hours = cfg.return_decision_hours
    ranges = DayRanges(ends, span)
    requests, negative = Flips(len(ends)), Flips(len(ends))
    for request in inputs.returns:
        lo, hi = ranges.holding(requested_at(request))

        def bad(k: int, r: ReturnRequest = request) -> bool:
            return any(negative_flags(r, ends[k], hours))

        requests.add(lo, hi)
        negative.add(ranges.first(lo, hi, bad), hi)
    return [
        rdr_rate(n_bad, n, (end - span, end), cfg)
        for end, n, n_bad in zip(ends, requests.totals(), negative.totals(), strict=True)
    ]
