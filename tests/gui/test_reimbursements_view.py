"""The Reimbursements screen: cases by state, the total claimable now, a case's rows and marks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from gui.models.reimbursements_model import CASE_ID, IDENT, KIND, VALUE, CaseRole
from gui.views.reimbursements import NO_CASES, ReimbursementsView
from services.defects import defect_notes
from storage.imports.apply import apply_import
from tests.gui.conftest import AS_OF

TORCH = "customer_return|112-1153871-2120643|KT-TORCH"
SCALE_E = "warehouse|X001SCALE1|E|9000000010"


@pytest.fixture
def reimb_store(store: Any, samples: Path) -> Any:
    for path in sorted((samples / "reimbursements").iterdir()):
        assert apply_import(store, path, now=AS_OF - timedelta(days=1)).ok
    return store


def make_view(held: Callable[[Any], Any], store: Any, bridge: Any, clock: Any) -> Any:
    view = held(ReimbursementsView(store, bridge, clock))
    view.resize(1280, 760)
    view.show()
    return view


@pytest.fixture
def view(
    held: Callable[[Any], Any], reimb_store: Any, bridge: Any, clock: Any, settle: Any
) -> ReimbursementsView:
    v: ReimbursementsView = make_view(held, reimb_store, bridge, clock)
    settle()
    return v


def groups(view: ReimbursementsView) -> list[str]:
    m = view.model
    return [m.data(m.index(r, KIND)) for r in range(m.rowCount())]


def cell(view: ReimbursementsView, key: str, column: int) -> str:
    index = view.model.index_of(key)
    return str(view.model.data(index.siblingAtColumn(column)))


def test_the_model_passes_the_model_tester(view: ReimbursementsView, qtmodeltester: Any) -> None:
    qtmodeltester.check(view.model)


def test_cases_by_state_with_the_value_claimable_now_in_large_type(
    view: ReimbursementsView,
) -> None:
    assert groups(view) == [
        "Closing soon (2)",
        "Claimable (10)",  # the returned order is in seller-a's FBA returns, not here
        "Not claimable yet (2)",
        "Window closed (3)",
    ]
    assert view.total.text() == "$81.70"  # no All Orders here: Amazon's last payments price it
    assert view.total.font().pointSizeF() > 2 * QApplication.font().pointSizeF()
    assert view.summary.text().startswith("12 cases can be filed in Seller Central today; 2 close")
    assert "without an estimate" in view.summary.text()
    m = view.model
    first = m.index(0, 0)
    assert m.data(m.index(0, VALUE)) == "$28.10"  # the group's total
    assert [m.data(m.index(r, IDENT, first)) for r in range(m.rowCount(first))] == [
        "X001SCALE1",
        "112-1153871-2120643",
    ]
    assert view.tree.isExpanded(first)


def test_selecting_a_case_shows_its_rows_and_copies_its_claim_text(
    view: ReimbursementsView, qtbot: Any
) -> None:
    index = view.model.index_of(TORCH)
    rect = view.tree.visualRect(index)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = view.pane
    assert pane.case is not None and pane.case.key == TORCH
    assert "order 112-1153871-2120643 (SKU KT-TORCH)" in pane.title.text()
    assert (
        "Claim window Sep 28 \u2013 Nov 27, 2026 (UTC): 7 days left to file." in pane.facts.text()
    )
    assert [pane.evidence.rows[i].report for i in range(3)] == ["Settlement refund"] * 3
    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    text = QApplication.clipboard().text()
    assert text.startswith("Refunded FBA order: units not returned")
    assert "Order ID: 112-1153871-2120643" in text and "Units to reimburse: 1" in text
    assert pane.message.text().startswith("Claim text copied")


def test_filed_needs_the_case_id(view: ReimbursementsView, qtbot: Any, settle: Any) -> None:
    view.select(TORCH)
    qtbot.mouseClick(view.pane.filed_button, Qt.MouseButton.LeftButton)
    settle()
    assert "Type the case ID" in view.pane.message.text()
    assert view.model.index_of(TORCH).parent().data() == "Closing soon (2)"


def test_mark_filed_with_a_note_then_reopen(
    view: ReimbursementsView, qtbot: Any, settle: Any, reimb_store: Any
) -> None:
    view.select(TORCH)
    pane = view.pane
    qtbot.keyClicks(pane.case_id, "1234567890")
    pane.notes.editor.setPlainText("Sent the settlement rows.")
    qtbot.mouseClick(pane.filed_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.model.index_of(TORCH).parent().data() == "Filed (1)"
    assert cell(view, TORCH, CASE_ID) == "1234567890"
    assert pane.case is not None and pane.case.state == "filed"  # still selected
    assert pane.message.text() == "Marked filed."
    assert pane.notes.editor.toPlainText() == ""
    assert [n.text for n in defect_notes(reimb_store, "reimbursement", TORCH)] == [
        "Marked filed (Seller Central case 1234567890). Sent the settlement rows."
    ]
    assert pane.notes.model.rowCount() == 1
    assert pane.reopen_button.isEnabled()
    qtbot.mouseClick(pane.reopen_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.model.index_of(TORCH).parent().data() == "Closing soon (2)"


@pytest.mark.parametrize(("button", "group"), [("paid_button", "Reimbursed (1)"),
                                               ("denied_button", "Denied (1)")])  # fmt: skip
def test_mark_reimbursed_or_denied(
    view: ReimbursementsView, qtbot: Any, settle: Any, button: str, group: str
) -> None:
    view.select(SCALE_E)
    qtbot.mouseClick(getattr(view.pane, button), Qt.MouseButton.LeftButton)
    settle()
    assert view.model.index_of(SCALE_E).parent().data() == group
    assert groups(view)[0] == "Closing soon (1)"


def test_a_tray_click_selects_its_case(view: ReimbursementsView, bridge: Any) -> None:
    bridge.navigate.emit("reimbursements", SCALE_E)
    assert view.pane.case is not None and view.pane.case.key == SCALE_E
    assert view.model.case_at(view.tree.currentIndex()) == view.pane.case


def test_an_empty_store_says_which_reports_to_import(
    held: Callable[[Any], Any], store: Any, bridge: Any, clock: Any, settle: Any
) -> None:
    view = make_view(held, store, bridge, clock)
    settle()
    assert view.summary.text() == NO_CASES
    assert view.total.text() == "\u2014"
    assert view.model.rowCount() == 0
    assert not view.pane.copy_button.isEnabled()


def test_the_screen_reads_the_database_off_the_gui_thread(
    held: Callable[[Any], Any],
    reimb_store: Any,
    bridge: Any,
    clock: Any,
    settle: Any,
    gui_thread_db: list[str],
    qtbot: Any,
) -> None:
    view = make_view(held, reimb_store, bridge, clock)
    settle()
    view.select(TORCH)
    qtbot.keyClicks(view.pane.case_id, "42")
    qtbot.mouseClick(view.pane.filed_button, Qt.MouseButton.LeftButton)
    settle()
    assert gui_thread_db == []
    assert view.model.data(QModelIndex(), CaseRole) is None
