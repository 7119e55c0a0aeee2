"""The inbox's triage: the Type column, the pathway panel, the matrix target, corrections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from gui.models.deadline_model import (
    COUNTDOWN,
    DUE_SOON_FG,
    ORDER,
    OVERDUE_FG,
    TYPE,
    ContactTypeRole,
    DeadlineModel,
    StateRole,
    TargetStateRole,
)
from gui.views.inbox import InboxView
from tests.gui.rendered import shown
from tests.gui.test_inbox import board_health

OPEN_MESSAGE = "112-3776041-0233998"  # names its order: a general inquiry, 16:12 left
BURLINGTON_PRE_PURCHASE = "M11-00201"  # the same message, by id ("...I live in Burlington.")
BURLINGTON_RETURN = "M11-00045"  # "Return policy inquiry ... I live in Burlington."
AUSTIN_RETURN = "M11-00225"
OTHER_PRE_PURCHASE = "M11-00320"  # another "Product details inquiry" (order 112-4798973-5980459)


@pytest.fixture
def seller_a_store(seller_a_tracked: Any) -> Any:
    """The worked example's board: every clock current, none history."""
    return seller_a_tracked


@pytest.fixture
def inbox(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> InboxView:
    view = InboxView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()  # a visible screen reloads at once after a write
    settle()
    return view


def cell(view: InboxView, ref: str, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    m = view.model
    row = m.row_of_ref(ref)
    assert row is not None, ref
    return m.data(m.index(row, col), role)


def order_cell(view: InboxView, order_id: str, col: int, role: int = 0) -> Any:
    m = view.model
    rows = [r for r in range(m.rowCount()) if m.row_at(r).order_id == order_id]
    assert rows, order_id
    return m.data(m.index(rows[0], col), role)


@pytest.mark.parametrize(
    ("order_id", "label", "why"),
    [
        ("113-2322106-7555547", "Delivery issue", "matched 'Order delivery inquiry' (en)"),
        ("112-3698534-8204206", "Return request", "matched 'Return policy inquiry' (en)"),
        (OPEN_MESSAGE, "General inquiry", "No rule matched: treated as a general inquiry."),
        ("113-1294786-7940870", "", None),  # a claim appeal: no triage
    ],
)
def test_type_column_and_why(inbox: InboxView, order_id: str, label: str, why: str | None) -> None:
    assert order_cell(inbox, order_id, TYPE) == label
    tip = order_cell(inbox, order_id, TYPE, Qt.ItemDataRole.ToolTipRole)
    assert (shown(tip) if tip is not None else None) == why


def test_every_message_row_is_triaged(inbox: InboxView) -> None:
    m = inbox.model
    inbox.set_filter("all")
    messages = [r for r in range(m.rowCount()) if m.row_at(r).kind == "message"]
    assert len(messages) == 15
    assert all(m.data(m.index(r, TYPE)) for r in messages)
    assert all(m.row_at(r).target_at is not None for r in messages)
    inbox.set_filter("no_response_needed")  # marked ones are typed too
    assert all(m.data(m.index(r, TYPE)) for r in range(m.rowCount()))


def test_panel_shows_the_pathway_of_the_selected_message(inbox: InboxView) -> None:
    assert inbox.select_ref("M11-00310")  # an "Order delivery inquiry"
    panel = inbox.triage_panel
    assert panel.scroller.isVisibleTo(inbox) and not panel.placeholder.isVisibleTo(inbox)
    assert panel.headline.text() == "Delivery issue"
    assert panel.why.text() == "matched 'Order delivery inquiry' (en)"
    assert panel.owner.text() == "Customer service"
    assert panel.target.text() == "Aug 18, 2026 15:21 UTC (12 h)"
    assert panel.amazon.text() == "Aug 19, 2026 03:21 UTC (24 h)"
    assert panel.resolution.text() == "Send a replacement, up to $50 pre-approved"
    assert "Check tracking" in panel.notes.text()
    assert panel.countdown.text() == "overdue 93 d 11 h"
    assert inbox.action_buttons["type"].isEnabled()


def test_panel_for_other_kinds_says_triage_is_for_messages(inbox: InboxView) -> None:
    assert inbox.select_ref("113-1294786-7940870")
    assert inbox.current_row().kind == "appeal"  # type: ignore[union-attr]
    panel = inbox.triage_panel
    assert panel.placeholder.text() == "Triage applies to buyer messages."
    assert not panel.scroller.isVisibleTo(inbox)
    assert not inbox.action_buttons["type"].isEnabled()


@pytest.mark.parametrize(
    ("hours", "text", "target_state", "colour"),
    [
        (12, "target 4 h 12 min left \u00b7 Amazon 16 h 12 min left", "open", None),
        (10, "target 2 h 12 min left \u00b7 Amazon 16 h 12 min left", "due_soon", DUE_SOON_FG),
        (2, "target overdue 5 h 47 min \u00b7 Amazon 16 h 12 min left", "overdue", OVERDUE_FG),
        (24, "16 h 12 min left", None, None),  # nothing stricter than Amazon: one clock
    ],
)
def test_countdown_uses_the_matrix_hours(
    inbox: InboxView,
    seller_a_store: Any,
    settle: Callable[[], None],
    hours: float,
    text: str,
    target_state: str | None,
    colour: Any,
) -> None:
    from storage.repository.triage_store import load_matrix, save_matrix

    db = seller_a_store.db
    save_matrix(
        db,
        [
            replace(r, target_hours=hours) if r.contact_type == "general_inquiry" else r
            for r in load_matrix(db)
        ],
    )
    inbox.refresh()
    settle()
    assert order_cell(inbox, OPEN_MESSAGE, COUNTDOWN) == text
    assert order_cell(inbox, OPEN_MESSAGE, COUNTDOWN, TargetStateRole) == target_state
    assert order_cell(inbox, OPEN_MESSAGE, COUNTDOWN, StateRole) == "open"  # Amazon's own
    assert order_cell(inbox, OPEN_MESSAGE, COUNTDOWN, Qt.ItemDataRole.ForegroundRole) == colour
    inbox.select_ref(BURLINGTON_PRE_PURCHASE)
    assert inbox.triage_panel.countdown.text() == text


def test_correcting_the_type_and_making_a_rule_reclassifies_a_similar_message(
    qtbot: Any, inbox: InboxView, seller_a_store: Any, settle: Callable[[], None]
) -> None:
    assert cell(inbox, BURLINGTON_RETURN, TYPE) == "Return request"
    assert cell(inbox, AUSTIN_RETURN, TYPE) == "Return request"
    assert inbox.select_ref(BURLINGTON_PRE_PURCHASE)
    panel = inbox.triage_panel
    assert not panel.apply_button.isEnabled()  # nothing changed yet
    panel.choose_type("product_defect")
    panel.make_rule.setChecked(True)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    settle()

    assert cell(inbox, BURLINGTON_PRE_PURCHASE, TYPE) == "Product defect"
    assert cell(inbox, BURLINGTON_PRE_PURCHASE, TYPE, Qt.ItemDataRole.FontRole).italic()
    assert "Set by you" in cell(inbox, BURLINGTON_PRE_PURCHASE, TYPE, Qt.ItemDataRole.ToolTipRole)
    # The rule is built from "details", never from the buyer's city (PII stays encrypted).
    assert cell(inbox, OTHER_PRE_PURCHASE, TYPE) == "Product defect"  # the new rule
    why = shown(cell(inbox, OTHER_PRE_PURCHASE, TYPE, Qt.ItemDataRole.ToolTipRole))
    assert why == "matched 'details' (your correction)"
    assert cell(inbox, BURLINGTON_RETURN, TYPE) == "Return request"  # not similar: unchanged
    assert cell(inbox, AUSTIN_RETURN, TYPE) == "Return request"
    assert panel.headline.text() == "Product defect"
    assert "details" in panel.status.text() and "Product defect" in panel.status.text()
    assert inbox.current_row().ref == BURLINGTON_PRE_PURCHASE  # type: ignore[union-attr]
    stored = seller_a_store.db.execute(
        "SELECT contact_type FROM messages WHERE message_id = ?", [BURLINGTON_PRE_PURCHASE]
    ).fetchone()[0]
    assert stored == "product_defect"
    rules = seller_a_store.db.execute(
        "SELECT pattern, contact_type FROM triage_rules WHERE origin = 'correction'"
    ).fetchall()
    assert rules == [("details", "product_defect")]


def test_a_correction_without_a_rule_changes_only_that_message(
    qtbot: Any, inbox: InboxView, bridge: Any, settle: Callable[[], None]
) -> None:
    assert inbox.select_ref(BURLINGTON_PRE_PURCHASE)
    panel = inbox.triage_panel
    panel.choose_type("cancellation_request")
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    settle()
    assert cell(inbox, BURLINGTON_PRE_PURCHASE, TYPE) == "Cancellation request"
    assert cell(inbox, BURLINGTON_PRE_PURCHASE, TYPE, ContactTypeRole) == "cancellation_request"
    # the matrix gives cancellations 4 h: received 07:12 -> target 11:12, already passed
    text = cell(inbox, BURLINGTON_PRE_PURCHASE, COUNTDOWN)
    assert text == "target overdue 3 h 47 min \u00b7 Amazon 16 h 12 min left"
    assert cell(inbox, BURLINGTON_RETURN, TYPE) == "Return request"
    assert panel.status.text() == "Marked as Cancellation request."
    panel.choose_type("")  # back to the rules
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    settle()
    assert cell(inbox, BURLINGTON_PRE_PURCHASE, TYPE) == "General inquiry"
    assert panel.status.text() == "Back to the automatic type."


def test_change_type_from_the_context_menu(inbox: InboxView, settle: Callable[[], None]) -> None:
    assert inbox.select_ref(AUSTIN_RETURN)
    act = next(a for a in inbox.table.actions() if a.text() == "Change &type\u2026")
    act.trigger()
    dialog = inbox.change_type_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("negative_feedback_alert"))
    dialog.accept()
    settle()
    assert cell(inbox, AUSTIN_RETURN, TYPE) == "Negative feedback alert"
    assert inbox.triage_panel.owner.text() == "Owner"


def test_a_board_from_elsewhere_is_triaged_here(
    inbox: InboxView, seller_a_store: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> None:
    """metrics_changed may carry a board without triage: the inbox classifies it itself."""
    row = inbox.model.row_of_ref("M11-00310")
    assert row is not None
    first = inbox.model.row_at(row)
    bridge.metrics_changed.emit(board_health(seller_a_store, clock(), [first]))
    settle()
    assert inbox.model.rowCount() == 1
    assert inbox.model.data(inbox.model.index(0, TYPE)) == "Delivery issue"


def test_models_pass_the_modeltester(qtmodeltester: Any, inbox: InboxView, clock: Any) -> None:
    rows = [inbox.model.row_at(r) for r in range(inbox.model.rowCount())]
    model = DeadlineModel(clock)
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(COUNTDOWN, Qt.SortOrder.DescendingOrder)
    model.sort(TYPE)
    qtmodeltester.check(model)
    assert model.data(model.index(0, ORDER)) is not None
