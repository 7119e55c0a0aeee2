"""Claims from claims.csv, keyed by claim id; the app's appeal state survives re-imports."""

from __future__ import annotations

from typing import Any

from core.model import Claim
from storage.imports.context import money, ts
from storage.imports.keyed import KeyedRow, KeyedWriter, Shape

CLAIMS = Shape(
    table="claims",
    keys=("claim_id",),
    plain=("order_id", "kind", "filed_at", "amount", "currency", "reason", "status",
           "info_requested_at", "decided_at", "buy_shipping_protected"),
    encrypted=("notes_enc",),
    constant=(("source", "import"),),
)  # fmt: skip


class ClaimWriter(KeyedWriter):
    """Keeps the app's appeal_logged_at untouched; notes are encrypted (they may name the buyer)."""

    shape = CLAIMS

    def row(self, record: Any) -> KeyedRow:
        c: Claim = record
        plain = (
            c.order_id,
            c.kind,
            ts(c.filed_at),
            money(c.amount),
            c.currency,
            c.reason,
            c.status,
            ts(c.info_requested_at),
            ts(c.decided_at),
            int(c.buy_shipping_protected),
        )
        return (c.claim_id,), plain, (c.notes,), ()
