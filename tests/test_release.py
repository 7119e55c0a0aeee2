"""core.release: a long list is emptied a slice at a time, its items freed as nothing else
holds them (the window is not frozen while a worker drops a year's order rows)."""

from __future__ import annotations

import weakref

from core.release import SLICE, release
from core.search import RowSearch


class Item:
    pass


def test_release_empties_the_list_and_frees_what_only_it_held() -> None:
    items = [Item() for _ in range(SLICE * 2 + 3)]
    kept = items[0]
    watched = weakref.ref(items[-1])
    release(items)
    assert items == []
    assert watched() is None
    assert isinstance(kept, Item)  # still held elsewhere: not freed


def test_release_of_an_empty_list() -> None:
    items: list[int] = []
    release(items)
    assert items == []


def test_row_search_without_terms_or_filter_shows_a_copy_of_every_row() -> None:
    search: RowSearch[str] = RowSearch(str)
    search.set_rows(["b", "a", "c"])
    shown = search.shown()
    assert shown == ["b", "a", "c"]
    shown.append("x")
    assert search.rows == ["b", "a", "c"]
    assert search.shown(lambda r: r != "a") == ["b", "c"]
