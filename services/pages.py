"""A slice of a long list, for screens that load their rows page by page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Page(Generic[R]):
    """Rows from `offset` on; `more` says whether rows follow (the view may ask for them)."""

    rows: list[R]
    offset: int
    more: bool

    @classmethod
    def cut(cls, rows: list[R], offset: int, limit: int) -> Page[R]:
        """From `limit + 1` rows fetched: the first `limit`, and whether another followed."""
        return cls(rows[:limit], offset, len(rows) > limit)
