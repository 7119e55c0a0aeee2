"""Undo of the last mark on a list screen: every bulk write returns a `Done` to undo.

The write records the rows it touched (storage.repository.undo); `undo` puts back what
they held, where nothing else has changed them since, and reports the same `Changes`
so every screen follows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from services.changes import Changes
from storage.db import Store
from storage.repository.undo import Recorded, recorded, restore


@dataclass(frozen=True, slots=True)
class Done:
    """A write's `Changes`, the sentence the status line shows, and what undoing needs."""

    changes: Changes
    message: str
    record: Recorded | None = None  # None: nothing changed, nothing to undo

    @property
    def undoable(self) -> bool:
        return self.record is not None and self.record.changed > 0


def record_write(
    store: Store,
    places: Mapping[str, Sequence[tuple[object, ...]]],
    action: Callable[[], object],
    changes: Changes,
    message: str,
) -> Done:
    """Run `action` in one transaction with the rows of `places` saved around it."""
    return Done(changes, message, recorded(store.db, places, action))


def undo(store: Store, done: Done) -> Changes:
    """Put back what `done` changed; the same kinds of data change again."""
    if done.record is None:
        return Changes()
    restore(store.db, done.record)
    return done.changes


def undone_message(done: Done) -> str:
    """'Undone: marked 3 messages responded.'"""
    text = done.message
    return f"Undone: {text[:1].lower()}{text[1:]}" if text else "Undone."
