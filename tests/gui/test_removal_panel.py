"""The feedback-removal checker in the Defects screen, on the seller-a feedback at 2026-11-20."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.feedback_check import Reason
from core.model import Feedback
from gui.models.defects_model import ORDER, REMOVAL, STATUS, WHY_NOT
from gui.views.defects import DefectsView
from gui.views.removal_panel import RemovalPanel, highlighted_html
from services.defects import REFUSED_NOTE
from tests.gui.rendered import shown

ELIGIBLE = "112-3802812-1393574"  # 2 stars 2026-09-17, "Stopped working after two weeks", FBM
MIXED = "112-1924486-4504992"  # "Arrived broken and seller never answered."
STRUCK = "113-8322623-0034089"  # Amazon's FBA sentence in the response
NEUTRAL = "112-9138751-8795051"  # 3 stars "Great seller, fast shipping!"


@pytest.fixture
def defects(qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Any) -> DefectsView:
    view = DefectsView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()  # laid out, so the buttons have a size to click on
    qtbot.waitExposed(view)
    settle()
    return view


def select(view: DefectsView, ref: str) -> RemovalPanel:
    assert view.select_ref(ref)
    return view.removal


def cell(view: DefectsView, ref: str, col: int) -> str:
    row = view.model.row_of_ref(ref)
    assert row is not None
    return str(view.model.data(view.model.index(row, col)))


def test_eligible_product_review(defects: DefectsView) -> None:
    panel = select(defects, ELIGIBLE)
    assert panel.isVisibleTo(defects)
    assert panel.verdict.text() == "<b>Eligible for a removal request.</b>"
    assert "Entirely a product review" in panel.reasons.text()
    html = panel.comment.toHtml()
    assert "background-color:#ffe9a3" in html.replace(" ", "")  # the product words, highlighted
    assert "Stopped working" in panel.comment.toPlainText()
    # 90 days from 2026-09-17 00:00 UTC, seen at 2026-11-20 15:00 UTC
    assert panel.deadline.text().startswith(
        "Request removal by Dec 16, 2026 00:00 UTC (25 d 9 h left"
    )
    assert not panel.neutral.isVisibleTo(panel)
    assert panel.requested_button.isEnabled() and panel.removed_button.isEnabled()
    assert not panel.refused_button.isEnabled()


def test_mixed_comment_is_not_eligible_and_says_why(defects: DefectsView) -> None:
    panel = select(defects, MIXED)
    assert panel.verdict.text() == "<b>Not eligible for removal.</b>"
    assert panel.note.text().startswith("Mixed: it criticises the product and the seller")
    assert not panel.reasons.isVisibleTo(panel)


def test_struck_through_says_so_and_offers_nothing(defects: DefectsView) -> None:
    panel = select(defects, STRUCK)
    assert "Struck through by Amazon" in panel.verdict.text()
    assert "already struck this feedback through" in panel.note.text()
    assert panel.deadline.text() == ""  # no request to make, so no countdown
    for b in (panel.requested_button, panel.removed_button, panel.refused_button):
        assert not b.isEnabled()


def test_neutral_feedback_is_marked(defects: DefectsView) -> None:
    panel = select(defects, NEUTRAL)
    assert panel.neutral.isVisibleTo(panel)
    assert panel.neutral.text().startswith("neutral - not an ODR defect")
    assert "3 stars" in panel.title.text()


def test_panel_hides_for_claims(defects: DefectsView) -> None:
    select(defects, ELIGIBLE)
    select(defects, "AZ-11-0002")
    assert not defects.removal.isVisibleTo(defects)
    assert defects.notes.title.text().startswith("<b>A-to-z claim</b>")


def test_request_then_refused_is_tracked_in_notes(
    qtbot: Any, defects: DefectsView, seller_a_store: Any, bridge: Any, settle: Any
) -> None:
    from storage.repository.app_state import get_defect_status, list_notes
    from storage.repository.records import list_feedback

    panel = select(defects, ELIGIBLE)
    with qtbot.waitSignal(bridge.changed):
        panel.requested_button.click()
    settle()
    notes = list_notes(seller_a_store.db, "feedback", ELIGIBLE, seller_a_store.cipher)
    assert [n["status_change"] for n in notes] == ["open -> removal_requested", ""]
    assert notes[1]["text"] == "Removal requested: product review."
    fb = {f.order_id: f for f in list_feedback(seller_a_store)}[ELIGIBLE]
    assert fb.removal_requested
    assert cell(defects, ELIGIBLE, STATUS) == "Removal requested"
    # the list re-selected the same feedback; the panel and the notes follow
    current = defects.current_defect()
    assert current is not None and current.ref == ELIGIBLE
    assert defects.notes.model.rowCount() == 2
    panel = defects.removal
    assert panel.deadline.text().startswith("Removal requested;")
    assert not panel.requested_button.isEnabled() and panel.refused_button.isEnabled()

    panel.refused_button.click()
    settle()
    assert get_defect_status(seller_a_store.db, "feedback", ELIGIBLE) == "lost"
    last = list_notes(seller_a_store.db, "feedback", ELIGIBLE, seller_a_store.cipher)[-1]
    assert (last["status_change"], last["text"]) == ("removal_requested -> lost", REFUSED_NOTE)
    assert cell(defects, ELIGIBLE, STATUS) == "Lost"


def test_removed_by_amazon_leaves_odr(
    qtbot: Any, defects: DefectsView, seller_a_store: Any, settle: Any
) -> None:
    from storage.repository.app_state import list_notes

    counted = "114-1511082-7700675"
    panel = select(defects, counted)
    assert "5 count toward ODR" in defects.summary.text()
    panel.removed_button.click()
    settle()
    assert cell(defects, counted, WHY_NOT) == "removed"
    assert cell(defects, counted, REMOVAL) == "removed by Amazon"
    assert "4 count toward ODR" in defects.summary.text()
    notes = list_notes(seller_a_store.db, "feedback", counted, seller_a_store.cipher)
    assert notes[-1]["status_change"] == "open -> removed"
    assert defects.removal.verdict.text() == "<b>Removed by Amazon: it counts nowhere.</b>"
    assert not defects.removal.removed_button.isEnabled()


def test_closed_window(qtbot: Any, store: Any, clock: Any) -> None:
    panel = RemovalPanel(store, clock)
    qtbot.addWidget(panel)
    old = Feedback("111-0000000-0000001", date(2026, 8, 1), 1, "Cheap plastic, broke in a day.")
    panel.show_feedback(old, "mfn")
    assert panel.verdict.text() == "<b>Eligible for a removal request.</b>"
    assert panel.deadline.text() == (
        "The 90-day window closed on Oct 30, 2026 00:00 UTC: Amazon no longer accepts a request."
    )
    assert not panel.requested_button.isEnabled()  # too late to request
    assert panel.removed_button.isEnabled()  # an earlier request may still succeed
    panel.show_feedback(None)
    assert not panel.verdict.isVisibleTo(panel)
    assert not panel.requested_button.isEnabled()


def test_write_failure_is_a_sentence(qtbot: Any, store: Any, clock: Any, settle: Any) -> None:
    panel = RemovalPanel(store, clock)
    qtbot.addWidget(panel)
    assert not panel.mark_requested()  # nothing shown: nothing to record
    panel.show_feedback(Feedback("111-0000000-0000009", date(2026, 11, 1), 2, "Junk."), "mfn")
    panel.mark_requested()  # no such feedback in the database
    settle()
    assert panel.error.text().startswith("The status could not be saved:")


@pytest.mark.parametrize(
    ("comment", "reasons", "expected"),
    [
        ("plain", [], "plain"),
        ("a <b> & c", [], "a &lt;b&gt; &amp; c"),
        (
            "xx bad yy",
            [Reason("product_review", "", (3, 6))],
            'xx <span style="background-color: #ffe9a3; color: #1a1a1a">bad</span> yy',
        ),
        (
            "abcdef",
            [Reason("obscene", "", (0, 3)), Reason("product_review", "", (2, 5))],
            '<span style="background-color: #ffc9c9; color: #1a1a1a">abc</span>def',
        ),
        ("line\nnext", [Reason("personal_info", "", None)], "line<br>next"),
    ],
)
def test_highlighted_html(comment: str, reasons: list[Reason], expected: str) -> None:
    assert highlighted_html(comment, reasons) == expected


def test_removal_column_follows_the_panel(defects: DefectsView) -> None:
    row = [defects.proxy.data(defects.proxy.index(r, ORDER)) for r in range(27)].index(ELIGIBLE)
    assert defects.proxy.data(defects.proxy.index(row, REMOVAL)) == "eligible: product review"
    tip = shown(defects.proxy.data(defects.proxy.index(row, REMOVAL), Qt.ItemDataRole.ToolTipRole))
    assert tip == "Worth a removal request in Seller Central; Amazon decides."
