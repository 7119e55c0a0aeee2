"""Buyer messages from e-mail or messages.csv, keyed by message id; subject, body and sender encrypted."""

from __future__ import annotations

from typing import Any

from core.model import Message
from storage.cipher import alias_hash
from storage.imports.context import flag, ts
from storage.imports.keyed import KeyedRow, KeyedWriter, Shape

MESSAGES = Shape(
    table="messages",
    keys=("message_id",),
    plain=("thread_id", "order_id", "direction", "timestamp", "automated", "marketplace"),
    encrypted=("subject_enc", "body_enc", "sender_enc"),
    # After the first import the seller owns "no response needed" (a
    # re-import must not undo their choice); responded_at/contact_type too.
    insert_only=("no_response_needed",),
    constant=(("source", "import"),),
)  # fmt: skip


class MessageWriter(KeyedWriter):
    """Relay-alias thread ids are stored as salted hashes, never as addresses."""

    shape = MESSAGES

    def row(self, record: Any) -> KeyedRow:
        m: Message = record
        thread = m.thread_id
        if "@" in thread:
            thread = alias_hash(self.ctx.thread_salt, thread)
        plain = (thread, m.order_id, m.direction, ts(m.timestamp), int(m.automated), m.marketplace)
        pii = (m.subject, m.body, m.sender)
        return (m.message_id,), plain, pii, (flag(m.no_response_needed),)
