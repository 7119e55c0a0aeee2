"""Claims on the deadline board, the words for a case key, and the live due-soon margin."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from core.alerts.reminders import deadline_alert
from core.countdown import due_soon_margin, kind_label, state_for
from core.deadlines import claim_due_at, item_state, reimbursement_items
from core.format import UTC_PREFS
from core.reimbursements import Case, CaseState, case_subject
from core.settings import MetricSettings

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def case(
    key: str = "customer_return|111-1|SKU-A",
    state: CaseState = "claimable",
    closes: date | None = date(2026, 11, 27),
    order_id: str | None = "111-1",
) -> Case:
    kind = key.partition("|")[0]
    return Case(
        key=key,
        kind=kind,  # type: ignore[arg-type]
        order_id=order_id,
        fnsku=None,
        sku="SKU-A",
        quantity=1,
        event_date=date(2026, 7, 30),
        claim_opens=None if closes is None else closes - timedelta(days=60),
        claim_closes=closes,
        evidence=(),
        state=state,
    )


@pytest.mark.parametrize(
    ("state", "on_board", "board_state"),
    [
        ("waiting", False, None),
        ("claimable", True, "open"),
        ("closing_soon", True, "due_soon"),
        ("expired", False, None),
        ("filed", False, None),
        ("reimbursed", False, None),
        ("denied", False, None),
    ],
)
def test_only_claimable_and_closing_soon_cases_are_clocks(
    state: CaseState, on_board: bool, board_state: str | None
) -> None:
    items = reimbursement_items([case(state=state)], NOW)
    assert bool(items) == on_board
    if items:
        [item] = items
        assert (item.kind, item.ref, item.order_id, item.state) == (
            "reimbursement",
            "customer_return|111-1|SKU-A",
            "111-1",
            board_state,
        )
        assert item.due_at == datetime(2026, 11, 28, tzinfo=UTC)
        assert item.seconds_left == (item.due_at - NOW).total_seconds()


def test_the_whole_last_day_counts() -> None:
    assert claim_due_at(date(2026, 11, 27)) == datetime(2026, 11, 28, 0, 0, tzinfo=UTC)


def test_a_reversal_has_no_window_and_a_removal_no_buyer_order() -> None:
    reversal = case("reversal|551|X001|SKU-A", closes=None)
    removal = case("removal|R-1|X001|SKU-A", order_id="R-1")
    items = reimbursement_items([reversal, removal], NOW)
    assert [(i.ref, i.order_id) for i in items] == [("removal|R-1|X001|SKU-A", "")]


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("customer_return|111-1|SKU-A", "order 111-1 (SKU SKU-A)"),
        ("return_damaged|111-1|SKU-A#2", "order 111-1 (SKU SKU-A)"),
        ("warehouse|X001|M|9000", "FNSKU X001 (lost)"),
        ("warehouse|X001|E|2026-09-01", "FNSKU X001 (damaged)"),
        ("removal|R-1|X001|SKU-A", "removal order R-1 (FNSKU X001)"),
        ("reversal|551|X001|SKU-A", "reimbursement 551 (FNSKU X001)"),
        ("something|else", "something|else"),
    ],
)
def test_case_subject(key: str, words: str) -> None:
    assert case_subject(key) == words


def test_the_tray_warning_of_a_closing_claim() -> None:
    [item] = reimbursement_items([case(state="closing_soon")], NOW)
    alert = deadline_alert(item, UTC_PREFS)
    assert alert is not None
    assert (alert.key, alert.severity, alert.state, alert.screen, alert.ref) == (
        "deadline.reimbursement.customer_return|111-1|SKU-A",
        "warning",
        "due_soon",
        "reimbursements",
        "customer_return|111-1|SKU-A",
    )
    assert alert.title == "The reimbursement claim for order 111-1 (SKU SKU-A) closes in 7 d 9 h"
    assert "Nov 28, 2026 00:00 UTC" in alert.detail
    [open_item] = reimbursement_items([case()], NOW)
    assert deadline_alert(replace(open_item, state="open"), UTC_PREFS) is None


def test_the_inbox_colours_a_claim_due_within_eight_days() -> None:
    s = MetricSettings()
    margin = due_soon_margin("reimbursement", s)
    assert margin == 8 * 86400
    assert state_for(margin, margin) == item_state("reimbursement", margin, s) == "due_soon"
    assert item_state("reimbursement", margin + 1, s) == "open"
    assert kind_label("reimbursement") == "Reimbursement"
