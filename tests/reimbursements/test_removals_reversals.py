"""Kind 4 (removal lost) and kind 5 (reimbursement reversed without the unit coming back)."""

from __future__ import annotations

import pytest

from tests.reimbursements.factory import (
    ORDER,
    day,
    event,
    fba_return,
    find,
    refund,
    reimbursement,
    removal,
)


def removals(cases: list[object]) -> list[tuple[str, int]]:
    return [(c.order_id, c.quantity) for c in cases if c.kind == "removal"]


@pytest.mark.parametrize(
    ("row", "units"),
    [
        (removal(30, 5, shipped=3), 2),
        (removal(30, 5, shipped=3, disposed=1, cancelled=1), 0),
        (removal(30, 5, shipped=2, disposed=1, cancelled=1), 1),
        (removal(30, 5, shipped=6), 0),
        (removal(30, 5, shipped=3, in_process=2), 2),  # in-process units are ignored
        (removal(30, 5, shipped=3, status="completed"), 2),  # any case
        (removal(30, 5, shipped=3, status=" COMPLETED "), 2),
        (removal(30, 5, shipped=3, status="Pending"), 0),
        (removal(30, 5, shipped=3, status="Cancelled"), 0),
        (removal(30, 5, shipped=3, status="Processing"), 0),
    ],
)
def test_completed_removals_with_units_missing(row: object, units: int) -> None:
    assert removals(find(row)) == ([("RMV-1", units)] if units else [])


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([removal(30, 3), reimbursement(5, 3, reason="RemovalOrderLost")], []),
        ([removal(30, 3), reimbursement(5, 1, reason="RemovalOrderDamaged")], [("RMV-1", 2)]),
        ([removal(30, 3), reimbursement(30, 3, reason="RemovalOrderLost")], []),  # same day
        ([removal(30, 3), reimbursement(31, 3, reason="RemovalOrderLost")], [("RMV-1", 3)]),
        ([removal(30, 3), reimbursement(5, 3, reason="Lost_Warehouse")], [("RMV-1", 3)]),
        (
            [removal(30, 3), reimbursement(5, 3, reason="RemovalOrderLost", fnsku="X2")],
            [("RMV-1", 3)],
        ),
        # one case per row, the earliest removal paid first
        (
            [
                removal(40, 1, order="A"),
                removal(30, 1, order="B"),
                reimbursement(5, 1, reason="RemovalOrderLost"),
            ],
            [("B", 1)],
        ),
        (
            [
                removal(40, 1, order="A"),
                removal(30, 1, order="B"),
                reimbursement(35, 1, reason="RemovalOrderLost"),
            ],
            [("B", 1)],
        ),
        ([removal(40, 1, order="A"), removal(30, 2, order="A", fnsku="X2")], [("A", 1), ("A", 2)]),
    ],
)
def test_removal_reimbursements(rows: list[object], expected: list[object]) -> None:
    assert removals(find(*rows)) == expected


def test_removal_case_fields() -> None:
    (case,) = find(removal(30, 5, shipped=3, disposed=1))
    assert (case.event_date, case.claim_opens, case.claim_closes) == (day(30), day(15), day(-45))
    assert case.key == "removal|RMV-1|X00FNSKU01|SKU-A"
    assert case.figures[-1] == ("units reimbursed", 0)
    assert find(removal(-1, 5)) == []  # requested after as_of


def reversal(ago: int = 10, qty: int = -2, original: str = "R1", order: str = "") -> object:
    return reimbursement(
        ago, qty, rid="R2", original=original, order=order, reason="Reimbursement_Reversal"
    )


def reversals(cases: list[object]) -> list[tuple[int, object]]:
    return [(c.quantity, c.event_date) for c in cases if c.kind == "reversal"]


@pytest.mark.parametrize(
    ("rows", "case"),
    [
        ([reimbursement(40, 2, reason="Lost_Warehouse"), reversal()], True),
        ([reimbursement(40, 2), reversal(), event(20, "F", 1)], False),  # found in between
        ([reimbursement(40, 2), reversal(), event(40, "F", 1)], False),  # on the original's day
        ([reimbursement(40, 2), reversal(), event(10, "F", 1)], False),  # on the reversal's day
        ([reimbursement(40, 2), reversal(), event(41, "F", 1)], True),  # before the original
        ([reimbursement(40, 2), reversal(), event(9, "F", 1)], True),  # after the reversal
        ([reimbursement(40, 2), reversal(), event(20, "F", 1, fnsku="X2")], True),
        ([reimbursement(40, 2), reversal(), event(20, "M", -1)], True),  # not a found event
        ([reimbursement(40, 2), reversal(), fba_return(20)], False),  # an FBA customer return
        ([reimbursement(40, 2), reversal(), fba_return(20, fnsku="X2")], True),
        ([reimbursement(40, 2), reversal(), event(20, "", 1, event_type="CustomerReturns")], False),
        ([reimbursement(40, 2), reversal(), event(20, "", -1, event_type="Shipments")], True),
        ([reversal()], True),  # original not in the report
        ([reversal(), event(300, "F", 1)], False),  # then any time before counts
        ([reversal(), event(9, "F", 1)], True),
        ([reversal(ago=-1)], False),  # reversed after as_of
    ],
)
def test_reversals(rows: list[object], case: bool) -> None:
    assert reversals(find(*rows)) == ([(2, day(10))] if case else [])


def test_reversal_case_fields() -> None:
    cases = find(reimbursement(40, 2), reversal(order=ORDER))
    (case,) = [c for c in cases if c.kind == "reversal"]
    assert (case.order_id, case.claim_opens, case.claim_closes, case.state) == (
        ORDER,
        None,
        None,
        "claimable",
    )
    assert case.key == "reversal|R2|X00FNSKU01|SKU-A"
    assert [e.reimbursement_id for e in case.evidence] == ["R1", "R2"]
    (lone,) = find(reversal())
    assert lone.order_id is None
    assert [e.reimbursement_id for e in lone.evidence] == ["R2"]


def test_a_reversal_never_reopens_a_case() -> None:
    rows = [refund(70, 1), reimbursement(40, 1, order=ORDER), reversal(order=ORDER, qty=-1)]
    assert [(c.kind, c.quantity) for c in find(*rows)] == [("reversal", 1)]
    rows = [event(45, "M", -1), reimbursement(40, 1, reason="Lost_Warehouse"), reversal(qty=-1)]
    assert [(c.kind, c.quantity) for c in find(*rows)] == [("reversal", 1)]
