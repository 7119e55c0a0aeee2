"""The claim windows on the Settings screen: shown in days, saved, checked, and the finder follows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from core.reimbursements import ReimbursementSettings
from gui.operations import wait_idle
from services.settings import SettingsForm, settings_page
from storage.repository.settings import load_reimbursement_settings, save_reimbursement_settings
from tests.gui.test_settings_view import make_view, type_into


def test_every_window_is_shown_in_days_with_the_spec_default(
    qtbot: Any, store: Any, bridge: Any, clock: Any
) -> None:
    view = make_view(qtbot, store, bridge, clock)
    box = view.reimbursements
    assert set(box.spins) == set(ReimbursementSettings().to_dict())
    assert box.settings() == ReimbursementSettings()
    assert box.spins["refund_claim_closes_days"].text() == "120 days"
    assert box.spins["closing_soon_days"].value() == 7
    assert not view.dirty


def test_saved_and_shown_again(qtbot: Any, store: Any, bridge: Any, clock: Any) -> None:
    view = make_view(qtbot, store, bridge, clock)
    type_into(qtbot, view.reimbursements.spins["refund_claim_closes_days"], "150")
    type_into(qtbot, view.reimbursements.spins["closing_soon_days"], "10")
    assert view.dirty
    with qtbot.waitSignal(bridge.changed):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    saved = load_reimbursement_settings(store.db)
    assert (saved.refund_claim_closes_days, saved.closing_soon_days) == (150, 10)
    assert make_view(qtbot, store, bridge, clock).reimbursements.settings() == saved
    assert not view.dirty


def test_a_window_that_closes_before_it_opens_is_refused(
    qtbot: Any, store: Any, bridge: Any, clock: Any
) -> None:
    view = make_view(qtbot, store, bridge, clock)
    type_into(qtbot, view.reimbursements.spins["removal_claim_opens_days"], "80")
    assert not view.save()
    assert view.message.text() == "The claim window for removal orders must close after it opens."
    assert wait_idle()
    assert load_reimbursement_settings(store.db) == ReimbursementSettings()


def test_a_form_without_the_windows_keeps_them(store: Any) -> None:
    save_reimbursement_settings(store.db, ReimbursementSettings(closing_soon_days=3))
    page = settings_page(store)
    form = SettingsForm({}, page.notifications, page.watch, page.backups)
    assert page.holds(form)
    assert page.with_form(form).reimbursements.closing_soon_days == 3
