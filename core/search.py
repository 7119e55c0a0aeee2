"""The list screens' search: an order id, a SKU or a few words of the buyer's text.

Each row gets one lowercase key when its list is loaded (`search_key`); a search is then
a substring test per row on those keys (`matching`), a plain loop with no per-cell or
per-column work, so even 100,000 rows filter in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

R = TypeVar("R")

SEPARATOR = "\x1f"
"""Between a key's parts, so a term never matches across two columns."""


def search_key(*parts: object) -> str:
    """One row's key: the texts a seller may look for, case-folded."""
    return SEPARATOR.join(str(p) for p in parts if p).casefold()


def search_terms(text: str) -> tuple[str, ...]:
    """What the box holds as terms: every one must appear in a row ('kt-whisk broken')."""
    return tuple(text.casefold().split())


def matches(key: str, terms: Sequence[str]) -> bool:
    return all(t in key for t in terms)


def matching(keys: Sequence[str], terms: Sequence[str], among: Iterable[int]) -> list[int]:
    """The indices of `among` whose key holds every term, in the order given (each term
    narrows the rows the next one looks at)."""
    found = list(among)
    for term in terms:
        found = [i for i in found if term in keys[i]]
    return found


class RowSearch(Generic[R]):
    """A list's rows with their keys, and the rows the current terms keep, in order.

    For the small flat lists (warnings, products, review requests...): the model shows
    `shown` and calls `set_rows` / `set_text`, each a model reset.
    """

    def __init__(self, key: Callable[[R], str]) -> None:
        self._key = key
        self.rows: list[R] = []
        self.keys: list[str] = []
        self.terms: tuple[str, ...] = ()

    def set_rows(self, rows: Iterable[R], keys: Sequence[str] | None = None) -> None:
        """`keys`, when given, are the rows' keys made elsewhere (off the GUI thread for a
        long list: keying 60,000 rows takes ~30 ms)."""
        self.rows = list(rows)
        if keys is not None and len(keys) == len(self.rows):
            self.keys = list(keys)
        else:
            self.keys = [self._key(r) for r in self.rows]

    def set_text(self, text: str) -> bool:
        """New terms; False when they are the ones already applied."""
        terms = search_terms(text)
        if terms == self.terms:
            return False
        self.terms = terms
        return True

    def shown(self, keep: Callable[[R], bool] | None = None) -> list[R]:
        """The rows that match (and that `keep` keeps), in their order."""
        rows = self.rows
        if keep is None and not self.terms:
            return list(rows)
        found = matching(self.keys, self.terms, range(len(self.rows)))
        if keep is None:
            return [rows[i] for i in found]
        return [rows[i] for i in found if keep(rows[i])]
