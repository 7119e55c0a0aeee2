"""The inbox's filter buttons with their counts, and the summary line under them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from core.inbox_table import FILTERS, InboxFilter

FILTER_LABELS: dict[InboxFilter, str] = {
    "all": "&All",
    "overdue": "&Overdue",
    "due_soon": "Due &soon",
    "no_response_needed": "No response &needed",
}
NOTHING_WAITING = (
    "Nothing is waiting: every buyer message is answered and no return, claim, "
    "appeal or feedback-removal window is open. Import new reports to update."
)


def summary_text(counts: dict[InboxFilter, int]) -> str:
    """One line on what is open, overdue and due soon."""
    if counts["all"] == 0:
        return NOTHING_WAITING
    parts = [f"{counts['all']} open deadlines", f"{counts['overdue']} overdue"]
    parts.append(f"{counts['due_soon']} due soon")
    return " · ".join(parts) + ". Buyer messages also show your escalation-matrix target."


class FilterBar(QWidget):
    """One checkable button per filter; `chosen` says which the seller clicked."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[InboxFilter, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for name in FILTERS:
            button = QPushButton(FILTER_LABELS[name], self)
            button.setCheckable(True)
            button.setObjectName(f"filter_{name}")
            self.group.addButton(button)
            self.buttons[name] = button
            button.clicked.connect(lambda _=False, n=name: self.chosen.emit(n))
            layout.addWidget(button)
        self.buttons["all"].setChecked(True)
        layout.addStretch(1)

    def check(self, name: InboxFilter) -> None:
        self.buttons[name].setChecked(True)

    def show_counts(self, counts: dict[InboxFilter, int]) -> None:
        for name, button in self.buttons.items():
            button.setText(f"{FILTER_LABELS[name]} ({counts[name]})")
