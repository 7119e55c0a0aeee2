"""Catch a screen reading the database on the GUI thread (it must go through gui.operations)."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from storage.db import Store


@contextmanager
def gui_thread_db_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Within the block, every `store.db` on the main thread is recorded (with its stack)."""
    original = Store.db
    assert isinstance(original, property) and original.fget is not None
    getter = original.fget
    calls: list[str] = []

    def guarded(self: Store) -> object:
        if threading.current_thread() is threading.main_thread():
            calls.append("".join(traceback.format_stack(limit=8)))
        return getter(self)

    with monkeypatch.context() as patch:
        patch.setattr(Store, "db", property(guarded))
        yield calls
