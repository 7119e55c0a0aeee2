"""The triage rules editor: list, add/edit/enable/delete, the Test box, refusals."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from core.triage import DEFAULT_RULES, TriageRule
from gui.models.rules_model import (
    CONTACT,
    ENABLED,
    LANGUAGE,
    MATCH_BG,
    ORIGIN,
    PATTERN,
    PRIORITY,
    RulesModel,
    check_rule_fields,
)
from gui.operations import wait_idle
from gui.views.rules_editor import RulesEditor, shipped_priority


def settled() -> None:
    """Reads and writes run in the background: wait until they are shown."""
    assert wait_idle()


@pytest.fixture
def editor(qtbot: Any, store: Any, bridge: Any, clock: Any) -> RulesEditor:
    e = RulesEditor(store, bridge, clock)
    qtbot.addWidget(e)
    e.resize(1000, 600)
    e.show()
    settled()
    return e


def row_of(model: RulesModel, pattern: str, contact_type: str | None = None) -> int:
    for i in range(model.rowCount()):
        r = model.rule_at(i)
        if r.pattern == pattern and (contact_type is None or r.contact_type == contact_type):
            return i
    raise AssertionError(f"no rule {pattern!r}")


def stored(store: Any) -> list[TriageRule]:
    from storage.repository.triage_store import load_rules

    return load_rules(store.db)


def test_model_passes_modeltester(qtmodeltester: Any, qapp: Any) -> None:
    m = RulesModel()
    m.set_rules([r for r in DEFAULT_RULES[:12]])
    qtmodeltester.check(m)
    assert m.data(m.index(0, ENABLED), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert m.data(m.index(0, ORIGIN)) == "Shipped"
    assert m.flags(m.index(0, ENABLED)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not m.flags(m.index(0, ORIGIN)) & Qt.ItemFlag.ItemIsEditable
    saved = [replace(r, id=i) for i, r in enumerate(DEFAULT_RULES[:12])]
    m.set_rules(saved)
    qtmodeltester.check(m)
    m.refresh_rules([replace(r, priority=1) for r in reversed(saved)])  # same rules: in place
    assert [r.id for r in m.rules()] == list(range(12)) and m.rule_at(0).priority == 1
    m.refresh_rules(saved[:5])  # others: in stored order
    assert m.rowCount() == 5
    qtmodeltester.check(m)


def test_lists_the_shipped_rules(editor: RulesEditor) -> None:
    m = editor.model
    assert m.rowCount() == len(DEFAULT_RULES)
    priorities = [m.rule_at(i).priority for i in range(m.rowCount())]
    assert priorities == sorted(priorities, reverse=True)  # highest first
    row = row_of(m, "refund*")
    assert m.data(m.index(row, CONTACT)) == "Return request"
    assert m.data(m.index(row, LANGUAGE)) == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Where is my package?", "Delivery issue: the rule \u201cwhere is\u201d"),
        ("The lamp arrived broken, I want a refund", "Product defect: the rule \u201cbroken\u201d"),
        ("Please cancel my order", "Cancellation request: the rule \u201ccancel*\u201d"),
        ("Das Paket ist kaputt", "Product defect: the rule \u201ckaputt\u201d (priority 80, de)"),
        ("Hello there", "No rule matches: it would be sorted as General inquiry."),
        ("", ""),
    ],
)
def test_test_box(qtbot: Any, editor: RulesEditor, text: str, expected: str) -> None:
    qtbot.keyClicks(editor.test_input, text)
    assert editor.test_result.text().startswith(expected)
    m = editor.model
    highlighted = [
        i
        for i in range(m.rowCount())
        if m.data(m.index(i, PATTERN), Qt.ItemDataRole.BackgroundRole) == MATCH_BG
    ]
    if "the rule" in expected:
        pattern = expected.split("\u201c")[1].split("\u201d")[0]
        assert [m.rule_at(i).pattern for i in highlighted] == [pattern]
    else:
        assert highlighted == []


def test_add_rule_and_test_it(qtbot: Any, editor: RulesEditor, store: Any, bridge: Any) -> None:
    editor.new_contact.setCurrentIndex(editor.new_contact.findData("product_defect"))
    assert editor.new_priority.value() == shipped_priority("product_defect") == 80
    qtbot.keyClicks(editor.new_pattern, "wobbly")
    with qtbot.waitSignal(bridge.changed):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    settled()
    assert editor.message.text() == "Added the rule \u201cwobbly\u201d."
    assert editor.new_pattern.text() == ""
    saved = [r for r in stored(store) if r.pattern == "wobbly"]
    assert len(saved) == 1 and saved[0].origin == "seller" and saved[0].priority == 80
    assert editor.selected_row() == row_of(editor.model, "wobbly")
    assert editor.model.data(editor.model.index(editor.selected_row() or 0, ORIGIN)) == "Yours"
    qtbot.keyClicks(editor.test_input, "The table is wobbly")
    assert editor.test_result.text().startswith("Product defect: the rule \u201cwobbly\u201d")


@pytest.mark.parametrize(
    ("pattern", "language", "sentence"),
    [
        ("", "", "Type the words to look for"),
        ("*", "", "A rule needs at least one letter or digit besides *."),
        ("wobbly", "english", "The language is a two-letter code like en or de"),
        ("refund*", "en", "A Return request rule for \u201crefund*\u201d is already in the list."),
    ],
)
def test_add_refusals(
    qtbot: Any, editor: RulesEditor, store: Any, pattern: str, language: str, sentence: str
) -> None:
    editor.new_contact.setCurrentIndex(editor.new_contact.findData("return_request"))
    qtbot.keyClicks(editor.new_pattern, pattern)
    qtbot.keyClicks(editor.new_language, language)
    count = len(stored(store))
    assert not editor.add_rule()
    assert editor.message.text().startswith(sentence)
    assert len(stored(store)) == count


def test_disable_and_enable(qtbot: Any, editor: RulesEditor, store: Any) -> None:
    m = editor.model
    qtbot.keyClicks(editor.test_input, "where is my parcel")
    assert "where is" in editor.test_result.text()
    row = row_of(m, "where is")
    editor.select_row(row)
    assert editor.toggle_button.text() == "Switch &off"
    qtbot.mouseClick(editor.toggle_button, Qt.MouseButton.LeftButton)
    settled()
    assert not [r for r in stored(store) if r.pattern == "where is"][0].enabled
    assert "\u201cparcel\u201d" in editor.test_result.text()  # the next rule decides now
    assert editor.toggle_button.text() == "Switch &on"
    # the tick box does the same
    assert m.setData(m.index(row, ENABLED), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    settled()
    assert [r for r in stored(store) if r.pattern == "where is"][0].enabled
    assert "where is" in editor.test_result.text()


def test_edit_cells(qtbot: Any, editor: RulesEditor, store: Any) -> None:
    m = editor.model
    row = row_of(m, "tracking")
    assert m.setData(m.index(row, PATTERN), "tracking number")
    assert m.setData(m.index(row, PRIORITY), "60")
    assert m.setData(m.index(row, LANGUAGE), "any")
    rule = m.rule_at(row)
    assert (rule.pattern, rule.priority, rule.language, rule.origin) == (
        "tracking number",
        60,
        "",
        "seller",  # a changed shipped rule becomes the seller's
    )
    settled()
    assert rule in stored(store)
    # contact type through its combo delegate
    index = m.index(row, CONTACT)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    combo = editor.table.indexWidget(index) or editor.table.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("general_inquiry"))
    combo.activated.emit(combo.currentIndex())
    settled()
    assert [r for r in stored(store) if r.id == rule.id][0].contact_type == "general_inquiry"
    # refusals keep the rule as it was
    with qtbot.waitSignal(m.refused):
        assert not m.setData(m.index(row, PATTERN), "  ")
    assert not m.setData(m.index(row, PRIORITY), "high")
    assert editor.message.text() == "The priority is a whole number from 0 to 1000."
    assert m.rule_at(row).pattern == "tracking number"


def test_delete_and_restore_shipped(qtbot: Any, editor: RulesEditor, store: Any) -> None:
    editor.new_contact.setCurrentIndex(editor.new_contact.findData("delivery_issue"))
    qtbot.keyClicks(editor.new_pattern, "courier")
    assert editor.add_rule()
    settled()
    editor.select_row(row_of(editor.model, "refund*"))
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    settled()
    assert editor.message.text() == "Deleted the rule \u201crefund*\u201d."
    assert "refund*" not in [r.pattern for r in stored(store)]
    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    settled()
    patterns = [r.pattern for r in stored(store)]
    assert "refund*" in patterns and "courier" in patterns  # the seller's rule stays
    assert editor.model.rowCount() == len(DEFAULT_RULES) + 1


def test_no_selection_disables_row_actions(editor: RulesEditor) -> None:
    assert editor.selected_row() is None
    assert not editor.toggle_button.isEnabled() and not editor.delete_button.isEnabled()
    assert not editor.delete_selected() and not editor.toggle_selected()


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        (TriageRule("return_request", "refund*", "en", 70), ""),
        (TriageRule("nonsense", "refund*"), "Choose the contact type"),
        (TriageRule("return_request", " "), "Type the words to look for"),
        (TriageRule("return_request", "x", "EN1"), "The language is a two-letter code"),
        (TriageRule("return_request", "x", "", 5000), "The priority is a whole number"),
    ],
)
def test_check_rule_fields(rule: TriageRule, problem: str) -> None:
    assert check_rule_fields(rule).startswith(problem)
    assert bool(check_rule_fields(rule)) is bool(problem)


def test_an_edit_broadcasts_a_triage_rules_change(
    qtbot: Any, editor: RulesEditor, bridge: Any
) -> None:
    from services.changes import Changes

    editor.select_row(row_of(editor.model, "where is"))
    with qtbot.waitSignal(bridge.changed) as changed:
        qtbot.mouseClick(editor.toggle_button, Qt.MouseButton.LeftButton)
    assert changed.args == [Changes(triage_rules=True)]
    settled()
    assert editor.message.text() == "Saved."


def test_a_write_the_storage_refuses_is_undone_with_its_sentence(
    editor: RulesEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.repository.triage_store as ts

    def refuse(_db: Any, rule: TriageRule) -> int:
        raise KeyError(f"no triage rule with id {rule.id}")

    m = editor.model
    row = row_of(m, "tracking")
    rule_id = m.rule_at(row).id
    monkeypatch.setattr(ts, "save_rule", refuse)
    assert m.setData(m.index(row, PATTERN), "tracking number")  # shown at once
    settled()
    assert editor.message.text() == f"no triage rule with id {rule_id}"
    assert m.rule_at(row_of(m, "tracking")).id == rule_id  # the stored rule is back


def test_a_rule_learned_elsewhere_shows_up(editor: RulesEditor, store: Any, bridge: Any) -> None:
    from services.triage_rules import save_triage_rule

    changes = save_triage_rule(
        store, TriageRule("product_defect", "wobbly", "", 80, True, "correction")
    )
    bridge.changed.emit(changes)  # e.g. "this message is really X" in the inbox
    settled()
    row = row_of(editor.model, "wobbly")
    assert editor.model.data(editor.model.index(row, ORIGIN)) == "From a correction"


def test_the_rules_editor_never_reads_the_database_on_the_gui_thread(
    qtbot: Any, store: Any, bridge: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.db_guard import gui_thread_db_calls

    with gui_thread_db_calls(monkeypatch) as calls:
        e = RulesEditor(store, bridge, clock)
        qtbot.addWidget(e)
        e.show()
        settled()
        qtbot.keyClicks(e.new_pattern, "courier")
        assert e.add_rule()
        settled()
        e.select_row(row_of(e.model, "courier"))
        assert e.toggle_selected()
        settled()
        assert e.delete_selected()
        settled()
        e.restore_shipped()
        settled()
    assert calls == []
    assert e.model.rowCount() == len(DEFAULT_RULES)
