"""Kind 3: lost (M) and damaged (E) units, found (F) events and warehouse reimbursements."""

from __future__ import annotations

from datetime import timedelta
from itertools import permutations

import pytest

from tests.reimbursements.factory import day, event, find, reimbursement

M, E, F = "M", "E", "F"


def lost(cases: list[object]) -> list[tuple[int, object]]:
    return [(c.quantity, c.event_date) for c in cases if c.kind == "warehouse"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([event(40, M, -1)], [(1, day(40))]),
        ([event(40, M, -3)], [(3, day(40))]),
        ([event(40, M, -1), event(30, F, 1)], []),  # found within 30 days
        ([event(40, M, -1), event(10, F, 1)], []),  # found on day 30: inclusive
        ([event(40, M, -1), event(9, F, 1)], [(1, day(40))]),  # found on day 31: too late
        ([event(40, M, -1), event(40, F, 1)], []),  # found the same day
        ([event(40, M, -1), event(41, F, 1)], [(1, day(40))]),  # found before the loss
        ([event(40, M, -3), event(30, F, 1)], [(2, day(40))]),  # partly found
        ([event(40, M, -1), event(30, F, 5)], []),  # surplus found units ignored
        # surplus found units are not kept for a later loss
        ([event(40, M, -1), event(35, F, 5), event(30, M, -1)], [(1, day(30))]),
        # the earliest unbalanced loss first; the F of day 50 cannot reach day 35
        ([event(50, F, 1), event(45, M, -1), event(35, M, -1)], [(1, day(45)), (1, day(35))]),
        ([event(45, M, -1), event(35, M, -1), event(30, F, 1)], [(1, day(35))]),
        ([event(45, M, -1), event(35, M, -1), event(30, F, 1), event(29, F, 1)], []),
        ([event(40, M, -1), event(30, F, 1, fnsku="OTHER")], [(1, day(40))]),  # other FNSKU
        ([event(40, E, -1)], [(1, day(40))]),
        ([event(40, E, -1), event(30, F, 1)], [(1, day(40))]),  # F never balances E
        ([event(40, M, -1), event(5, F, 1)], [(1, day(40))]),
    ],
)
def test_lost_then_found(rows: list[object], expected: list[object]) -> None:
    assert lost(find(*rows)) == expected


@pytest.mark.parametrize("reason", ["D", "H", "K", "Q", "P", "5", "O", "", "m", "e"])
def test_only_m_and_e_are_warehouse_cases(reason: str) -> None:
    cases = find(event(40, reason, -1))
    assert [c.kind for c in cases] == (["warehouse"] if reason in ("m", "e") else [])


@pytest.mark.parametrize(
    ("event_type", "source", "case"),
    [
        ("Adjustments", "ledger", True),
        ("adjustments", "ledger", True),
        ("Shipments", "ledger", False),
        ("CustomerReturns", "ledger", False),
        ("Receipts", "ledger", False),
        ("", "adjustments", True),
    ],
)
def test_only_adjustment_events(event_type: str, source: str, case: bool) -> None:
    cases = find(event(40, M, -1, event_type=event_type, source=source))
    assert len(cases) == (1 if case else 0)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([event(40, M, -2), reimbursement(20, 2, reason="Lost_Warehouse")], []),
        ([event(40, M, -2), reimbursement(20, 1, reason="Lost_Warehouse")], [(1, day(40))]),
        ([event(40, M, -2), reimbursement(40, 2, reason="Lost_Warehouse")], []),  # same day
        ([event(40, M, -2), reimbursement(41, 2, reason="Lost_Warehouse")], [(2, day(40))]),
        ([event(40, M, -2), reimbursement(20, 2, reason="Damaged_Warehouse")], [(2, day(40))]),
        ([event(40, E, -2), reimbursement(20, 2, reason="Damaged_Warehouse")], []),
        ([event(40, E, -2), reimbursement(20, 2, reason="Lost_Warehouse")], [(2, day(40))]),
        ([event(40, M, -1), reimbursement(20, 1, reason="LOST_WAREHOUSE")], []),
        (
            [event(40, M, -1), reimbursement(20, 1, reason="Lost_Warehouse", fnsku="X2")],
            [(1, day(40))],
        ),
        (
            [event(40, M, -1), reimbursement(20, -1, reason="Lost_Warehouse", original="R0")],
            [(1, day(40))],
        ),
        # earliest event first; a payment cannot reach an event after it
        (
            [
                event(50, M, -1, ref="a"),
                event(40, M, -1, ref="b"),
                reimbursement(45, 1, reason="Lost_Warehouse"),
            ],
            [(1, day(40))],
        ),
        (
            [
                event(50, M, -1, ref="a"),
                event(40, M, -1, ref="b"),
                reimbursement(30, 1, reason="Lost_Warehouse"),
            ],
            [(1, day(40))],
        ),
        (
            [
                event(50, M, -1, ref="a"),
                event(40, M, -1, ref="b"),
                reimbursement(30, 2, reason="Lost_Warehouse"),
            ],
            [],
        ),
        # a found unit and a payment together
        (
            [event(45, M, -3), event(40, F, 1), reimbursement(5, 1, reason="Lost_Warehouse")],
            [(1, day(45))],
        ),
    ],
)
def test_warehouse_reimbursements(rows: list[object], expected: list[object]) -> None:
    assert lost(find(*rows)) == expected


