"""The reply checker pane: live findings with highlights and fixes, templates, copying."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from core.reply_check import FIXES
from gui.models.findings_model import FindingsModel
from gui.operations import Ops
from gui.views.inbox import InboxView
from gui.views.reply_pane import OK_TEXT, ReplyPane

BAD = "If you are happy, please leave 5 stars"


@pytest.fixture
def pane(qtbot: Any, store: Any, bridge: Any, settle: Callable[[], None]) -> ReplyPane:
    widget = ReplyPane(Ops(store, bridge))
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    settle()  # the saved replies load in the background
    return widget


def type_text(qtbot: Any, pane: ReplyPane, text: str) -> None:
    """Type as the seller does; the check runs once, after the pause."""
    with qtbot.waitSignal(pane.checked, timeout=3000):
        qtbot.keyClicks(pane.editor, text)


def shown_findings(pane: ReplyPane) -> list[str]:
    m = pane.findings_model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_typing_highlights_five_stars_and_shows_the_fix(qtbot: Any, pane: ReplyPane) -> None:
    checks: list[int] = []
    pane.checked.connect(checks.append)
    type_text(qtbot, pane, BAD)
    assert len(checks) == 1  # debounced: one check for the whole sentence
    assert "5 stars" in pane.highlighted_texts()
    assert BAD in pane.highlighted_texts()  # the whole conditioned request
    texts = shown_findings(pane)
    assert any("'5 stars'" in t and FIXES["positive_feedback_request"] in t for t in texts)
    assert any(FIXES["conditional_review_request"] in t for t in texts)
    assert pane.status.text().startswith("\u26a0 2 problems")
    assert pane.findings_view.isVisibleTo(pane)


def test_fixing_the_text_turns_the_state_clean(qtbot: Any, pane: ReplyPane) -> None:
    type_text(qtbot, pane, BAD)
    pane.editor.selectAll()
    type_text(qtbot, pane, "Thank you for your order. We'd appreciate your honest feedback.")
    assert pane.findings() == []
    assert pane.highlighted_texts() == []
    assert pane.status.text() == OK_TEXT
    assert not pane.findings_view.isVisibleTo(pane)


def test_clicking_a_finding_selects_its_words(qtbot: Any, pane: ReplyPane) -> None:
    type_text(qtbot, pane, "Thanks! Visit www.myshop.com today.")
    assert [f.code for f in pane.findings()] == ["external_link"]
    pane.show()
    qtbot.waitExposed(pane)
    rect = pane.findings_view.visualRect(pane.findings_model.index(0, 0))
    qtbot.mouseClick(pane.findings_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.editor.textCursor().selectedText() == "www.myshop.com"


def test_copy_puts_the_draft_on_the_clipboard(qtbot: Any, pane: ReplyPane) -> None:
    assert not pane.copy_button.isEnabled()  # nothing to copy yet
    type_text(qtbot, pane, "Your replacement ships today.")
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Your replacement ships today."
    assert "copied" in pane.status.text()
    pane.editor.setPlainText(BAD)
    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == BAD
    assert pane.status.text().startswith("Copied, but it still has 2 problems")


def test_saved_replies_fill_the_order_id_and_pass(pane: ReplyPane) -> None:
    assert "Delivery delay apology" in pane.template_names()
    pane.set_context("M1", "112-3776041-0233998")
    assert pane.context_label.text() == "Reply about order 112-3776041-0233998"
    assert pane.use_template("Cancellation confirmation")
    text = pane.editor.toPlainText()
    assert "order 112-3776041-0233998 is cancelled" in text and "{order_id}" not in text
    assert pane.status.text() == OK_TEXT
    assert not pane.use_template("No such reply")


def test_each_item_keeps_its_own_draft(qtbot: Any, pane: ReplyPane) -> None:
    type_text(qtbot, pane, "Started before choosing.")
    pane.set_context("M1", "111")
    assert pane.editor.toPlainText() == "Started before choosing."  # carried to the first item
    pane.set_context("M2", "222")
    assert pane.editor.toPlainText() == ""
    type_text(qtbot, pane, BAD)
    pane.set_context("M1", "111")
    assert pane.editor.toPlainText() == "Started before choosing."
    assert pane.findings() == []
    pane.set_context("M2", "222")
    assert pane.editor.toPlainText() == BAD and len(pane.findings()) == 2


def test_findings_model_passes_the_modeltester(
    qtbot: Any, qtmodeltester: Any, pane: ReplyPane
) -> None:
    type_text(qtbot, pane, BAD + " Visit www.myshop.com for 20% off.")
    assert pane.findings_model.rowCount() == 4
    qtmodeltester.check(pane.findings_model)
    qtmodeltester.check(FindingsModel())


def test_the_inbox_holds_the_pane_for_the_selected_message(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> None:
    view = InboxView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    settle()
    assert view.select_ref("M11-00201")
    assert view.reply_pane.context_label.text() == "Reply about order 112-3776041-0233998"
    qtbot.mouseClick(view.reply_pane.templates_button, Qt.MouseButton.LeftButton)
    editor = view.templates_editor
    assert editor is not None and editor.isVisible()
    settle()
    editor.new_template()
    editor.name_edit.setText("Thanks")
    editor.body_edit.setPlainText("Thank you for order {order_id}.")
    assert editor.save()
    settle()
    assert "Thanks" in view.reply_pane.template_names()
    assert view.reply_pane.use_template("Thanks")
    assert view.reply_pane.editor.toPlainText() == "Thank you for order 112-3776041-0233998."
    editor.close()
