"""The inbox's row actions: one set for the context menu, the shortcuts and the button row.

Each is enabled, and worded, for the kind of the selected row ("Mark decided" for a
return, "Log appeal" for a granted claim...).
"""

from __future__ import annotations

from collections.abc import Callable

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

    def update(self, row: InboxRow | None) -> None:
        """Enable and word every action for the selected row (None: nothing selected)."""
        kind = row.kind if row else ""
        self.done.setText(DONE_LABELS.get(kind, "Mark &responded"))
        self.done.setEnabled(kind in DONE_LABELS)
        self.done.setToolTip(CLAIM_INFO_TIP if kind == "claim_info" else "")
        self.nrn.setEnabled(kind == "message")
        nrn = bool(row and row.no_response_needed)
        self.nrn.setText("Needs a response" if nrn else "No response needed")
        self.open.setEnabled(row is not None)
        self.open.setText("&Open claim" if kind == "reimbursement" else "&Open thread")
        self.copy.setEnabled(bool(row and row.order_id))
        self.type.setEnabled(kind == "message")
        for key, act in self._by_key():
            self.buttons[key].setText(act.text())
            self.buttons[key].setEnabled(act.isEnabled())
            self.buttons[key].setToolTip(act.toolTip())
