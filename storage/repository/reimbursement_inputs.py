"""Everything the reimbursement finder reads, loaded as of one instant (core.reimbursements).

Rows dated after as_of are left in the database. All Orders lines are loaded only
where the finder needs them: every line of a refunded order (is it FBA?) and every
line purchased in the value look-back (the SKU's average price). The marks' notes
are decrypted only when a cipher is given (the screen shows them, the board does not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlite_utils

from core.clock import iso, to_utc
from core.reimbursements import CaseMark, FinderInputs, MarkStatus, OrderItem
from storage.cipher import PiiCipher
from storage.imports.context import select_in
from storage.rows import fba_return_columns, fba_return_from_row, maybe_instant
from storage.rows_fba import (
    DATE_RANGE_REFUND_COLUMNS,
    INVENTORY_EVENT_COLUMNS,
    ORDER_ITEM_COLUMNS,
    REIMBURSEMENT_COLUMNS,
    REMOVAL_COLUMNS,
    SETTLEMENT_REFUND_COLUMNS,
    date_range_refund_from_row,
    inventory_event_from_row,
    order_item_from_row,
    reimbursement_from_row,
    removal_from_row,
    settlement_refund_from_row,
)

T = TypeVar("T")
_MARK_STATUSES: dict[str, MarkStatus] = {
    "filed": "filed",
    "reimbursed": "reimbursed",
    "denied": "denied",
}


def _read(
    db: sqlite_utils.Database, sql: str, params: Sequence[Any], make: Callable[[Any], T]
) -> list[T]:
    return [make(r) for r in db.execute(sql, list(params)).fetchall()]


def load_finder_inputs(
    db: sqlite_utils.Database,
    as_of: datetime,
    lookback_days: int,
    cipher: PiiCipher | None = None,
) -> FinderInputs:
    moment = to_utc(as_of)
    at, today = iso(moment), moment.date().isoformat()
    settled = _read(
        db,
        f"SELECT {SETTLEMENT_REFUND_COLUMNS} FROM settlement_refunds WHERE posted_date <= ?",
        [today],
        settlement_refund_from_row,
    )
    ranged = _read(
        db,
        f"SELECT {DATE_RANGE_REFUND_COLUMNS} FROM date_range_refunds WHERE posted_at <= ?",
        [at],
        date_range_refund_from_row,
    )
    refunded = {r.order_id for r in settled} | {r.order_id for r in ranged}
    return FinderInputs(
        settlement_refunds=settled,
        date_range_refunds=ranged,
        fba_returns=_read(
            db,
            f"SELECT {fba_return_columns()} FROM returns_fba WHERE return_date <= ?",
            [at],
            fba_return_from_row,
        ),
        reimbursements=_read(
            db,
            f"SELECT {REIMBURSEMENT_COLUMNS} FROM fba_reimbursements WHERE approval_date <= ?",
            [at],
            reimbursement_from_row,
        ),
        inventory_events=_read(
            db,
            f"SELECT {INVENTORY_EVENT_COLUMNS} FROM inventory_events "
            "WHERE CASE WHEN at IS NULL THEN event_date <= ? ELSE at <= ? END",
            [today, at],
            inventory_event_from_row,
        ),
        removals=_read(
            db,
            f"SELECT {REMOVAL_COLUMNS} FROM removal_orders WHERE request_date <= ? "
            "AND lower(status) = 'completed' "
            "AND requested_quantity > shipped_quantity + disposed_quantity + cancelled_quantity",
            [at],
            removal_from_row,
        ),
        order_items=order_items(db, moment, lookback_days, refunded),
        marks=case_marks(db, moment, cipher),
    )


def order_items(
    db: sqlite_utils.Database, as_of: datetime, lookback_days: int, orders: Iterable[str]
) -> list[OrderItem]:
    """The lines purchased in the look-back, and every line of `orders`, each once."""
    since = iso(as_of - timedelta(days=lookback_days))
    select = (
        f"SELECT i.rowid, {ORDER_ITEM_COLUMNS} FROM orders o JOIN order_items i USING (order_id)"
    )
    rows = {
        r[0]: r[1:]
        for r in db.execute(
            f"{select} WHERE o.purchase_date BETWEEN ? AND ?", [since, iso(as_of)]
        ).fetchall()
    }
    for r in select_in(db.conn, select + " WHERE o.order_id IN ({})", orders):
        rows[r[0]] = tuple(r)[1:]
    return [order_item_from_row(r) for r in rows.values()]


_NOTE_PLACE = ("reimbursement_marks", "note_enc")
"""Where a mark's note lives: its blob is bound to this place and the mark's id."""


def case_marks(
    db: sqlite_utils.Database, as_of: datetime, cipher: PiiCipher | None = None
) -> list[CaseMark]:
    """Every mark up to as_of, oldest first; a key whose latest mark is "open" has none."""
    rows = db.execute(
        "SELECT case_key, status, case_id, marked_at, note_enc, id FROM reimbursement_marks "
        "WHERE marked_at <= ? ORDER BY marked_at, id",
        [iso(to_utc(as_of))],
    ).fetchall()
    latest = {key: status for key, status, *_ in rows}
    return [
        CaseMark(
            key,
            _MARK_STATUSES[status],
            case_id,
            maybe_instant(marked_at),
            cipher.decrypt_field(note, *_NOTE_PLACE, str(mark_id)) if cipher is not None else "",
        )
        for key, status, case_id, marked_at, note, mark_id in rows
        if latest[key] != "open" and status in _MARK_STATUSES
    ]


def add_mark(
    db: sqlite_utils.Database,
    key: str,
    status: str,
    case_id: str,
    at: datetime,
    note: str,
    cipher: PiiCipher,
) -> None:
    """One more mark (the latest wins); the note is encrypted, bound to the mark's row."""
    cur = db.execute(
        "INSERT INTO reimbursement_marks (case_key, status, case_id, marked_at, note_enc) "
        "VALUES (?, ?, ?, ?, NULL)",
        [key, status, case_id, iso(to_utc(at))],
    )
    mark_id = str(cur.lastrowid)
    blob = cipher.encrypt_field(note, *_NOTE_PLACE, mark_id)
    if blob is not None:
        db.execute("UPDATE reimbursement_marks SET note_enc = ? WHERE id = ?", [blob, mark_id])


def inputs_version(db: sqlite_utils.Database) -> tuple[object, ...]:
    """Changes whenever the finder's inputs may have: an import, a mark, another file.

    Report rows only arrive by import (every import is a row of `imports`) and the
    marks table only grows, so the largest ids and counts say whether anything moved.
    """
    path = db.execute("PRAGMA database_list").fetchone()[2]
    imports = db.execute("SELECT max(id), count(*) FROM imports WHERE outcome = 'ok'").fetchone()
    marks = db.execute("SELECT max(id), count(*) FROM reimbursement_marks").fetchone()
    return (path, *imports, *marks)
