"""The inbox in a seller's first week: history collapsed after the first import, marks on
a selection with Undo, drafts that stay with their row, and the search box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.deadline_history import REVIEW_ONE_BY_ONE
from gui.models.deadline_model import HISTORY_TIP, KIND, ORDER
from gui.views.inbox import InboxView
from gui.views.inbox_history import HIDE_AGAIN
from tests.gui.conftest import show_active

Settle = Callable[[], None]
CTRL = Qt.KeyboardModifier.ControlModifier


def make(qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Settle) -> InboxView:
    view = InboxView(store, bridge, clock)
    qtbot.addWidget(view)
    return show_active(qtbot, view, settle)


@pytest.fixture
def first_week(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle
) -> InboxView:
    """Four months of seller-a imported for the first time at the worked example's now."""
    return make(qtbot, seller_a_store, bridge, clock, settle)


@pytest.fixture
def tracked(
    qtbot: Any, seller_a_tracked: Any, bridge: Any, clock: Any, settle: Settle
) -> InboxView:
    """The same files, imported since summer: all 20 clocks current (removal
    windows only for eligible feedback)."""
    return make(qtbot, seller_a_tracked, bridge, clock, settle)


def refs(view: InboxView) -> list[str]:
    return [view.model.row_at(r).ref for r in range(view.model.rowCount())]


def click_row(qtbot: Any, view: InboxView, row: int, modifier: Any = None) -> None:
    view.table.scrollTo(view.model.index(row, ORDER))
    rect = view.table.visualRect(view.model.index(row, ORDER))
    mods = modifier if modifier is not None else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, mods, rect.center())


# --- history, not alarms -------------------------------------------------------------------


def test_history_waits_collapsed_under_one_line_per_kind(first_week: InboxView) -> None:
    view = first_week
    assert view.model.rowCount() == 2  # one message still answerable, one removal window
    assert view.filter_buttons["overdue"].text() == "&Overdue (0)"
    assert view.summary.text().startswith("2 open deadlines · 0 overdue")
    panel = view.history_panel
    assert panel.isVisible()
    assert [line.label.text() for line in panel.lines.values()] == [
        "14 messages from before your first import have no reply on file",
        "2 granted A-to-z claims from before your first import have no appeal on file",
        "1 A-to-z claim from before your first import still waits for your information",
        "1 return request from before your first import has no decision on file",
    ]
    message = panel.lines["message"]
    assert message.bulk.text() == "Mark all as answered in Seller Central"
    assert message.review.text() == REVIEW_ONE_BY_ONE
    assert not panel.lines["claim_info"].bulk.isVisible()  # answered in Seller Central only


