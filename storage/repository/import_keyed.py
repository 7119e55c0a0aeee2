"""Upserts for kinds keyed by an id: feedback, claims, FBA returns, messages.

A row is "unchanged" when its plaintext equals what is stored (encrypted
columns are decrypted to compare: their random nonces make ciphertext differ
every time). App-state columns are never written by an import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.model import Claim, FbaReturn, Feedback, Message
from storage.repository.import_context import ImportContext, day, flag, money, select_in, ts
from storage.secrets import alias_hash

Key = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Shape:
    """How one kind maps to its table. Insert-only columns belong to the app after insert."""

    table: str
    keys: tuple[str, ...]
    plain: tuple[str, ...]
    encrypted: tuple[str, ...] = ()
    insert_only: tuple[str, ...] = ()
    constant: tuple[tuple[str, Any], ...] = ()  # written on insert and update


class KeyedWriter:
    """Looks a batch's rows up by key, writes only the new or changed ones."""

    def __init__(self, ctx: ImportContext, shape: Shape) -> None:
        self.ctx = ctx
        self.shape = shape
        s = shape
        cols = (*s.keys, *s.plain, *s.encrypted, *s.insert_only, *(c for c, _ in s.constant))
        updates = (*s.plain, *s.encrypted, *(c for c, _ in s.constant))
        self._select = (
            f"SELECT {', '.join((*s.keys, *s.plain, *s.encrypted))} FROM {s.table} "
            f"WHERE {s.keys[0]} IN ({{}})"
        )
        self._upsert = (
            f"INSERT INTO {s.table} ({', '.join(cols)}, import_id) "
            f"VALUES ({', '.join('?' * (len(cols) + 1))}) "
            f"ON CONFLICT({', '.join(s.keys)}) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in (*updates, "import_id"))
        )
        self._constants = tuple(v for _, v in s.constant)

    def row(self, record: Any) -> tuple[Key, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]:
        """(key, plain values, PII plaintexts, insert-only values) of one record."""
        raise NotImplementedError

    def write(self, records: Sequence[Any]) -> None:
        rows = [self.row(r) for r in records]
        n_keys, n_plain = len(self.shape.keys), len(self.shape.plain)
        stored: dict[Key, tuple[tuple[Any, ...], tuple[str, ...]]] = {}
        for found in select_in(self.ctx.conn, self._select, (k[0] for k, *_ in rows)):
            values = tuple(found)
            plain = values[n_keys : n_keys + n_plain]
            pii = tuple(self.ctx.cipher.decrypt(b) for b in values[n_keys + n_plain :])
            stored[values[:n_keys]] = (plain, pii)
        writes: list[tuple[Any, ...]] = []
        encrypt = self.ctx.cipher.encrypt
        for key, plain, pii, insert_only in rows:
            before = stored.get(key)
            if before == (plain, pii):
                self.ctx.counts.note("unchanged")
                continue
            self.ctx.counts.note("added" if before is None else "updated")
            stored[key] = (plain, pii)
            enc = tuple(encrypt(t) for t in pii)
            writes.append((*key, *plain, *enc, *insert_only, *self._constants, self.ctx.import_id))
        if writes:
            self.ctx.conn.executemany(self._upsert, writes)


FEEDBACK = Shape(
    table="feedback",
    keys=("order_id",),
    plain=(
        "feedback_date",
        "rating",
        "comments",
        "response",
        "marketplace",
        "struck_through",
        "from_full_report",
    ),
    encrypted=("rater_email_enc",),
)


class FeedbackWriter(KeyedWriter):
    """Keeps the app's removed / removal_requested_at untouched."""

    def __init__(self, ctx: ImportContext) -> None:
        super().__init__(ctx, FEEDBACK)

    def row(self, record: Any) -> tuple[Key, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]:
        f: Feedback = record
        plain = (
            day(f.feedback_date),
            f.rating,
            f.comments,
            f.response,
            f.marketplace,
            int(f.struck_through),
            int(f.from_full_report),
        )
        return (f.order_id,), plain, (f.rater_email,), ()


CLAIMS = Shape(
    table="claims",
    keys=("claim_id",),
    plain=(
        "order_id",
        "kind",
        "filed_at",
        "amount",
        "currency",
        "reason",
        "status",
        "info_requested_at",
        "decided_at",
        "buy_shipping_protected",
        "notes",
    ),
    constant=(("source", "import"),),
)


class ClaimWriter(KeyedWriter):
    """Keeps the app's appeal_logged_at untouched."""

    def __init__(self, ctx: ImportContext) -> None:
        super().__init__(ctx, CLAIMS)

    def row(self, record: Any) -> tuple[Key, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]:
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
            c.notes,
        )
        return (c.claim_id,), plain, (), ()


FBA_RETURNS = Shape(
    table="returns_fba",
    keys=("order_id", "sku", "return_date", "license_plate_number"),
    plain=(
        "asin",
        "fnsku",
        "product_name",
        "quantity",
        "fulfillment_center_id",
        "detailed_disposition",
        "reason",
        "status",
    ),
    encrypted=("customer_comments_enc",),
)


class FbaReturnWriter(KeyedWriter):
    def __init__(self, ctx: ImportContext) -> None:
        super().__init__(ctx, FBA_RETURNS)

    def row(self, record: Any) -> tuple[Key, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]:
        r: FbaReturn = record
        key = (r.order_id, r.sku, ts(r.return_date), r.license_plate_number)
        plain = (
            r.asin,
            r.fnsku,
            r.product_name,
            r.quantity,
            r.fulfillment_center_id,
            r.detailed_disposition,
            r.reason,
            r.status,
        )
        return key, plain, (r.customer_comments,), ()


MESSAGES = Shape(
    table="messages",
    keys=("message_id",),
    plain=("thread_id", "order_id", "direction", "timestamp", "automated", "marketplace"),
    encrypted=("subject_enc", "body_enc", "sender_enc"),
    # After the first import the seller owns "no response needed" (a
    # re-import must not undo their choice); responded_at/contact_type too.
    insert_only=("no_response_needed",),
    constant=(("source", "import"),),
)


class MessageWriter(KeyedWriter):
    """Relay-alias thread ids are stored as salted hashes, never as addresses."""

    def __init__(self, ctx: ImportContext) -> None:
        super().__init__(ctx, MESSAGES)

    def row(self, record: Any) -> tuple[Key, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]:
        m: Message = record
        thread = m.thread_id
        if "@" in thread:
            thread = alias_hash(self.ctx.thread_salt, thread)
        plain = (thread, m.order_id, m.direction, ts(m.timestamp), int(m.automated), m.marketplace)
        pii = (m.subject, m.body, m.sender)
        return (m.message_id,), plain, pii, (flag(m.no_response_needed),)
