"""The saved-replies editor: list, add, edit, delete, each linted before it is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from gui.models.templates_model import TemplatesModel
from gui.operations import Ops
from gui.views.templates_editor import TemplatesEditor
from storage.repository.reply_templates import DEFAULT_TEMPLATES, list_templates


class Answers:
    """Stands in for the confirmation box: records the questions, answers as told."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, title: str, question: str) -> bool:
        self.asked.append(question)
        return self.answer


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def editor(
    qtbot: Any, store: Any, bridge: Any, clock: Any, answers: Answers, settle: Callable[[], None]
) -> TemplatesEditor:
    dialog = TemplatesEditor(Ops(store, bridge), clock, confirm=answers)
    qtbot.addWidget(dialog)
    settle()  # the list loads in the background
    return dialog


def names_in_db(store: Any) -> list[str]:
    return [t.name for t in list_templates(store.db)]


def test_lists_the_shipped_replies_first_selected(editor: TemplatesEditor) -> None:
    assert editor.names() == sorted((t.name for t in DEFAULT_TEMPLATES), key=str.lower)
    assert editor.name_edit.text() == editor.names()[0]
    assert editor.saved_label.text() == "Shipped with the app"
    assert editor.lint_label.text() == "\u2714 Follows Amazon's guidelines"


def test_add_a_reply_by_typing(
    qtbot: Any, editor: TemplatesEditor, store: Any, answers: Answers, settle: Callable[[], None]
) -> None:
    changed: list[int] = []
    editor.templates_changed.connect(lambda: changed.append(1))
    qtbot.mouseClick(editor.new_button, Qt.MouseButton.LeftButton)
    assert (
        editor.name_edit.text() == "" and editor.saved_label.text() == "New reply (not saved yet)"
    )
    qtbot.keyClicks(editor.name_edit, "Out of stock")
    qtbot.keyClicks(editor.body_edit, "Sorry, order {order_id} is delayed: the item is out.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert answers.asked == []  # clean: no question
    assert "Out of stock" in editor.names() and "Out of stock" in names_in_db(store)
    assert editor.name_edit.text() == "Out of stock"
    assert editor.saved_label.text() == "Saved Nov 20, 2026 15:00 UTC"
    assert changed == [1]


def test_a_reply_with_problems_needs_a_confirmation(
    qtbot: Any, editor: TemplatesEditor, store: Any, answers: Answers, settle: Callable[[], None]
) -> None:
    editor.new_template()
    editor.name_edit.setText("Review ask")
    with qtbot.waitSignal(editor.lint_timer.timeout, timeout=3000):
        qtbot.keyClicks(editor.body_edit, "If you are happy, please leave 5 stars")
    assert "5 stars" in editor.lint_label.text()
    answers.answer = False
    assert editor.save() is False
    assert "Review ask" not in names_in_db(store)
    assert "2 problems" in answers.asked[0] and "Save it anyway?" in answers.asked[0]
    answers.answer = True
    assert editor.save() is True
    settle()
    assert "Review ask" in names_in_db(store)


def test_edit_and_delete(
    editor: TemplatesEditor, store: Any, answers: Answers, settle: Callable[[], None]
) -> None:
    editor.select_row(editor.names().index("Return instructions"))
    editor.body_edit.setPlainText("Use the returns centre in Your Orders.")
    assert editor.save()
    settle()
    saved = next(t for t in list_templates(store.db) if t.name == "Return instructions")
    assert saved.body == "Use the returns centre in Your Orders."
    assert editor.saved_label.text().startswith("Saved ")
    editor.delete_current()
    settle()
    assert "Return instructions" not in editor.names()
    assert "Return instructions" not in names_in_db(store)
    assert answers.asked[-1] == "Delete the saved reply \u201cReturn instructions\u201d?"
    editor.restore()
    settle()
    assert "Return instructions" in editor.names()


def test_a_duplicate_name_is_refused_with_a_sentence(
    editor: TemplatesEditor, store: Any, settle: Callable[[], None]
) -> None:
    editor.new_template()
    editor.name_edit.setText("cancellation confirmation")
    editor.body_edit.setPlainText("Done.")
    assert editor.save() is False
    settle()
    assert "already exists" in editor.saved_label.text()
    assert len(names_in_db(store)) == len(DEFAULT_TEMPLATES)


def test_switching_away_from_unsaved_changes_asks(
    qtbot: Any, editor: TemplatesEditor, answers: Answers
) -> None:
    first = editor.name_edit.text()
    qtbot.keyClicks(editor.body_edit, " (edited)")
    answers.answer = False
    editor.list_view.setCurrentIndex(editor.model.index(1, 0))
    assert editor.name_edit.text() == first  # kept the unsaved edit
    assert answers.asked == ["Discard your changes to this reply?"]
    answers.answer = True
    editor.list_view.setCurrentIndex(editor.model.index(1, 0))
    assert editor.name_edit.text() == editor.names()[1]


def test_templates_model_passes_the_modeltester(
    qtmodeltester: Any, editor: TemplatesEditor
) -> None:
    qtmodeltester.check(editor.model)
    qtmodeltester.check(TemplatesModel())
