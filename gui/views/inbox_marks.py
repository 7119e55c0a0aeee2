"""The inbox's marks: on every selected row at once, on a kind's history, and Undo.

A mark is one write (services.inbox.stop_clocks / mark_no_response_needed) whose `Done`
the undo bar keeps, so "Marked 3 messages responded. Undo" takes it back. The marked
rows leave the list; the selection moves on to the row after them, and the reply
drafted for a marked row stays with it (the reply pane keeps one draft per row).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtWidgets import QTableView

from core.inbox import InboxRow
from gui.models.deadline_model import DeadlineModel
from gui.views.inbox_actions import DONE_LABELS
from gui.widgets.undo_bar import UndoBar
from services.inbox import mark_no_response_needed, stop_clocks


class InboxMarks:
    """Marks on the table's selection through the undo bar; `next_ref` is where the
    selection goes once the marked rows are gone."""

    def __init__(
        self,
        table: QTableView,
        model: DeadlineModel,
        bar: UndoBar,
        clock: Callable[[], datetime],
    ) -> None:
        self._table = table
        self._model = model
        self.bar = bar
        self._clock = clock
        self.next_ref: str | None = None

    def selected_positions(self) -> list[int]:
        """Visible rows selected, top to bottom (the current row when none is)."""
        rows = sorted({i.row() for i in self._table.selectionModel().selectedRows()})
        current = self._table.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        return [r for r in rows if r < self._model.rowCount()]

    def selected(self) -> list[InboxRow]:
        return [self._model.row_at(r) for r in self.selected_positions()]

    def _after(self, positions: Sequence[int]) -> str | None:
        """The ref of the first row below the marked ones, else the last one above."""
        if not positions:
            return None
        taken = set(positions)
        below = [p for p in range(positions[-1] + 1, self._model.rowCount()) if p not in taken]
        above = [p for p in range(positions[0] - 1, -1, -1) if p not in taken]
        for p in below[:1] or above[:1]:
            return self._model.row_at(p).ref
        return None

    def mark_done(self) -> None:
        """Stop the clock of every selected row that the app can stop."""
        positions = [p for p in self.selected_positions() if self._kind(p) in DONE_LABELS]
        if not positions:
            return
        rows = [self._model.row_at(p) for p in positions]
        self.next_ref = self._after(positions)
        at = self._clock()
        self.bar.run(lambda store: stop_clocks(store, rows, at))

    def toggle_no_response_needed(self) -> None:
        """Selected messages off the board, or back on it when the current one is off."""
        positions = [p for p in self.selected_positions() if self._kind(p) == "message"]
        if not positions:
            return
        current = self._table.currentIndex()
        focus = current.row() if current.isValid() else positions[0]
        value = not self._model.row_at(focus).no_response_needed
        ids = [self._model.row_at(p).ref for p in positions]
        self.next_ref = self._after(positions)
        self.bar.run(lambda store: mark_no_response_needed(store, ids, value))

    def settle_history(self, kind: str) -> None:
        """The history line's bulk action: mark every history row of `kind` at once."""
        rows = self._model.history_rows(kind)
        if rows:
            at = self._clock()
            self.bar.run(lambda store: stop_clocks(store, rows, at))

    def _kind(self, position: int) -> str:
        return self._model.row_at(position).kind
