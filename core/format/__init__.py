"""How every screen, the tray, the warnings and the CLI write times, rates, counts and money.

`from core.format import format_instant, format_pct, ...`; see the two modules for the
chosen style and why.
"""

from core.format.instants import (
    NO_VALUE,
    UTC_PREFS,
    DisplayPrefs,
    format_ago,
    format_date,
    format_day_range,
    format_duration,
    format_instant,
    format_time_left,
    format_window,
    format_zone,
    zone_name,
)
from core.format.numbers import (
    count_noun,
    format_count,
    format_money,
    format_pct,
    format_pct_beside,
)

__all__ = [
    "NO_VALUE",
    "UTC_PREFS",
    "DisplayPrefs",
    "count_noun",
    "format_ago",
    "format_count",
    "format_date",
    "format_day_range",
    "format_duration",
    "format_instant",
    "format_money",
    "format_pct",
    "format_pct_beside",
    "format_time_left",
    "format_window",
    "format_zone",
    "zone_name",
]
