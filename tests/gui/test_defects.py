"""The Defects screen, its notes pane and the manual claim form, on the seller-a samples."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QLineEdit

from core.format import format_date
from gui.models.defects_model import (
    AGES_OUT,
    CHANNEL,
    COUNTS,
    KIND,
    ORDER,
    REMOVAL,
    STATUS,
    WHY_NOT,
)
from gui.views.claim_form import ClaimForm
from gui.views.defects import DefectsView


@pytest.fixture
def expected(samples: Path) -> dict[str, Any]:
    return dict(json.loads((samples / "seller-a" / "expected.json").read_text()))


@pytest.fixture
def defects(qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Any) -> DefectsView:
    view = DefectsView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()  # a hidden screen reloads only when it is shown next
    settle()
    return view


def column(view: DefectsView, col: int) -> list[str]:
    p = view.proxy
    return [p.data(p.index(r, col)) for r in range(p.rowCount())]


def select_order(view: DefectsView, order_id: str) -> int:
    row = column(view, ORDER).index(order_id)
    view.table.selectRow(row)
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    return row


def test_lists_defects_with_the_engine_verdicts(
    defects: DefectsView, expected: dict[str, Any]
) -> None:
    assert defects.proxy.rowCount() == 27  # 18 defects and 9 neutral feedback
    counted = sorted(
        o
        for o, c in zip(column(defects, ORDER), column(defects, COUNTS), strict=True)
        if c == "Yes"
    )
    ages_out = expected["metrics"]["order_defect_rate"]["ages_out"]
    assert counted == sorted(a["order_id"] for a in ages_out)
    assert expected["metrics"]["order_defect_rate"]["numerator"] == len(counted)
    reasons = set(column(defects, WHY_NOT))
    assert "FBA fulfilment claim: Amazon's responsibility" in reasons
    assert "struck through" in reasons
    assert "won" in reasons
    assert "return: counts toward RDR, not ODR" in reasons
    assert any(r.startswith("outside the window") for r in reasons)
    by_order = dict(zip(column(defects, ORDER), column(defects, AGES_OUT), strict=True))
    for item in ages_out:
        assert by_order[item["order_id"]] == format_date(date.fromisoformat(item["date"]))
    assert "5 count toward ODR" in defects.summary.text()
    assert "9 neutral feedback, listed only for removal" in defects.summary.text()


def test_neutral_feedback_is_listed_for_removal_only(defects: DefectsView) -> None:
    kinds = column(defects, KIND)
    neutral = [i for i, k in enumerate(kinds) if k == "Neutral feedback"]
    assert len(neutral) == 9
    for i in neutral:
        assert column(defects, COUNTS)[i] == "No"
        assert column(defects, WHY_NOT)[i] == "neutral - not an ODR defect"
        assert column(defects, AGES_OUT)[i] == ""
    defects.counts_filter.setCurrentIndex(1)
    assert "Neutral feedback" not in column(defects, KIND)


@pytest.mark.parametrize(
    ("order_id", "removal"),
    [
        ("112-3802812-1393574", "eligible: product review"),  # "Stopped working after ..."
        ("114-1511082-7700675", "not eligible"),  # "Item not as described": the listing's
        ("112-1924486-4504992", "not eligible"),  # broken AND the seller never answered
        ("113-8322623-0034089", "struck through"),
        ("112-9138751-8795051", "not eligible"),  # 3 stars: "Great seller, fast shipping!"
        ("AZ-11-0002", ""),  # claims have no removal verdict
    ],
)
def test_removal_column(defects: DefectsView, order_id: str, removal: str) -> None:
    row = defects.model.row_of_ref(order_id)
    assert row is not None
    assert defects.model.data(defects.model.index(row, REMOVAL)) == removal


def test_models_pass_modeltester(defects: DefectsView, qtmodeltester: Any) -> None:
    qtmodeltester.check(defects.model)
    qtmodeltester.check(defects.proxy)


def test_filters(qtbot: Any, defects: DefectsView) -> None:
    defects.counts_filter.setCurrentIndex(1)
    assert defects.proxy.rowCount() == 5
    assert set(column(defects, COUNTS)) == {"Yes"}
    defects.counts_filter.setCurrentIndex(0)
    defects.kind_filter.setCurrentIndex(defects.kind_filter.findData("chargeback"))
    assert defects.proxy.rowCount() == 3
    defects.kind_filter.setCurrentIndex(0)
    defects.channel_filter.setCurrentIndex(defects.channel_filter.findData("mfn"))
    assert set(column(defects, CHANNEL)) == {"FBM (you ship)"}
    assert "Showing" in defects.summary.text()


def test_new_since_last_review(
    qtbot: Any, defects: DefectsView, seller_a_store: Any, clock: Any, settle: Any
) -> None:
    from storage.repository.warnings import log_review

    defects.new_only.setChecked(True)
    assert defects.proxy.rowCount() == 27  # never reviewed: all new
    assert "(never)" in defects.new_only.text()
    log_review(seller_a_store.db, clock() - timedelta(days=1))
    defects.refresh()
    settle()
    assert defects.proxy.rowCount() == 27  # imported after that review: all new
    clock.advance(timedelta(hours=1))
    qtbot.mouseClick(defects.review_button, Qt.MouseButton.LeftButton)
    settle()
    assert defects.proxy.rowCount() == 0
    assert "Nov 20" in defects.new_only.text()


def test_status_edit_appends_a_note(
    qtbot: Any, defects: DefectsView, seller_a_store: Any, clock: Any
) -> None:
    from storage.repository.app_state import get_defect_status, list_notes

    row = select_order(defects, "114-2471265-6364711")  # the open chargeback CB-11-0001
    assert defects.notes.title.text().startswith("<b>Chargeback</b>")
    index = defects.proxy.index(row, STATUS)
    defects.table.edit(index)
    editor = defects.table.findChild(QComboBox)
    assert editor is not None
    editor.setCurrentIndex(editor.findData("accepted"))
    editor.activated.emit(editor.currentIndex())
    qtbot.waitUntil(lambda: defects.notes.model.rowCount() == 1)
    assert get_defect_status(seller_a_store.db, "chargeback", "CB-11-0001") == "accepted"
    notes = list_notes(seller_a_store.db, "chargeback", "CB-11-0001", seller_a_store.cipher)
    assert notes[-1]["status_change"] == "open -> accepted"
    assert defects.notes.model.data(defects.notes.model.index(0, 1)) == "Status: open -> accepted"
    row = column(defects, ORDER).index("114-2471265-6364711")
    assert column(defects, STATUS)[row] == "Accepted"


def test_marking_feedback_removed_changes_the_verdict(
    qtbot: Any, defects: DefectsView, seller_a_store: Any
) -> None:
    row = select_order(defects, "114-1511082-7700675")  # counted negative feedback
    assert column(defects, COUNTS)[row] == "Yes"
    assert defects.proxy.setData(defects.proxy.index(row, STATUS), "removed")
    qtbot.waitUntil(lambda: "removed" in column(defects, WHY_NOT))
    row = column(defects, ORDER).index("114-1511082-7700675")
    assert column(defects, COUNTS)[row] == "No"
    assert column(defects, WHY_NOT)[row] == "removed"


def test_notes_and_evidence(
    qtbot: Any,
    defects: DefectsView,
    seller_a_store: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    settle: Any,
) -> None:
    from storage.repository.app_state import list_notes

    select_order(defects, "112-2601288-2657980")  # A-to-z claim AZ-11-0002
    pane = defects.notes
    qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    assert pane.error.text() == "Type the note first."
    qtbot.keyClicks(pane.editor, "Sent tracking to Amazon")
    qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    settle()
    assert pane.model.rowCount() == 1 and pane.editor.toPlainText() == ""
    photo = tmp_path / "box.jpg"
    photo.write_bytes(b"jpg")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], "Evidence"))
    pane.evidence_kind.setCurrentText("Photos")
    qtbot.mouseClick(pane.attach_button, Qt.MouseButton.LeftButton)
    settle()
    notes = list_notes(seller_a_store.db, "claim", "AZ-11-0002", seller_a_store.cipher)
    assert [n["text"] for n in notes] == ["Sent tracking to Amazon", "Photos: box.jpg"]
    assert notes[1]["evidence_path"] == str(photo)
    assert pane.model.data(pane.model.index(1, 1)) == "Photos: box.jpg"
    opened: list[Any] = []

    def open_url(url: Any) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    pane.table.doubleClicked.emit(pane.model.index(1, 1))
    assert opened[0].toLocalFile() == str(photo)


def test_navigate_selects_a_defect(defects: DefectsView, bridge: Any) -> None:
    defects.kind_filter.setCurrentIndex(defects.kind_filter.findData("feedback"))
    bridge.navigate.emit("defects", "AZ-11-0005")
    current = defects.current_defect()
    assert current is not None and current.ref == "AZ-11-0005"
    bridge.navigate.emit("defects", "new_since_review")
    assert defects.new_only.isChecked()


def fill(qtbot: Any, form: ClaimForm, **values: str) -> None:
    for name, text in values.items():
        widget = form.fields[name]
        if isinstance(widget, QLineEdit):
            widget.clear()
            qtbot.keyClicks(widget, text)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(text))


def test_claim_form_refuses_bad_input(qtbot: Any, seller_a_store: Any, clock: Any) -> None:
    form = ClaimForm(seller_a_store, clock)
    qtbot.addWidget(form)
    fill(qtbot, form, order_id="12-34", amount="lots", filed_at="yesterday", currency="dollars")
    fill(qtbot, form, status="info_requested")
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert form.error_text("claim_id") == "Enter the claim ID from Seller Central."
    assert form.error_text("order_id") == "An Amazon order ID looks like 111-2345678-1234567."
    assert form.error_text("amount") == "The amount must be a number like 24.99."
    assert form.error_text("filed_at").startswith("The filing time must be a date (and time) like")
    assert form.error_text("currency") == "The currency is a three-letter code like USD or EUR."
    assert form.error_text("info_requested_at") == "Enter when Amazon asked for information."
    assert form.result() == 0


def test_claim_form_saves_and_the_list_grows(
    qtbot: Any, defects: DefectsView, seller_a_store: Any, settle: Any
) -> None:
    from storage.repository.records import list_claims

    form = defects.open_claim_form()
    fill(
        qtbot,
        form,
        claim_id="AZ-MANUAL-1",
        order_id="112-7386823-8993316",
        filed_at="2026-11-19 10:30",
        amount="12.50",
        kind="a-to-z",
        reason="defective",
        status="open",
    )
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(
            form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    settle()
    saved = {c.claim_id: c for c in list_claims(seller_a_store.db)}["AZ-MANUAL-1"]
    assert str(saved.amount) == "12.50" and saved.reason == "defective"
    assert defects.proxy.rowCount() == 28
    again = defects.open_claim_form()  # the same id twice: storage's sentence is shown
    fill(qtbot, again, claim_id="AZ-MANUAL-1", order_id="112-7386823-8993316")
    qtbot.mouseClick(
        again.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle()
    assert again.form_error.text() == "A claim with id AZ-MANUAL-1 is already recorded."
    assert again.isVisible()
    again.close()


def test_claim_form_takes_spreadsheet_dates_and_a_calendar(
    qtbot: Any, seller_a_store: Any, clock: Any
) -> None:
    from PySide6.QtCore import QDate

    from gui.views.claim_form import validate_claim
    from gui.widgets.date_line import DateLine

    form = ClaimForm(seller_a_store, clock)
    qtbot.addWidget(form)
    filed = form.fields["filed_at"]
    assert isinstance(filed, DateLine)
    filed.setText("11/18/2026 14:00")
    filed.pick(QDate(2026, 11, 17))  # the calendar keeps the time typed
    assert filed.text() == "2026-11-17 14:00"
    values = {**form.values(), "claim_id": "AZ-9", "order_id": "111-2345678-1234567"}
    for typed in ("11/17/2026 14:00", "17.11.2026 14:00", "2026-11-17 14:00"):
        claim, errors = validate_claim({**values, "filed_at": typed}, clock())
        assert not errors and claim is not None
        assert claim.filed_at.isoformat() == "2026-11-17T14:00:00+00:00"
