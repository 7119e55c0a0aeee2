"""Table models: qtmodeltester, the live countdown, filters, and the ODR verdicts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.clock import FixedClock
from core.defects import DefectNote, DefectRow, defect_rows
from core.inbox import InboxRow
from core.metrics.inputs import MetricInputs
from core.metrics.odr import day_window, defective_orders, in_days
from core.model import Claim, Feedback, Order, ReturnRequest
from core.settings import MetricSettings
from gui.models.deadline_model import (
    COUNTDOWN,
    DUE,
    DUE_SOON_FG,
    KIND,
    ORDER,
    OVERDUE_BG,
    OVERDUE_FG,
    DeadlineModel,
    StateRole,
)
from gui.models.defects_model import STATUS, DefectsModel
from gui.models.filters import DefectsFilter
from gui.models.notes_model import EvidencePathRole, NotesModel

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _row(kind: str, ref: str, due_in: timedelta, nrn: bool = False) -> InboxRow:
    return InboxRow(
        kind=kind,
        ref=ref,
        order_id=f"111-0000000-{ref[-7:].rjust(7, '0')}",
        due_at=NOW + due_in,
        subject=f"subject {ref}",
        buyer="x@marketplace.amazon.com",
        received_at=NOW + due_in - timedelta(hours=24),
        no_response_needed=nrn,
    )


ROWS = [
    _row("message", "m-open", timedelta(hours=10)),
    _row("message", "m-overdue", timedelta(hours=-3, minutes=-10)),
    _row("message", "m-soon", timedelta(hours=2)),
    _row("return", "r-soon", timedelta(minutes=30)),
    _row("appeal", "a-soon", timedelta(days=2)),
    _row("feedback_removal", "f-open", timedelta(days=20)),
    _row("message", "m-nrn", timedelta(hours=5), nrn=True),
]


@pytest.fixture
def fixed() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def model(qapp: Any, fixed: FixedClock) -> DeadlineModel:
    m = DeadlineModel(fixed)
    m.set_rows(ROWS)
    return m


def refs(m: DeadlineModel) -> list[str]:
    return [m.row_at(r).ref for r in range(m.rowCount())]


def test_deadline_model_passes_modeltester(qtmodeltester: Any, model: DeadlineModel) -> None:
    qtmodeltester.check(model)
    model.set_filter("no_response_needed")
    qtmodeltester.check(model)


def test_rows_sorted_by_due_and_filtered(model: DeadlineModel) -> None:
    assert refs(model) == ["m-overdue", "r-soon", "m-soon", "m-open", "a-soon", "f-open"]
    assert model.counts() == {"all": 6, "overdue": 1, "due_soon": 3, "no_response_needed": 1}
    model.set_filter("overdue")
    assert refs(model) == ["m-overdue"]
    model.set_filter("due_soon")
    assert refs(model) == ["r-soon", "m-soon", "a-soon"]
    model.set_filter("no_response_needed")
    assert refs(model) == ["m-nrn"]
    assert model.data(model.index(0, COUNTDOWN)) == "no response needed"


def test_countdown_text_and_colours(model: DeadlineModel) -> None:
    texts = [model.data(model.index(r, COUNTDOWN)) for r in range(model.rowCount())]
    assert texts[0] == "overdue 3 h 10 min"
    assert texts[1] == "30 min left (due soon)"
    assert texts[3] == "10 h left"
    overdue, soon, fine = (
        model.index(0, COUNTDOWN),
        model.index(1, COUNTDOWN),
        model.index(3, COUNTDOWN),
    )
    assert model.data(overdue, Qt.ItemDataRole.ForegroundRole) == OVERDUE_FG
    assert model.data(overdue, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BG
    assert model.data(soon, Qt.ItemDataRole.ForegroundRole) == DUE_SOON_FG
    assert model.data(fine, Qt.ItemDataRole.ForegroundRole) is None
    assert [model.data(model.index(r, 0), StateRole) for r in range(3)] == [
        "overdue",
        "due_soon",
        "due_soon",
    ]


def test_tick_updates_countdown_without_reset(
    qtbot: Any, model: DeadlineModel, fixed: FixedClock
) -> None:
    resets: list[int] = []
    changed: list[tuple[int, int, int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(
        lambda a, b, _roles: changed.append((a.row(), a.column(), b.row(), b.column()))
    )
    fixed.advance(timedelta(minutes=5))
    model.tick()
    assert not resets
    assert changed == [(0, COUNTDOWN, model.rowCount() - 1, COUNTDOWN)]
    assert model.data(model.index(0, COUNTDOWN)) == "overdue 3 h 15 min"
    assert model.data(model.index(1, COUNTDOWN)) == "25 min left (due soon)"


def test_tick_moves_items_between_time_filters(model: DeadlineModel, fixed: FixedClock) -> None:
    model.set_filter("overdue")
    fixed.advance(timedelta(minutes=31))  # the return's 48 h run out
    model.tick()
    assert refs(model) == ["m-overdue", "r-soon"]
    assert model.counts()["overdue"] == 2


def test_sort_by_column_keeps_data(model: DeadlineModel) -> None:
    model.sort(KIND, Qt.SortOrder.AscendingOrder)
    kinds = [model.data(model.index(r, KIND)) for r in range(model.rowCount())]
    assert kinds == sorted(kinds)
    model.sort(DUE, Qt.SortOrder.DescendingOrder)
    assert refs(model)[0] == "f-open"
    model.sort(ORDER, Qt.SortOrder.AscendingOrder)
    orders = [model.data(model.index(r, ORDER)) for r in range(model.rowCount())]
    assert orders == sorted(orders)


# -- defects -----------------------------------------------------------------------------
AS_OF = NOW
SETTINGS = MetricSettings()
WINDOW = day_window(AS_OF.date(), SETTINGS)  # [2026-09-07, 2026-11-06)
IN_WINDOW = datetime(2026, 10, 1, 12, tzinfo=UTC)


def order(
    oid: str, channel: str = "mfn", status: str = "Shipped", at: datetime = IN_WINDOW
) -> Order:
    return Order(oid, at, status, channel)  # type: ignore[arg-type]


def claim(cid: str, oid: str, **kw: Any) -> Claim:
    base: dict[str, Any] = {
        "kind": "a-to-z",
        "filed_at": datetime(2026, 10, 20, tzinfo=UTC),
        "reason": "not_as_described",
        "status": "open",
        "amount": Decimal("10.00"),
        "currency": "USD",
    }
    base.update(kw)
    return Claim(claim_id=cid, order_id=oid, **base)


def fb(oid: str, rating: int = 1, **kw: Any) -> Feedback:
    return Feedback(order_id=oid, feedback_date=date(2026, 10, 25), rating=rating, **kw)


CASES: list[tuple[str, Any, dict[str, Order], bool, str]] = [
    ("negative feedback counts", fb("111-0000001-0000001"), {}, True, ""),
    ("struck through", fb("111-0000001-0000002", struck_through=True), {}, False, "struck through"),
    ("removed", fb("111-0000001-0000003", removed=True), {}, False, "removed"),
    ("product claim on FBA counts", claim("C1", "111-0000001-0000004"), {"afn": True}, True, ""),
    (
        "FBA fulfilment claim",
        claim("C2", "111-0000001-0000005", reason="not_received"),
        {"afn": True},
        False,
        "FBA fulfilment claim: Amazon's responsibility",
    ),
    (
        "FBM fulfilment claim counts",
        claim("C3", "111-0000001-0000006", reason="not_received"),
        {},
        True,
        "",
    ),
    ("denied", claim("C4", "111-0000001-0000007", status="denied"), {}, False, "denied"),
    ("withdrawn", claim("C5", "111-0000001-0000008", status="withdrawn"), {}, False, "withdrawn"),
    (
        "buy shipping protected",
        claim("C6", "111-0000001-0000009", buy_shipping_protected=True),
        {},
        False,
        "buy shipping protected",
    ),
    (
        "fraud chargeback",
        claim("C7", "111-0000001-0000010", kind="chargeback", reason="fraud"),
        {},
        False,
        "fraud chargeback",
    ),
    (
        "won chargeback",
        claim("C8", "111-0000001-0000011", kind="chargeback", status="won"),
        {},
        False,
        "won",
    ),
    ("cancelled order", fb("111-0000001-0000012"), {"cancelled": True}, False, "order cancelled"),
    ("unknown order", fb("111-0000001-0000013"), {"missing": True}, False, "order not in the"),
    (
        "aged out",
        fb("111-0000001-0000014"),
        {"at": datetime(2026, 9, 6, 23, 59, tzinfo=UTC)},
        False,
        "outside the window: ordered Sep 6, 2026",
    ),
    (
        "too recent",
        fb("111-0000001-0000015"),
        {"at": datetime(2026, 11, 6, tzinfo=UTC)},
        False,
        "outside the window: enters on Nov 21, 2026",
    ),
    (
        "first day of the window counts",
        fb("111-0000001-0000016"),
        {"at": datetime(2026, 9, 7, tzinfo=UTC)},
        True,
        "",
    ),
]


def build(record: Any, opts: dict[str, Any]) -> list[DefectRow]:
    oid = record.order_id
    o = order(
        oid,
        channel="afn" if opts.get("afn") else "mfn",
        status="Cancelled" if opts.get("cancelled") else "Shipped",
        at=opts.get("at", IN_WINDOW),
    )
    orders = {} if opts.get("missing") else {oid: o}
    return defect_rows(
        feedback=[record] if isinstance(record, Feedback) else [],
        claims=[record] if isinstance(record, Claim) else [],
        returns=[],
        orders=orders,
        statuses={},
        seen={},
        as_of=AS_OF,
        settings=SETTINGS,
    )


@pytest.mark.parametrize(
    ("name", "record", "opts", "counts", "why"), CASES, ids=[c[0] for c in CASES]
)
def test_defect_verdicts(
    name: str, record: Any, opts: dict[str, Any], counts: bool, why: str
) -> None:
    (row,) = build(record, opts)
    assert row.counts is counts
    assert (why in row.why_not) if why else row.why_not == ""


@pytest.mark.parametrize(
    ("name", "record", "opts", "counts", "why"), CASES, ids=[c[0] for c in CASES]
)
def test_verdicts_agree_with_the_engine(
    name: str, record: Any, opts: dict[str, Any], counts: bool, why: str
) -> None:
    """ "Counts toward ODR" is exactly: the engine finds the order defective, in the window."""
    oid = record.order_id
    o = order(
        oid,
        channel="afn" if opts.get("afn") else "mfn",
        status="Cancelled" if opts.get("cancelled") else "Shipped",
        at=opts.get("at", IN_WINDOW),
    )
    inputs = MetricInputs.from_records(
        orders=[] if opts.get("missing") else [o],
        feedback=[record] if isinstance(record, Feedback) else [],
        claims=[record] if isinstance(record, Claim) else [],
    )
    engine = any(in_days(d.purchase_day, WINDOW) for d in defective_orders(inputs, AS_OF))
    (row,) = build(record, opts)
    assert row.counts is engine


def test_future_defects_do_not_exist_yet() -> None:
    later = claim("C9", "111-0000001-0000099", filed_at=AS_OF + timedelta(days=1))
    assert build(later, {}) == []


def test_dissatisfied_returns_listed_with_rdr_reason() -> None:
    late = ReturnRequest("111-0000002-0000001", "RMA1", date(2026, 11, 10), "Pending")
    fine = ReturnRequest(
        "111-0000002-0000002", "RMA2", date(2026, 11, 10), "Approved", first_seen_decided=True
    )
    rejected = ReturnRequest(
        "111-0000002-0000003",
        "RMA3",
        date(2026, 11, 1),
        "Rejected",
        first_seen_decided=True,
        in_policy=True,
    )
    rows = defect_rows(
        feedback=[],
        claims=[],
        returns=[late, fine, rejected],
        orders={},
        statuses={("return", "111-0000002-0000003|RMA3"): "accepted"},
        seen={},
        as_of=AS_OF,
        settings=SETTINGS,
    )
    assert [r.ref for r in rows] == ["111-0000002-0000001|RMA1", "111-0000002-0000003|RMA3"]
    assert all(not r.counts and "RDR" in r.why_not for r in rows)
    assert "not decided within 48 h" in rows[0].details
    assert rows[1].status == "accepted"
    assert rows[0].ages_out == date(2027, 1, 9)


def _defect_model() -> DefectsModel:
    rows = build(fb("111-0000001-0000001"), {}) + build(
        claim("C2", "111-0000001-0000005", reason="not_received"), {"afn": True}
    )
    m = DefectsModel()
    m.set_rows(rows)
    return m


def test_defects_model_and_filter_pass_modeltester(qapp: Any, qtmodeltester: Any) -> None:
    m = _defect_model()
    qtmodeltester.check(m)
    proxy = DefectsFilter()
    proxy.setSourceModel(m)
    qtmodeltester.check(proxy)
    proxy.set_counts(True)
    assert proxy.rowCount() == 1
    proxy.set_counts(None)
    proxy.set_channel("afn")
    assert proxy.rowCount() == 1
    proxy.set_kind("feedback")
    assert proxy.rowCount() == 0


def test_status_edit_goes_to_the_callback(qapp: Any) -> None:
    edits: list[tuple[str, str]] = []
    m = DefectsModel(lambda row, status: edits.append((row.ref, status)))
    m.set_rows(_defect_model()._rows)
    index = m.index(0, STATUS)
    assert m.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not m.flags(m.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert m.setData(index, "appealed")
    assert m.data(index) == "Appealed"
    assert not m.setData(index, "nonsense")
    assert edits == [(m.row_at(0).ref, "appealed")]


def test_new_since_review_filter(qapp: Any) -> None:
    m = _defect_model()
    proxy = DefectsFilter()
    proxy.setSourceModel(m)
    proxy.set_new_since(datetime(2026, 10, 22, tzinfo=UTC), True)
    assert proxy.rowCount() == 1  # the feedback of Oct 25, not the claim of Oct 20
    proxy.set_new_since(None, True)  # never reviewed: everything is new
    assert proxy.rowCount() == 2


def test_notes_model(qapp: Any, qtmodeltester: Any) -> None:
    m = NotesModel()
    m.set_notes(
        [
            DefectNote(
                id=2,
                created_at="2026-11-20T15:00:00+00:00",
                text="later",
                evidence_path="",
                status_change="open -> appealed",
            ),
            DefectNote(
                id=1,
                created_at="2026-11-19T09:30:00+00:00",
                text="first",
                evidence_path="/tmp/t.pdf",
                status_change="",
            ),
        ]
    )
    qtmodeltester.check(m)
    assert m.data(m.index(0, 0)) == "Nov 19, 2026 09:30 UTC"
    assert m.data(m.index(0, 1)) == "first\nFile: t.pdf"
    assert m.data(m.index(0, 1), EvidencePathRole) == "/tmp/t.pdf"
    assert "/tmp/t.pdf" in m.data(m.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert m.data(m.index(1, 1)) == "Status: open -> appealed\nlater"


def test_enters_on_is_the_first_day_the_engine_counts_it() -> None:
    placed = datetime(2026, 11, 6, 10, tzinfo=UTC)
    record = fb("111-0000001-0000015")
    o = order(record.order_id, at=placed)
    inputs = MetricInputs.from_records(orders=[o], feedback=[record])
    (d,) = defective_orders(inputs, AS_OF)
    assert not in_days(d.purchase_day, day_window(date(2026, 11, 20), SETTINGS))
    assert in_days(d.purchase_day, day_window(date(2026, 11, 21), SETTINGS))
    (row,) = build(record, {"at": placed})
    assert row.why_not == "outside the window: enters on Nov 21, 2026"
