"""ODR ahead: when each defective order ages out, and the rate for each of the next days.

Orders of the last `lag` days are already known, so the forecast is exact except
for defects not yet received: a lower bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from core.metrics.inputs import DayChannel
from core.metrics.odr import DayWindow, day_window, in_days, scopes
from core.metrics.result import AgesOut, DefectiveOrder, ForecastDay
from core.settings import MetricSettings


def ages_out(
    defective: tuple[DefectiveOrder, ...], days: DayWindow, settings: MetricSettings
) -> tuple[AgesOut, ...]:
    """Defective orders in the window with the day they age out (purchase + window + lag)."""
    span = timedelta(days=settings.odr_window_days + settings.odr_lag_days)
    items = [
        AgesOut(order_id=d.order_id, day=d.purchase_day + span, channel=d.channel)
        for d in defective
        if in_days(d.purchase_day, days)
    ]
    items.sort(key=lambda a: (a.day, a.order_id))
    return tuple(items)


def forecast(
    defective: tuple[DefectiveOrder, ...],
    counts: Mapping[DayChannel, int],
    as_of: datetime,
    settings: MetricSettings,
) -> tuple[ForecastDay, ...]:
    """ODR with each of the next `forecast_days` days as as_of, from what is known now."""
    days: list[ForecastDay] = []
    for k in range(1, settings.forecast_days + 1):
        moved = as_of + timedelta(days=k)
        day: date = moved.date()
        overall, by_channel = scopes(defective, counts, day_window(day, settings), settings)
        days.append(
            ForecastDay(
                day=day,
                rate=overall.rate,
                by_channel={ch: s.rate for ch, s in by_channel.items()},
            )
        )
    return tuple(days)
