"""Dates and times as a seller types or pastes them from a spreadsheet, read as UTC.

ISO ("2026-11-20", "2026-11-20 14:00", "2026-11-20T14:00:00Z") and the two forms
spreadsheets write: US "11/20/2026" (month first, as Seller Central US writes it) and
European "20.11.2026" (day first), each optionally followed by a 24-hour "14:00".
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from core.clock import parse_iso

_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}):(\d{2}))?$")
_EUROPEAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}):(\d{2}))?$")
EXAMPLES = "2026-11-20 14:00, 11/20/2026 or 20.11.2026"


def parse_typed_time(text: str) -> datetime:
    """The instant `text` names (UTC); ValueError for anything else."""
    s = " ".join(text.split())
    for pattern, day_first in ((_US, False), (_EUROPEAN, True)):
        found = pattern.match(s)
        if found:
            a, b, year, hour, minute = found.groups()
            month, day = (int(b), int(a)) if day_first else (int(a), int(b))
            return datetime(int(year), month, day, int(hour or 0), int(minute or 0), tzinfo=UTC)
    return parse_iso(s)
