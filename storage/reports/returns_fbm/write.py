"""FBM return requests, with the decision time RDR needs (metrics.md).

Amazon's report has no decision timestamp, so it is derived from import
history: first seen already decided -> on time (`first_seen_decided`);
seen Pending before and decided now -> decided at this import's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.model import RETURN_DECIDED_STATUSES, ReturnRequest
from storage.imports.context import ImportContext, day, flag, money, select_in

_FIELDS = (
    "order_date",
    "request_date",
    "status",
    "in_policy",
    "a_to_z_claim",
    "is_prime",
    "asin",
    "sku",
    "item_name",
    "quantity",
    "reason",
    "return_type",
    "resolution",
    "currency",
    "order_amount",
    "refunded_amount",
    "category",
)
_STATUS = _FIELDS.index("status")

_SELECT = (
    f"SELECT order_id, rma_id, decided_at, {', '.join(_FIELDS)} "
    "FROM returns_fbm WHERE order_id IN ({})"
)
_INSERT = (
    f"INSERT INTO returns_fbm (order_id, rma_id, {', '.join(_FIELDS)}, first_seen_at, "
    f"first_seen_decided, import_id) VALUES ({', '.join('?' * (len(_FIELDS) + 5))})"
)
_UPDATE = (
    f"UPDATE returns_fbm SET {', '.join(f'{c} = ?' for c in _FIELDS)}, import_id = ?, "
    "decided_at = COALESCE(decided_at, ?), "
    "decided_source = CASE WHEN decided_at IS NULL AND ? IS NOT NULL "
    "THEN 'import' ELSE decided_source END "
    "WHERE order_id = ? AND rma_id = ?"
)
_HISTORY = (
    "INSERT OR IGNORE INTO return_status_history (order_id, rma_id, seen_at, status, import_id) "
    "VALUES (?, ?, ?, ?, ?)"
)


class FbmReturnWriter:
    """Keeps the app's decided_at and negative_feedback; a decision never reverts."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx

    def write(self, records: Sequence[Any]) -> None:
        ctx = self.ctx
        requests: Sequence[ReturnRequest] = records
        stored: dict[tuple[str, str], tuple[str | None, tuple[Any, ...]]] = {}
        for row in select_in(ctx.conn, _SELECT, (r.order_id for r in requests)):
            stored[(row[0], row[1])] = (row[2], tuple(row[3:]))
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        history: list[tuple[Any, ...]] = []
        now = ctx.now_iso
        for r in requests:
            key = (r.order_id, r.rma_id)
            values = _values(r)
            before = stored.get(key)
            status = r.status
            if before is None:
                decided = status in RETURN_DECIDED_STATUSES
                inserts.append((*key, *values, now, int(decided), ctx.import_id))
                history.append((*key, now, status, ctx.import_id))
                stored[key] = (None, values)
                ctx.counts.note("added")
                continue
            decided_at, old = before
            old_status = old[_STATUS]
            if old_status in RETURN_DECIDED_STATUSES and status not in RETURN_DECIDED_STATUSES:
                # A Pending row after a decision comes from an older file.
                status = old_status
                values = (*values[:_STATUS], status, *values[_STATUS + 1 :])
            if values == old:
                ctx.counts.note("unchanged")
                continue
            newly_decided = (
                old_status not in RETURN_DECIDED_STATUSES and status in RETURN_DECIDED_STATUSES
            )
            decision = now if newly_decided and decided_at is None else None
            updates.append((*values, ctx.import_id, decision, decision, *key))
            if status != old_status:
                history.append((*key, now, status, ctx.import_id))
            stored[key] = (decided_at or decision, values)
            ctx.counts.note("updated")
        if inserts:
            ctx.conn.executemany(_INSERT, inserts)
        if updates:
            ctx.conn.executemany(_UPDATE, updates)
        if history:
            ctx.conn.executemany(_HISTORY, history)


def _values(r: ReturnRequest) -> tuple[Any, ...]:
    return (
        day(r.order_date),
        day(r.request_date),
        r.status,
        flag(r.in_policy),
        int(r.a_to_z_claim),
        int(r.is_prime),
        r.asin,
        r.sku,
        r.item_name,
        r.quantity,
        r.reason,
        r.return_type,
        r.resolution,
        r.currency,
        money(r.order_amount),
        money(r.refunded_amount),
        r.category,
    )