def test_a_payment_goes_to_the_loss_the_found_unit_did_not_balance() -> None:
    rows = [
        event(50, M, -1),
        event(40, M, -1),
        event(45, F, 1),
        reimbursement(5, 1, reason="Lost_Warehouse"),
    ]
    assert lost(find(*rows)) == []


@pytest.mark.parametrize(
    ("rows", "count"),
    [
        ([event(40, M, -1, ref="T1", source="adjustments"), event(40, M, -1, ref="T1")], 1),
        ([event(41, M, -1, ref="T1", source="adjustments"), event(40, M, -1, ref="T1")], 1),
        ([event(40, M, -1, ref="T1", source="adjustments"), event(40, M, 1, ref="T1")], 1),
        ([event(40, M, -1, ref="T1", source="adjustments"), event(40, M, -1, ref="T2")], 2),
        ([event(40, M, -1, ref="T1", source="adjustments"), event(40, M, -2, ref="T1")], 2),
        ([event(40, M, -1, ref="T1", source="adjustments"), event(40, E, -1, ref="T1")], 2),
        (
            [
                event(40, M, -1, ref="T1", source="adjustments"),
                event(40, M, -1, ref="T1", fnsku="X2"),
            ],
            2,
        ),
        ([event(40, M, -1, source="adjustments"), event(40, M, -1)], 2),  # no reference id
        ([event(40, M, -1, ref="T1"), event(40, M, -1, ref="T1")], 2),  # same report: two events
        (
            [
                event(40, M, -1, ref="T1", source="adjustments"),
                event(40, M, -1, ref="T1", source="adjustments"),
                event(40, M, -1, ref="T1"),
            ],
            2,
        ),
    ],
)
def test_adjustments_and_ledger_count_one_event_once(rows: list[object], count: int) -> None:
    cases = find(*rows)
    assert len(cases) == count
    assert len({c.key for c in cases}) == len(cases)


def test_the_merged_event_keeps_both_rows_and_the_earliest_day() -> None:
    rows = [event(39, M, -1, ref="T1", source="adjustments"), event(40, M, -1, ref="T1")]
    (case,) = find(*rows)
    assert [e.source for e in case.evidence] == ["ledger", "adjustments"]
    assert case.event_date == day(40)
    assert case.key == "warehouse|X00FNSKU01|M|T1"


def test_a_found_event_in_both_reports_balances_once() -> None:
    rows = [
        event(40, M, -1, ref="L1"),
        event(38, M, -1, ref="L2"),
        event(30, F, 1, ref="F1", source="adjustments"),
        event(30, F, 1, ref="F1"),
    ]
    assert lost(find(*rows)) == [(1, day(38))]


@pytest.mark.parametrize(
    ("reason", "ago", "opens", "closes"),
    [(M, 40, day(10), day(-20)), (E, 40, day(40), day(-20))],
)
def test_windows(reason: str, ago: int, opens: object, closes: object) -> None:
    (case,) = find(event(ago, reason, -1))
    assert (case.claim_opens, case.claim_closes) == (opens, closes)
    assert case.reason == reason
    assert case.order_id is None


def test_events_after_as_of_are_ignored() -> None:
    assert find(event(-1, M, -1)) == []
    # found tomorrow: today the loss is still open
    (case,) = find(event(10, M, -1), event(-1, F, 1))
    assert case.state == "waiting"
    assert case.claim_opens == day(10) + timedelta(days=30)


def test_figures_explain_the_quantity() -> None:
    rows = [event(45, M, -4), event(40, F, 1), reimbursement(5, 2, reason="Lost_Warehouse")]
    (case,) = find(*rows)
    assert case.quantity == 1
    assert case.figures == (("units lost", 4), ("units found", 1), ("units reimbursed", 2))
    assert [type(e).__name__ for e in case.evidence] == [
        "InventoryEvent",
        "InventoryEvent",
        "Reimbursement",
    ]


def test_ties_are_broken_the_same_way_whatever_the_row_order() -> None:
    rows = [event(40, M, -1), event(40, M, -3), event(35, F, 1), event(40, M, -2, ref="Z")]
    results = {tuple((c.key, c.quantity) for c in find(*order)) for order in permutations(rows)}
    assert results == {(("warehouse|X00FNSKU01|M|2026-04-22", 3), ("warehouse|X00FNSKU01|M|Z", 2))}
    rows = [event(40, M, -1), event(40, M, -3), event(40, E, -2)]
    results = {tuple((c.key, c.quantity) for c in find(*order)) for order in permutations(rows)}
    assert results == {
        (
            ("warehouse|X00FNSKU01|E|2026-04-22", 2),
            ("warehouse|X00FNSKU01|M|2026-04-22", 1),
            ("warehouse|X00FNSKU01|M|2026-04-22#2", 3),
        )
    }
