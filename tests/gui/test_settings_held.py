"""Settings > Data: what buyer data is held and why; pinning an open dispute (issue 15, point 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from core.format import format_date
from gui.views.settings import SettingsView


def test_held_data_lists_open_disputes_and_pins_one(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> None:
    view = SettingsView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    settle()
    held = view.held
    assert held.summary.text().startswith("Held now: ")
    assert "delivered less than 30 days ago" in held.summary.text()
    assert held.table.rowCount() > 0
    assert not held.pin_button.isEnabled()  # nothing selected
    held.table.selectRow(0)
    first = held.selected()
    assert first is not None and not first.pinned and first.until is not None
    assert held.table.item(0, 3).text() == format_date(first.until)
    qtbot.mouseClick(held.pin_button, Qt.MouseButton.LeftButton)
    settle()
    pinned = [held.table.item(r, 3).text() for r in range(held.table.rowCount())]
    assert "pinned (until you unpin it)" in pinned
    assert "a dispute you pinned" in held.summary.text()
    row = pinned.index("pinned (until you unpin it)")
    held.table.selectRow(row)
    assert held.unpin_button.isEnabled() and not held.pin_button.isEnabled()
    qtbot.mouseClick(held.unpin_button, Qt.MouseButton.LeftButton)
    settle()
    texts = [held.table.item(r, 3).text() for r in range(held.table.rowCount())]
    assert "pinned (until you unpin it)" not in texts
