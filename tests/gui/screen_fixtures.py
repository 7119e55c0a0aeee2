"""Fixtures for screens that load in the background (gui.operations).

`gui_thread_db` catches database use on the GUI thread; `held(widget)` registers a
widget with pytest-qt and keeps it alive until pytest-qt has closed it.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

from storage.db import Store

W = TypeVar("W")


@pytest.fixture
def gui_thread_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A list that collects a short stack for every `store.db` taken on the GUI thread.

    Start it after the test's own set-up (imports, fixtures): from then on only the
    code under test opens connections, and on the GUI thread it must not.
    """
    original = Store.db
    assert isinstance(original, property) and original.fget is not None
    fget = original.fget
    seen: list[str] = []

    def guarded(store: Store) -> object:
        if threading.current_thread() is threading.main_thread():
            seen.append("".join(traceback.format_stack(limit=8)[:-1]))
        return fget(store)

    monkeypatch.setattr(Store, "db", property(guarded))
    yield seen


@pytest.fixture
def held(qtbot: Any) -> Iterator[Callable[[W], W]]:
    """`held(widget)`: closed by pytest-qt at the end of the test, and alive until then."""
    kept: list[object] = []

    def hold(widget: W) -> W:
        qtbot.addWidget(widget)
        kept.append(widget)
        return widget

    yield hold
    kept.clear()
