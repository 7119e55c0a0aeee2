"""Metric warnings in true words: one per metric and channel, set against the level it passed.

A rate above the warning level says "above the 5 % warning level", one at or over the
limit "above the 10 % limit"; "close to" is said only of a rate still below both. Values
are compared exactly (numerator and denominator), the way the status was decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from core.alerts.alert import Alert
from core.format import count_noun, format_date, format_pct, format_pct_beside
from core.metrics.common import exact
from core.metrics.odr import day_window
from core.metrics.result import OdrResult, RateResult
from core.model import Channel
from core.settings import MetricSettings


@dataclass(frozen=True, slots=True)
class Levels:
    """Where a metric turns to warning and to breach, in percent.

    `strict`: the status changes only above a level (NFR); otherwise at it (ODR, LRR, RDR,
    whose targets are "under 1 %" and so on).
    """

    warning: Fraction
    limit: Fraction
    strict: bool = False


@dataclass(frozen=True, slots=True)
class Wording:
    """How one metric reads in a warning."""

    key: str  # key prefix: "odr.afn", "lrr"
    name: str  # "FBA ODR"
    facts: str  # the counts behind the value, one or two sentences
    items: tuple[str, str] | None = None  # ("defective order", "defective orders"); None: NFR
    advice: str = ""  # what to do about a breach


def below_target_levels(target: float, warn_ratio: float) -> Levels:
    return Levels(exact(warn_ratio) * exact(target), exact(target))


def have(n: int) -> str:
    """The verb after "n of d orders": '1 of 150 orders has', '4 of 489 orders have'."""
    return "has" if n == 1 else "have"


def _value(rate: RateResult) -> Fraction:
    return Fraction(rate.numerator * 100, rate.denominator)


def _relation(value: Fraction, level: Fraction, what: str) -> str:
    """'above the 5 % warning level' / 'at the 1 % limit' / 'below the 0.75 % warning level'."""
    where = "above" if value > level else "at" if value == level else "below"
    return f"{where} the {format_pct(level)} {what}"


def rate_alert(w: Wording, rate: RateResult, levels: Levels) -> Alert | None:
    """The one warning a metric's status raises, or None while it is ok or has no data."""
    if rate.status not in ("warning", "breach") or rate.denominator == 0:
        return None
    value = _value(rate)
    key = f"{w.key}.status"
    if rate.status == "breach":
        title = f"{w.name} is {format_pct_beside(value, levels.limit)}, "
        title += _relation(value, levels.limit, "limit")
        detail = f"{w.facts} {w.advice}".strip()
        return Alert(key, "critical", title, detail, "breach")
    if w.items is not None and rate.numerator > 0 and rate.headroom == 0:
        return _last_one(w, w.items[0], rate, levels, value)
    title = f"{w.name} is {format_pct_beside(value, levels.warning)}, "
    title += _relation(value, levels.warning, "warning level")
    if w.items is None:
        tail = f"The limit is {format_pct(levels.limit)}."
    else:
        more = (rate.headroom or 0) + 1
        noun = w.items[0] if more == 1 else w.items[1]
        tail = f"{more} more {noun} would breach the {format_pct(levels.limit)} limit."
    return Alert(key, "warning", title, f"{w.facts} {tail}", "warning")


def _last_one(w: Wording, item: str, rate: RateResult, levels: Levels, value: Fraction) -> Alert:
    """Headroom 0: the next bad item breaches. One warning, whatever the status says."""
    limit = format_pct(levels.limit)
    after = Fraction((rate.numerator + 1) * 100, rate.denominator)
    if after == levels.limit:
        where = f"at the {limit} limit"
    else:
        where = f"at {format_pct_beside(after, levels.limit)}, above the {limit} limit"
    title = f"One more {item} puts your {w.name} {where}"
    now = format_pct_beside(value, levels.warning)
    if value >= levels.warning:
        said = f"{w.name} is {now} now, {_relation(value, levels.warning, 'warning level')}."
    else:
        said = f"{w.name} is {now} now, close to the {limit} limit."
    return Alert(
        f"{w.key}.status", "warning", title, f"{said} {w.facts}", f"last:n={rate.numerator}"
    )


def forecast_alert(
    odr: OdrResult, channel: Channel, name: str, as_of: datetime, settings: MetricSettings
) -> Alert | None:
    """The first forecast day a channel reaches its limit while it is under it today."""
    if odr.by_channel[channel].rate.status == "breach":
        return None
    now_end = day_window(as_of.date(), settings)[1]
    for day in odr.forecast:
        rate = day.by_channel.get(channel)
        if rate is None or rate.status != "breach" or rate.denominator == 0:
            continue
        value, limit = _value(rate), exact(rate.target)
        when = format_date(day.day)
        if value == limit:
            title = f"{name} will reach the {format_pct(limit)} limit on {when}"
        else:
            shown = format_pct_beside(value, limit)
            title = f"{name} will reach {shown} on {when}, above the {format_pct(limit)} limit"
        end = day_window(day.day, settings)[1]
        entering = [
            d.order_id
            for d in odr.defective_orders
            if d.channel == channel and now_end <= d.purchase_day < end
        ]
        if entering:
            verb = "enters" if len(entering) == 1 else "enter"
            noun = "Order" if len(entering) == 1 else "Orders"
            cause = f"{noun} {', '.join(entering)} {verb} the window on {when}"
        else:
            cause = f"Older orders leave the window by {when}"
        counts = f"{rate.numerator} of {count_noun(rate.denominator, 'order')}"
        detail = (
            f"{cause}: then {counts} {have(rate.numerator)} a defect. "
            "Defects that have not arrived yet would add to this."
        )
        return Alert(f"odr.{channel}.forecast", "warning", title, detail, day.day.isoformat())
    return None
