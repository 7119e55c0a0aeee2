"""What a parser noticed besides its records, for the import line: the file's notes.

A parser streams records, so the things it passes over (rows it skipped, a
status it kept as written) have no record to travel in. It notes them here
instead: `apply_import` opens a `Tally` around the import (`noting`), and any
parser running inside it adds to that tally (`tally()`), so every kind's
`parse(path)` keeps its one-argument signature. Outside an import the notes
go to a throwaway tally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from core.format import count_noun


@dataclass(slots=True)
class Tally:
    """Counts a parse noted; `orders`/`lines` only for files of order lines."""

    orders: int | None = None
    lines: int | None = None
    unknown_status: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    """The unrecognised statuses as written, with how many rows had each (a few kept)."""
    skipped_non_amazon: int = 0
    skipped_mail: int = 0

    def add(self, other: Tally) -> None:
        """Another tally of the same file (the bulk import's reader process sends one)."""
        if other.orders is not None:
            self.orders = (self.orders or 0) + other.orders
        if other.lines is not None:
            self.lines = (self.lines or 0) + other.lines
        self.unknown_status += other.unknown_status
        for status, n in other.statuses.items():
            self.note_status(status, n)
        self.skipped_non_amazon += other.skipped_non_amazon
        self.skipped_mail += other.skipped_mail

    def note_status(self, status: str, rows: int = 1) -> None:
        if status in self.statuses or len(self.statuses) < _STATUSES_KEPT:
            self.statuses[status] = self.statuses.get(status, 0) + rows

    def sentences(self) -> list[str]:
        """The notes as the import line shows them, one sentence each (no final stop)."""
        said: list[str] = []
        if self.unknown_status:
            rows = count_noun(self.unknown_status, "row")
            named = ", ".join(f"{_status_text(s)} ({n:,})" for s, n in self.statuses.items())
            said.append(
                f"{rows} had a status we did not recognise ({named}); kept as written and "
                "counted as not cancelled"
            )
        if self.skipped_non_amazon:
            said.append(
                f"{count_noun(self.skipped_non_amazon, 'Multi-Channel row')} skipped "
                "(sales channel Non-Amazon: orders of other shops, never in a metric)"
            )
        if self.skipped_mail:
            said.append(
                f"{count_noun(self.skipped_mail, 'other e-mail')} skipped (not an Amazon buyer "
                "message or a reply to one)"
            )
        return said

    def as_dict(self) -> dict[str, object]:
        return {
            "orders": self.orders,
            "lines": self.lines,
            "unknown_status": self.unknown_status,
            "statuses": dict(self.statuses),
            "skipped_non_amazon": self.skipped_non_amazon,
            "skipped_mail": self.skipped_mail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Tally:
        def count(key: str) -> int:
            value = data.get(key)
            return value if isinstance(value, int) else 0

        def maybe(key: str) -> int | None:
            value = data.get(key)
            return value if isinstance(value, int) else None

        statuses = data.get("statuses")
        return cls(
            orders=maybe("orders"),
            lines=maybe("lines"),
            unknown_status=count("unknown_status"),
            statuses=(
                {str(k): int(v) for k, v in statuses.items() if isinstance(v, int)}
                if isinstance(statuses, dict)
                else {}
            ),
            skipped_non_amazon=count("skipped_non_amazon"),
            skipped_mail=count("skipped_mail"),
        )


_STATUSES_KEPT = 5
_STATUS_WORDS = re.compile(r"[A-Za-z][A-Za-z /-]{0,47}")


def _status_text(status: str) -> str:
    """A status as Amazon words them ("Shipped - Rejected by Buyer"); anything else unnamed."""
    return status if _STATUS_WORDS.fullmatch(status) else "another status"


_CURRENT: ContextVar[Tally | None] = ContextVar("import_tally", default=None)


def tally() -> Tally:
    """The tally of the import under way, or a throwaway one outside an import."""
    current = _CURRENT.get()
    return current if current is not None else Tally()


@contextmanager
def noting() -> Iterator[Tally]:
    """Open a fresh tally for one import; parsers running inside add to it."""
    fresh = Tally()
    token = _CURRENT.set(fresh)
    try:
        yield fresh
    finally:
        _CURRENT.reset(token)
