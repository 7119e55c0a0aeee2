"""The inbox's row actions: one set for the context menu, the shortcuts and the button row.

Each is enabled, and worded, for the kind of the selected row ("Mark decided" for a
return, "Log appeal" for a granted claim...), and says how many rows it marks when
several are selected ("Mark responded (3)").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QWidget

from core.inbox import InboxRow

DONE_LABELS = {
    "message": "Mark &responded",
    "return": "Mark &decided",
    "appeal": "Log &appeal",
    "feedback_removal": "&Removal requested",
}
CLAIM_INFO_TIP = "Answer Amazon in Seller Central, then update the claim's status."

Slot = Callable[[], None]


class InboxActions:
    """Actions on the table (context menu, shortcuts) mirrored by a row of buttons."""

    def __init__(
        self,
        table: QTableView,
        parent: QWidget,
        *,
        done: Slot,
        no_response: Slot,
        open_thread: Slot,
        copy: Slot,
        change_type: Slot,
    ) -> None:
        self._table = table
        self.done = self._action("Mark &responded", "R", done)
        self.nrn = self._action("No response needed", "N", no_response)
        self.open = self._action("&Open thread", "Return", open_thread)
        self.open.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.copy = self._action(
            "&Copy order ID", QKeySequence(QKeySequence.StandardKey.Copy), copy
        )
        self.type = self._action("Change &type\u2026", "T", change_type)
        self.row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, act in self._by_key():
            button = QPushButton(act.text(), parent)
            button.clicked.connect(act.trigger)
            self.buttons[key] = button
            self.row.addWidget(button)
        self.row.addStretch(1)

    def _by_key(self) -> tuple[tuple[str, QAction], ...]:
        return (
            ("done", self.done),
            ("nrn", self.nrn),
            ("open", self.open),
            ("copy", self.copy),
            ("type", self.type),
        )

    def _action(self, text: str, shortcut: str | QKeySequence, slot: Slot) -> QAction:
        act = QAction(text, self._table)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self._table.addAction(act)
        return act

    def update(self, row: InboxRow | None, selected: Sequence[InboxRow] = ()) -> None:
        """Enable and word every action for the current row (None: nothing selected) and
        the rows `selected` with it."""
        kind = row.kind if row else ""
        marked = [r for r in selected if r.kind in DONE_LABELS]
        kinds = {r.kind for r in marked}
        text = DONE_LABELS.get(kind, "Mark &responded")
        if len(marked) > 1:
            text = (DONE_LABELS[kinds.pop()] if len(kinds) == 1 else "Mark &done") + (
                f" ({len(marked)})"
            )
        self.done.setText(text)
        self.done.setEnabled(kind in DONE_LABELS or bool(marked))
        self.done.setToolTip(CLAIM_INFO_TIP if kind == "claim_info" else "")
        messages = sum(1 for r in selected if r.kind == "message")
        self.nrn.setEnabled(kind == "message" or messages > 0)
        nrn = bool(row and row.no_response_needed)
        self.nrn.setText("Needs a response" if nrn else "No response needed")
        if messages > 1:
            self.nrn.setText(f"{self.nrn.text()} ({messages})")
        self.open.setEnabled(row is not None)
        self.open.setText("&Open claim" if kind == "reimbursement" else "&Open thread")
        self.copy.setEnabled(bool(row and row.order_id))
        self.type.setEnabled(kind == "message")
        for key, act in self._by_key():
            self.buttons[key].setText(act.text())
            self.buttons[key].setEnabled(act.isEnabled())
            self.buttons[key].setToolTip(act.toolTip())