def test_review_them_one_by_one_lists_them_and_hides_them_again(
    qtbot: Any, first_week: InboxView
) -> None:
    view = first_week
    line = view.history_panel.lines["message"]
    qtbot.mouseClick(line.review, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 16
    assert view.filter_buttons["overdue"].text() == "&Overdue (14)"
    assert line.review.text() == HIDE_AGAIN
    first = view.model.index(0, KIND)
    assert view.model.data(first, Qt.ItemDataRole.ToolTipRole) == HISTORY_TIP
    qtbot.mouseClick(line.review, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 2 and line.review.text() == REVIEW_ONE_BY_ONE


def test_mark_all_as_answered_settles_the_history_and_undo_brings_it_back(
    qtbot: Any, first_week: InboxView, settle: Settle
) -> None:
    view = first_week
    qtbot.mouseClick(view.history_panel.lines["message"].bulk, Qt.MouseButton.LeftButton)
    settle()
    assert "message" not in view.history_panel.lines
    assert view.undo_bar.label.text() == "Marked 14 messages responded."
    assert view.undo_bar.button.isEnabled()
    qtbot.mouseClick(view.undo_bar.button, Qt.MouseButton.LeftButton)
    settle()
    assert view.history_panel.lines["message"].label.text().startswith("14 messages")
    assert view.undo_bar.label.text() == "Undone: marked 14 messages responded."
    assert not view.undo_bar.button.isEnabled()


def test_navigating_to_a_history_row_lists_its_kind(first_week: InboxView, bridge: Any) -> None:
    view = first_week
    ref = view.model.history_rows("return")[0].ref
    bridge.navigate.emit("inbox", ref)
    row = view.current_row()
    assert row is not None and row.ref == ref and row.history
    assert view.history_panel.lines["return"].review.text() == HIDE_AGAIN


# --- marks on a selection, and Undo -----------------------------------------------------------


def test_three_messages_marked_at_once_and_undone_with_ctrl_z(
    qtbot: Any, tracked: InboxView, settle: Settle
) -> None:
    view = tracked
    before = refs(view)
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 2, Qt.KeyboardModifier.ShiftModifier)
    assert len(view.table.selectionModel().selectedRows()) == 3
    assert view.action_buttons["done"].text() == "Mark &responded (3)"
    assert view.action_buttons["nrn"].text() == "No response needed (3)"
    qtbot.mouseClick(view.action_buttons["done"], Qt.MouseButton.LeftButton)
    settle()
    assert refs(view) == before[3:]
    assert view.undo_bar.label.text() == "Marked 3 messages responded."
    assert view.current_row() is not None and view.current_row().ref == before[3]  # type: ignore[union-attr]

    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    settle()
    assert refs(view) == before
    assert view.undo_bar.label.text() == "Undone: marked 3 messages responded."


def test_ctrl_click_picks_rows_apart_and_no_response_needed_applies_to_all(
    qtbot: Any, tracked: InboxView, settle: Settle
) -> None:
    view = tracked
    before = refs(view)
    click_row(qtbot, view, 1)
    click_row(qtbot, view, 4, CTRL)
    qtbot.keyClick(view.table, Qt.Key.Key_N)
    settle()
    assert view.undo_bar.label.text() == "Marked 2 messages as needing no response."
    assert refs(view) == [r for i, r in enumerate(before) if i not in (1, 4)]
    qtbot.mouseClick(view.undo_bar.button, Qt.MouseButton.LeftButton)
    settle()
    assert refs(view) == before


def test_a_marked_row_keeps_its_draft_and_the_selection_moves_on(
    qtbot: Any, tracked: InboxView, settle: Settle
) -> None:
    view = tracked
    before = refs(view)
    click_row(qtbot, view, 1)
    draft = "Hello, your parcel left our warehouse today."
    view.reply_pane.editor.setFocus()
    qtbot.keyClicks(view.reply_pane.editor, draft)
    qtbot.mouseClick(view.action_buttons["done"], Qt.MouseButton.LeftButton)
    settle()
    assert before[1] not in refs(view)
    assert view.current_row().ref == before[2]  # type: ignore[union-attr]
    assert view.reply_pane.editor.toPlainText() == ""  # the next row's own (empty) draft

    # Ctrl+Z in the draft box undoes typing, not the mark: the button undoes the mark.
    qtbot.mouseClick(view.undo_bar.button, Qt.MouseButton.LeftButton)
    settle()
    assert view.select_ref(before[1])
    assert view.reply_pane.editor.toPlainText() == draft


# --- search ---------------------------------------------------------------------------------


def test_ctrl_f_focuses_the_search_and_it_finds_order_sku_and_buyer_text(
    qtbot: Any, tracked: InboxView, seller_a_tracked: Any
) -> None:
    view = tracked
    click_row(qtbot, view, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is view.search

    def search(text: str) -> list[str]:
        view.search.clear()
        qtbot.keyClicks(view.search, text)
        qtbot.waitUntil(lambda: view.search.applied == text.strip(), timeout=2000)
        return [view.model.row_at(r).order_id for r in range(view.model.rowCount())]

    assert search("112-3776041-0233998") == ["112-3776041-0233998"]
    sku = seller_a_tracked.db.execute(
        "SELECT sku FROM order_items WHERE order_id = '112-3776041-0233998'"
    ).fetchone()[0]
    assert "112-3776041-0233998" in search(sku.lower())
    assert search("stopped WORKING") == ["112-3802812-1393574"]  # the buyer's words
    assert search("no such thing") == []
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    view.search.clear()
    assert view.model.rowCount() == 20


def test_the_model_with_search_and_history_passes_the_model_tester(
    first_week: InboxView, qtmodeltester: Any
) -> None:
    model = first_week.model
    model.expand_history("message")
    model.set_search("inquiry")
    qtmodeltester.check(model)
    assert 0 < model.rowCount() < 16
    model.set_search("")
    model.expand_history("message", False)
    qtmodeltester.check(model)


def test_the_search_finds_collapsed_history_too(first_week: InboxView) -> None:
    view = first_week
    old = view.model.history_rows("message")[0]
    view.search.setText(old.order_id)
    view.search.apply()
    assert [view.model.row_at(r).ref for r in range(view.model.rowCount())] == [old.ref]
    view.search.clear_search()
    assert view.model.rowCount() == 2  # collapsed again
