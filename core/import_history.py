"""One line of the import history: a report file the seller imported, or tried to.

Typed so the Imports screen shows dates and counts without parsing stored text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ImportAttempt:
    """An import attempt; `outcome` is ok, refused or cancelled (counts only for ok)."""

    id: int
    file_name: str
    kind: str | None
    started_at: datetime | None
    finished_at: datetime | None
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    outcome: str = "ok"
    error: str | None = None
    report: str = ""  # Amazon's name of the report, e.g. "All Orders (XML)"
    orders: int | None = None  # an orders file's orders and lines
    lines: int | None = None
    notes: tuple[str, ...] = ()  # rows skipped, statuses kept as written, ...

    @property
    def time(self) -> datetime | None:
        """When it ended (or began, for an attempt that never finished)."""
        return self.finished_at or self.started_at
