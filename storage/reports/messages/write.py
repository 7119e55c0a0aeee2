"""Buyer messages from e-mail or messages.csv, keyed by message id; subject, body and sender encrypted."""

from __future__ import annotations

from typing import Any

from core.model import Message
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


UNKEYED_ID = "sha256:"
"""The parser's id of an e-mail without a Message-ID: a plain digest of its content."""


class MessageWriter(KeyedWriter):
    """Relay-alias thread ids and content-digest message ids are stored as keyed hashes.

    Keyed with a key derived from the PII key (storage/cipher.py), never stored: the
    database alone cannot confirm a guessed address or message.
    """

    shape = MESSAGES

    def row(self, record: Any) -> KeyedRow:
        m: Message = record
        cipher = self.ctx.cipher
        thread = cipher.thread_id(m.thread_id) if "@" in m.thread_id else m.thread_id
        message_id = m.message_id
        if message_id.startswith(UNKEYED_ID):
            message_id = cipher.message_id(message_id)
        plain = (thread, m.order_id, m.direction, ts(m.timestamp), int(m.automated), m.marketplace)
        pii = (m.subject, m.body, m.sender)
        return (message_id,), plain, pii, (flag(m.no_response_needed),)
