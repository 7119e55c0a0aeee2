"""The reimbursement finder over stored reports: loader, marks, board, warnings, settings, PII.

The store holds the reimbursement sample set (tests/data/samples/reimbursements);
orders it names that are not in an All Orders file are FBA by the settlement's AFN.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.reimbursements import CASE_KINDS, ReimbursementSettings
from services.changes import Changes
from services.health import current_health
from services.imports import changes_of, import_file
from services.notifier import notify
from services.reimbursements import (
    mark_case,
    reimbursement_board,
    reimbursement_cases,
    reopen_case,
)
from storage.imports.apply import apply_import
from storage.pii_places import row_key
from storage.repository.reimbursement_inputs import load_finder_inputs, order_items
from storage.repository.settings import (
    load_reimbursement_settings,
    save_reimbursement_settings,
    set_setting,
)
from storage.repository.warnings import QUIET_END_SETTING, QUIET_START_SETTING
from storage.retention import purge_pii
from tests.fixtures.fba_reports import REIMBURSEMENTS, row
from tests.fixtures.report_files import ORDERS_CURRENT, order_row, write_table

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
IMPORTED = AS_OF - timedelta(days=1)
KNIFE = "customer_return|114-0698410-4316169|KT-KNIFE"
SCALE_E = "warehouse|X001SCALE1|E|9000000010"
TORCH = "customer_return|112-1153871-2120643|KT-TORCH"


@pytest.fixture
def reimb_store(store: Any, samples: Path) -> Any:
    for path in sorted((samples / "reimbursements").iterdir()):
        outcome = apply_import(store, path, now=IMPORTED)
        assert outcome.ok, outcome.error
    return store


def pay(store: Any, tmp_path: Path, name: str, **values: str) -> None:
    """Import a later reimbursements report with one row."""
    path = write_table(tmp_path / name, REIMBURSEMENTS, [row(REIMBURSEMENTS, **values)])
    assert apply_import(store, path, now=AS_OF).ok


def states(store: Any, at: datetime = AS_OF) -> dict[str, str]:
    return {c.key: c.state for c in reimbursement_cases(store, at).cases}


def test_the_sample_set_has_a_case_of_every_kind(reimb_store: Any) -> None:
    page = reimbursement_cases(reimb_store, AS_OF)
    assert {c.kind for c in page.cases} == set(CASE_KINDS)
    counts = page.counts()
    assert counts["claimable"] and counts["closing_soon"] and counts["waiting"]
    assert counts["expired"]
    assert page.claimable_now()  # a value per currency
    assert page.case(KNIFE) is not None and page.case("no such key") is None


def test_rows_after_as_of_are_not_read(reimb_store: Any) -> None:
    early = datetime(2026, 9, 1, tzinfo=UTC)
    inputs = load_finder_inputs(reimb_store.db, early, 90)
    assert all(r.posted_date <= early.date() for r in inputs.settlement_refunds)
    assert all(r.approved_at <= early for r in inputs.reimbursements)
    assert all(e.event_date <= early.date() for e in inputs.inventory_events)
    kinds = {c.kind for c in reimbursement_cases(reimb_store, early).cases}
    assert "reversal" not in kinds  # the reversal was approved on Oct 12


def test_the_loader_reads_completed_removals_with_missing_units_only(reimb_store: Any) -> None:
    removals = load_finder_inputs(reimb_store.db, AS_OF, 90).removals
    assert sorted(r.order_id for r in removals) == ["R-2026-0001", "R-2026-0002", "R-2026-0005"]


def test_order_lines_of_refunded_orders_and_of_the_look_back(store: Any, tmp_path: Path) -> None:
    rows = [
        order_row(ORDERS_CURRENT, amazon_order_id="111-0000001-0000001",
                  purchase_date="2026-03-01T10:00:00+00:00"),
        order_row(ORDERS_CURRENT, amazon_order_id="111-0000002-0000002",
                  purchase_date="2026-03-02T10:00:00+00:00"),
        order_row(ORDERS_CURRENT, amazon_order_id="111-0000003-0000003",
                  purchase_date="2026-11-01T10:00:00+00:00", item_status="Cancelled"),
    ]  # fmt: skip
    assert apply_import(store, write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows), now=AS_OF).ok
    lines = order_items(store.db, AS_OF, 90, ["111-0000002-0000002", "111-0000003-0000003"])
    assert sorted((o.order_id, o.cancelled) for o in lines) == [
        ("111-0000002-0000002", False),
        ("111-0000003-0000003", True),
    ]


def test_a_later_reimbursements_report_closes_a_case_by_itself(
    reimb_store: Any, tmp_path: Path
) -> None:
    assert states(reimb_store)[KNIFE] == "claimable"
    pay(reimb_store, tmp_path, "paid.txt", reimbursement_id="5599", reason="CustomerReturn",
        amazon_order_id="114-0698410-4316169", sku="KT-KNIFE", fnsku="X001KNIFE1",
        approval_date="2026-11-10T07:00:00+00:00")  # fmt: skip
    assert KNIFE not in states(reimb_store)


def test_marks_filed_then_paid_by_its_case_id(reimb_store: Any, tmp_path: Path) -> None:
    changes = mark_case(reimb_store, TORCH, "filed", " 1234567890 ", AS_OF, "Sent the invoice.")
    assert changes == Changes(reimbursements=True) and changes.metric_inputs
    page = reimbursement_cases(reimb_store, AS_OF)
    case = page.case(TORCH)
    assert case is not None
    assert (case.state, case.filed_case_id, case.note) == (
        "filed",
        "1234567890",
        "Sent the invoice.",
    )
    assert states(reimb_store, AS_OF - timedelta(hours=1))[TORCH] == "closing_soon"  # before it
    pay(reimb_store, tmp_path, "case.txt", reimbursement_id="5600", case_id="1234567890",
        reason="CustomerServiceIssue", sku="KT-TORCH", fnsku="X001TORCH1")  # fmt: skip
    assert states(reimb_store)[TORCH] == "reimbursed"


def test_marks_denied_reimbursed_and_reopened(reimb_store: Any) -> None:
    mark_case(reimb_store, SCALE_E, "denied", "", AS_OF, "")
    assert states(reimb_store)[SCALE_E] == "denied"
    mark_case(reimb_store, SCALE_E, "reimbursed", "", AS_OF + timedelta(minutes=1))
    assert states(reimb_store, AS_OF + timedelta(minutes=1))[SCALE_E] == "reimbursed"
    reopen_case(reimb_store, SCALE_E, AS_OF + timedelta(minutes=2))
    assert states(reimb_store, AS_OF + timedelta(minutes=2))[SCALE_E] == "closing_soon"


def test_filed_needs_a_case_id_and_only_known_marks(reimb_store: Any) -> None:
    with pytest.raises(ValueError, match="case id"):
        mark_case(reimb_store, TORCH, "filed", "  ", AS_OF)
    with pytest.raises(ValueError, match="not one of"):
        mark_case(reimb_store, TORCH, "lost", "", AS_OF)  # type: ignore[arg-type]


def test_a_mark_writes_an_encrypted_note_and_a_line_in_the_notes(reimb_store: Any) -> None:
    from services.defects import defect_notes

    mark_case(reimb_store, TORCH, "filed", "1234567890", AS_OF, "Buyer Jane Roe kept it")
    blob = reimb_store.db.execute("SELECT note_enc FROM reimbursement_marks").fetchone()[0]
    assert b"Jane Roe" not in blob
    [note] = defect_notes(reimb_store, "reimbursement", TORCH)
    assert note.text == "Marked filed (Seller Central case 1234567890). Buyer Jane Roe kept it"


def test_claims_are_clocks_on_the_board_due_when_their_last_day_ends(reimb_store: Any) -> None:
    health = current_health(reimb_store, AS_OF)
    claims = {i.ref: i for i in health.board if i.kind == "reimbursement"}
    page = reimbursement_cases(reimb_store, AS_OF)
    on_board = {c.key for c in page.cases if c.state in ("claimable", "closing_soon")}
    assert set(claims) == {k for k in on_board if not k.startswith("reversal|")}
    scale = claims[SCALE_E]
    assert scale.due_at == datetime(2026, 11, 25, tzinfo=UTC)  # closes Nov 24, whole day
    assert (scale.state, scale.order_id) == ("due_soon", "")
    assert claims[KNIFE].state == "open" and claims[KNIFE].order_id == "114-0698410-4316169"
    assert claims["removal|R-2026-0001|X001KNIFE1|KT-KNIFE"].order_id == ""
    assert [i.due_at for i in health.board] == sorted(i.due_at for i in health.board)
    board = reimbursement_board(reimb_store.db, AS_OF)
    assert {i.ref for i in board} == set(claims)


def test_a_marketplace_board_has_no_claims(reimb_store: Any) -> None:
    health = current_health(reimb_store, AS_OF, "US")
    assert not [i for i in health.board if i.kind == "reimbursement"]


def test_a_warning_once_when_a_case_turns_closing_soon(reimb_store: Any) -> None:
    alerts = [a for a in current_health(reimb_store, AS_OF).alerts if "reimbursement" in a.key]
    assert sorted(a.key for a in alerts) == [f"deadline.reimbursement.{TORCH}",
                                             f"deadline.reimbursement.{SCALE_E}"]  # fmt: skip
    torch = next(a for a in alerts if TORCH in a.key)
    assert torch.severity == "warning" and torch.screen == "reimbursements"
    assert torch.title == (
        "The reimbursement claim for order 112-1153871-2120643 (SKU KT-TORCH) closes in 7 d 9 h"
    )
    first = notify(reimb_store, alerts, AS_OF, UTC)
    again = notify(reimb_store, alerts, AS_OF + timedelta(minutes=1), UTC)
    assert len(first.show) == 2 and not again.show  # once only


def test_claim_warnings_wait_for_the_end_of_quiet_hours(reimb_store: Any) -> None:
    set_setting(reimb_store.db, QUIET_START_SETTING, "14:00")
    set_setting(reimb_store.db, QUIET_END_SETTING, "16:00")
    alerts = [a for a in current_health(reimb_store, AS_OF).alerts if "reimbursement" in a.key]
    assert not notify(reimb_store, alerts, AS_OF, UTC).show
    later = AS_OF + timedelta(hours=2)
    assert len(notify(reimb_store, alerts, later, UTC).show) == 2


def test_settings_round_trip_and_move_the_windows(reimb_store: Any) -> None:
    db = reimb_store.db
    assert load_reimbursement_settings(db) == ReimbursementSettings()
    longer = ReimbursementSettings(refund_claim_closes_days=200, closing_soon_days=3)
    save_reimbursement_settings(db, longer)
    assert load_reimbursement_settings(db) == longer
    set_setting(db, "closing_soon_days", "many")  # a bad stored value is ignored
    assert load_reimbursement_settings(db).closing_soon_days == 7
    case = reimbursement_cases(reimb_store, AS_OF).case(TORCH)
    assert case is not None and case.claim_closes == date(2027, 2, 15)


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("reimbursements.txt", Changes(imports=True, reimbursements=True)),
        ("ledger.txt", Changes(imports=True, reimbursements=True)),
        ("adjustments.txt", Changes(imports=True, reimbursements=True)),
        ("removals.txt", Changes(imports=True, reimbursements=True)),
        ("settlement-v2.txt", Changes(imports=True, reimbursements=True)),
        ("date-range-us.csv", Changes(imports=True, reimbursements=True)),
        ("shipments.txt", Changes(imports=True, orders=True)),
    ],
)
def test_imports_say_what_they_changed(
    store: Any, samples: Path, name: str, changes: Changes
) -> None:
    done = import_file(store, samples / "reimbursements" / name, AS_OF)
    assert done.changes == changes == changes_of(done.outcome)


def test_shipment_buyer_data_is_encrypted_and_purged_30_days_after(
    store: Any, samples: Path
) -> None:
    assert apply_import(store, samples / "reimbursements" / "shipments.txt", now=AS_OF).ok
    db = store.db
    blobs = db.execute(
        "SELECT buyer_enc, address_enc, order_id, shipment_id, shipment_item_id FROM fba_shipments"
    ).fetchall()
    assert all(b"Dana" not in (b or b"") and b"Tucson" not in (a or b"") for b, a, *_ in blobs)
    buyer, _, *key = blobs[0]
    opened = store.cipher.decrypt_field(buyer, "fba_shipments", "buyer_enc", row_key(*key))
    assert "Dana Whitfield" in opened  # bound to its row: only its own place opens it
    purge_pii(db, datetime(2026, 10, 20, tzinfo=UTC))  # cutoff Sep 20: three shipped before
    kept = db.execute(
        "SELECT order_id FROM fba_shipments WHERE buyer_enc IS NOT NULL OR address_enc IS NOT NULL"
    ).fetchall()
    assert kept == [("111-0312528-7117883",)]
    arrival = db.execute(
        "SELECT estimated_arrival_date FROM fba_shipments WHERE order_id = ?",
        ["111-0312528-7117883"],
    ).fetchone()[0]
    assert arrival == "2026-10-04T22:00:00+00:00"


def test_the_board_runs_the_finder_once_a_day_until_the_data_changes(
    reimb_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import services.reimbursements as service

    runs: list[datetime] = []
    real = service.find_cases

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "find_cases", counted)
    db = reimb_store.db
    first = reimbursement_board(db, AS_OF)
    later = reimbursement_board(db, AS_OF + timedelta(hours=3))
    assert len(runs) == 1
    assert [i.ref for i in later] == [i.ref for i in first]
    assert later[0].seconds_left == first[0].seconds_left - 3 * 3600
    mark_case(reimb_store, SCALE_E, "denied", "", AS_OF)
    assert SCALE_E not in {i.ref for i in reimbursement_board(db, AS_OF)}
    reimbursement_board(db, AS_OF + timedelta(days=1))
    assert len(runs) == 3
