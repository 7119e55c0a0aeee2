"""Properties over random report rows: order does not matter, the unit arithmetic holds."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from core.reimbursements import Case
from tests.reimbursements.factory import (
    ORDER,
    event,
    fba_return,
    find,
    refund,
    reimbursement,
    removal,
)

ORDERS = [ORDER, "111-2", "111-3"]
FNSKUS = ["X1", "X2"]


@st.composite
def rows(draw: st.DrawFn) -> list[object]:
    """A few dozen rows of every kind over three orders and two FNSKUs, some after as_of."""
    out: list[object] = []
    ago = st.integers(-5, 200)
    for _ in range(draw(st.integers(0, 6))):
        out.append(
            refund(
                draw(ago),
                draw(st.sampled_from([None, 1, 2])),
                order=draw(st.sampled_from(ORDERS)),
                adjustment=str(draw(st.integers(0, 3))),
            )
        )
    for _ in range(draw(st.integers(0, 4))):
        disposition = draw(st.sampled_from(["SELLABLE", "CARRIER_DAMAGED", "CUSTOMER_DAMAGED"]))
        out.append(
            fba_return(
                draw(ago),
                draw(st.integers(1, 2)),
                order=draw(st.sampled_from(ORDERS)),
                fnsku=draw(st.sampled_from(FNSKUS)),
                disposition=disposition,
            )
        )
    for n in range(draw(st.integers(0, 4))):
        reason = draw(
            st.sampled_from(
                ["CustomerReturn", "Lost_Warehouse", "Damaged_Warehouse", "RemovalOrderLost"]
            )
        )
        original = draw(st.sampled_from(["", "", "R0", "R1"]))
        qty = draw(st.integers(1, 3)) * (-1 if original else 1)
        order = draw(st.sampled_from(["", *ORDERS]))
        out.append(
            reimbursement(
                draw(ago),
                qty,
                reason=reason,
                rid=f"R{n}",
                order=order,
                original=original,
                fnsku=draw(st.sampled_from(FNSKUS)),
            )
        )
    for _ in range(draw(st.integers(0, 8))):
        reason = draw(st.sampled_from(["M", "E", "F", "D"]))
        qty = draw(st.integers(1, 3)) * (1 if reason == "F" else -1)
        source = draw(st.sampled_from(["ledger", "adjustments"]))
        out.append(
            event(
                draw(ago),
                reason,
                qty,
                ref=draw(st.sampled_from(["", "T0", "T1"])),
                source=source,
                fnsku=draw(st.sampled_from(FNSKUS)),
            )
        )
    for n in range(draw(st.integers(0, 2))):
        out.append(
            removal(
                draw(ago),
                3,
                shipped=draw(st.integers(0, 3)),
                order=f"RMV-{n}",
                fnsku=draw(st.sampled_from(FNSKUS)),
            )
        )
    return out


def flat(rows: list[object]) -> list[object]:
    return [x for r in rows for x in (r if isinstance(r, list) else [r])]


@settings(max_examples=150, deadline=None)
@given(rows(), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(rows: list[object], rnd: random.Random) -> None:
    cases = find(*flat(rows))
    shuffled = flat(rows)
    rnd.shuffle(shuffled)
    again = find(*shuffled)
    assert [(c.key, c.quantity, c.state, c.estimated_value) for c in again] == [
        (c.key, c.quantity, c.state, c.estimated_value) for c in cases
    ]
    _check_invariants(cases)


def _check_invariants(cases: list[Case]) -> None:
    assert len({c.key for c in cases}) == len(cases)
    for c in cases:
        assert c.quantity > 0 or c.kind == "reversal"
        assert (c.claim_opens is None) == (c.kind == "reversal")
        if c.claim_opens and c.claim_closes:
            assert c.claim_opens <= c.claim_closes
        assert c.evidence


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=3),
    st.lists(st.tuples(st.integers(1, 3), st.booleans()), max_size=3),
    st.lists(st.integers(1, 3), max_size=3),
)
def test_refund_arithmetic(
    refunds: list[int], returns: list[tuple[int, bool]], paid: list[int]
) -> None:
    rows: list[object] = [refund(70 + i, q, adjustment=f"a{i}") for i, q in enumerate(refunds)]
    for i, (q, damaged) in enumerate(returns):
        rows.append(fba_return(60 - i, q, disposition="DAMAGED" if damaged else "SELLABLE"))
    rows += [reimbursement(10 + i, q, order=ORDER, rid=f"R{i}") for i, q in enumerate(paid)]
    missing = max(0, sum(refunds) - sum(q for q, _ in returns))
    pool = sum(paid)
    kind1 = max(0, missing - pool)
    pool -= missing - kind1
    kind2 = max(0, sum(q for q, d in returns if d) - pool)
    got = {c.kind: c.quantity for c in find(*rows)}
    assert got.get("customer_return", 0) == kind1
    assert got.get("return_damaged", 0) == kind2


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 90), st.sampled_from("MEF"), st.integers(1, 3)), max_size=10),
    st.lists(st.tuples(st.integers(0, 90), st.integers(1, 3)), max_size=3),
)
def test_warehouse_units_are_bounded(
    events: list[tuple[int, str, int]], payments: list[tuple[int, int]]
) -> None:
    rows: list[object] = [event(a, r, q if r == "F" else -q) for a, r, q in events]
    rows += [
        reimbursement(a, q, reason="Lost_Warehouse", rid=f"R{i}")
        for i, (a, q) in enumerate(payments)
    ]
    owed = sum(c.quantity for c in find(*rows) if c.kind == "warehouse")
    losses = sum(q for _, r, q in events if r in "ME")
    offsets = sum(q for _, r, q in events if r == "F") + sum(q for _, q in payments)
    assert max(0, losses - offsets) <= owed <= losses
