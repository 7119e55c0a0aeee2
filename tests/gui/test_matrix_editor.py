"""The escalation matrix editor: delegates, refusals with sentences, Save / Revert / Reset."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit

from core.triage import CONTACT_TYPES, DEFAULT_MATRIX, EscalationRow, MatrixError
from gui.models.matrix_model import (
    CONTACT,
    LIMIT,
    NOTES,
    OWNER,
    RESOLUTION,
    TARGET,
    MatrixModel,
    format_limit,
    parse_limit,
)
from gui.operations import wait_idle
from gui.views.matrix_editor import MatrixEditor


def settled() -> None:
    """Reads and writes run in the background: wait until they are shown."""
    assert wait_idle()


@pytest.fixture
def editor(qtbot: Any, store: Any, bridge: Any, clock: Any) -> MatrixEditor:
    e = MatrixEditor(store, bridge, clock)
    qtbot.addWidget(e)
    e.resize(1000, 500)
    e.show()
    settled()
    return e


def row_of(model: MatrixModel, contact_type: str) -> int:
    return [model.row_at(i).contact_type for i in range(model.rowCount())].index(contact_type)


def test_model_passes_modeltester(qtmodeltester: Any, qapp: Any) -> None:
    m = MatrixModel()
    m.set_rows(DEFAULT_MATRIX)
    qtmodeltester.check(m)
    assert m.data(m.index(0, CONTACT)) == "Cancellation request"
    assert m.data(m.index(0, TARGET)) == "4 h"
    assert m.data(m.index(0, LIMIT)) == "none"
    assert m.data(m.index(1, LIMIT)) == "$50.00"
    assert m.data(m.index(1, RESOLUTION)) == "Send a replacement"
    assert not m.flags(m.index(0, CONTACT)) & Qt.ItemFlag.ItemIsEditable
    assert m.flags(m.index(0, TARGET)) & Qt.ItemFlag.ItemIsEditable


def test_loads_the_stored_matrix(editor: MatrixEditor) -> None:
    assert editor.model.rowCount() == len(CONTACT_TYPES)
    assert {r.contact_type for r in editor.model.rows()} == set(CONTACT_TYPES)
    assert not editor.model.dirty


@pytest.mark.parametrize(
    ("col", "value", "sentence"),
    [
        (
            TARGET,
            30.0,
            "Delivery issue: the target time must be more than 0 and at most 24 hours "
            "(Amazon's limit), not 30.",
        ),
        (
            TARGET,
            0.0,
            "Delivery issue: the target time must be more than 0 and at most 24 hours "
            "(Amazon's limit), not 0.",
        ),
        (LIMIT, "-5", "Delivery issue: the dollar limit must be zero or more."),
        (
            LIMIT,
            "lots",
            "Delivery issue: the dollar limit must be an amount like 50 or 24.99 "
            "(leave it empty for none).",
        ),
        (OWNER, "   ", "Delivery issue: name who answers these messages."),
        (RESOLUTION, "free_gift", "Delivery issue: the resolution must be one of"),
    ],
)
def test_bad_edits_are_refused_with_a_sentence(
    qtbot: Any, editor: MatrixEditor, col: int, value: object, sentence: str
) -> None:
    m = editor.model
    row = row_of(m, "delivery_issue")
    before = m.row_at(row)
    with qtbot.waitSignal(m.refused) as blocker:
        assert not m.setData(m.index(row, col), value)
    assert str(blocker.args[0]).startswith(sentence)
    assert editor.message.text().startswith(sentence)
    assert m.row_at(row) == before and not m.dirty


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("none", None),
        ("50", Decimal("50.00")),
        ("$1,250.5", Decimal("1250.50")),
        (" 0 ", Decimal("0.00")),
    ],
)
def test_parse_limit(text: str, value: Decimal | None) -> None:
    assert parse_limit(text, "X") == value


@pytest.mark.parametrize("text", ["abc", "NaN", "inf", "1.2.3"])
def test_parse_limit_refuses(text: str) -> None:
    with pytest.raises(MatrixError):
        parse_limit(text, "X")


def test_format_limit() -> None:
    assert format_limit(None) == "none"
    assert format_limit(Decimal("1250.5")) == "$1,250.50"


def edit_with_delegate(qtbot: Any, editor: MatrixEditor, row: int, col: int) -> Any:
    index = editor.model.index(row, col)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    widget = editor.table.indexWidget(index) or editor.table.focusWidget()
    assert widget is not None
    return widget


def test_delegates_edit_and_save(qtbot: Any, editor: MatrixEditor, store: Any, bridge: Any) -> None:
    from storage.repository.triage_store import load_matrix

    m = editor.model
    row = row_of(m, "product_defect")
    spin = edit_with_delegate(qtbot, editor, row, TARGET)
    assert isinstance(spin, QDoubleSpinBox)
    spin.setValue(6)
    editor.table.commitData(spin)
    editor.table.closeEditor(spin, editor.table.itemDelegate().EndEditHint.NoHint)
    assert m.data(m.index(row, TARGET)) == "6 h"
    combo = edit_with_delegate(qtbot, editor, row, RESOLUTION)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("refund"))
    combo.activated.emit(combo.currentIndex())
    assert m.row_at(row).resolution == "refund"
    money = edit_with_delegate(qtbot, editor, row, LIMIT)
    assert isinstance(money, QLineEdit)
    money.setText("75")
    editor.table.commitData(money)
    assert m.row_at(row).dollar_limit == Decimal("75.00")
    assert m.dirty and editor.message.text() == "Changed; Save matrix to keep it."
    with qtbot.waitSignal(bridge.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settled()
    assert editor.message.text() == "Escalation matrix saved at 15:00 UTC."
    saved = {r.contact_type: r for r in load_matrix(store.db)}["product_defect"]
    assert (saved.target_hours, saved.resolution, saved.dollar_limit) == (
        6.0,
        "refund",
        Decimal("75.00"),
    )


def test_spin_over_24_is_refused_with_a_sentence(qtbot: Any, editor: MatrixEditor) -> None:
    m = editor.model
    row = row_of(m, "general_inquiry")
    spin = edit_with_delegate(qtbot, editor, row, TARGET)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "36")
    editor.table.commitData(spin)
    assert m.row_at(row).target_hours == 24
    assert editor.message.text() == (
        "General inquiry: the target time must be more than 0 and at most 24 hours "
        "(Amazon's limit), not 36."
    )


def test_revert_and_reset(qtbot: Any, editor: MatrixEditor, store: Any) -> None:
    from storage.repository.triage_store import load_matrix, save_matrix

    custom = [
        EscalationRow(r.contact_type, "Sam", 2, r.resolution, r.dollar_limit, r.notes)
        for r in DEFAULT_MATRIX
    ]
    save_matrix(store.db, custom)
    editor.refresh()
    settled()
    m = editor.model
    assert {r.owner for r in m.rows()} == {"Sam"}
    assert m.setData(m.index(0, OWNER), "Alex")
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    settled()
    assert m.data(m.index(0, OWNER)) == "Sam" and not m.dirty
    qtbot.mouseClick(editor.reset_button, Qt.MouseButton.LeftButton)
    assert m.rows() == list(DEFAULT_MATRIX) and m.dirty
    assert editor.message.text() == "The shipped defaults are in the table; Save to keep them."
    assert {r.owner for r in load_matrix(store.db)} == {"Sam"}  # not saved yet
    assert editor.save()
    settled()
    assert load_matrix(store.db) == list(DEFAULT_MATRIX)


def test_notes_are_editable_and_shown_as_tooltip(editor: MatrixEditor) -> None:
    m = editor.model
    assert m.setData(m.index(0, NOTES), "  Call the carrier first.  ")
    assert m.data(m.index(0, NOTES)) == "Call the carrier first."
    assert m.data(m.index(0, CONTACT), Qt.ItemDataRole.ToolTipRole) == "Call the carrier first."


def test_save_refusal_from_storage_is_shown(
    editor: MatrixEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.repository.triage_store as ts

    def refuse(_db: Any, _rows: Any) -> None:
        raise MatrixError("Delivery issue appears twice in the escalation matrix.")

    monkeypatch.setattr(ts, "save_matrix", refuse)
    assert editor.save()  # valid in the table; the storage refuses it in the background
    settled()
    assert editor.message.text() == "Delivery issue appears twice in the escalation matrix."


def test_a_change_made_elsewhere_shows_unless_the_table_has_unsaved_edits(
    editor: MatrixEditor, store: Any, bridge: Any
) -> None:
    from services.triage_rules import save_escalation_matrix

    m = editor.model
    row = row_of(m, "delivery_issue")
    changes = save_escalation_matrix(store, [replace_owner(r, "Sam") for r in m.rows()])
    bridge.changed.emit(changes)  # e.g. a restore, or another window
    settled()
    assert m.row_at(row).owner == "Sam" and not m.dirty
    assert m.setData(m.index(row, OWNER), "Alex")
    bridge.changed.emit(save_escalation_matrix(store, [replace_owner(r, "Kim") for r in m.rows()]))
    settled()
    assert m.row_at(row).owner == "Alex" and m.dirty  # the seller's edit is kept


def replace_owner(row: EscalationRow, owner: str) -> EscalationRow:
    from dataclasses import replace

    return replace(row, owner=owner)


def test_the_matrix_editor_never_reads_the_database_on_the_gui_thread(
    qtbot: Any, store: Any, bridge: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.db_guard import gui_thread_db_calls

    with gui_thread_db_calls(monkeypatch) as calls:
        e = MatrixEditor(store, bridge, clock)
        qtbot.addWidget(e)
        e.show()
        settled()
        assert e.model.setData(e.model.index(0, OWNER), "Alex")
        assert e.save()
        settled()
        qtbot.mouseClick(e.revert_button, Qt.MouseButton.LeftButton)
        settled()
    assert calls == []
    assert e.model.row_at(0).owner == "Alex" and not e.model.dirty
