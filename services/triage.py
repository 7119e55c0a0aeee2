"""Buyer-message triage for the inbox and the CLI: classify, correct, list what is waiting.

The board's open messages are triaged once, by `services.health` (their targets set the
countdowns); this module classifies the others the inbox lists, records the seller's
corrections and gives the CLI the open messages with their pathway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from core.deadlines import DeadlineItem
from core.model import Message
from core.triage import CONTACT_TYPE_LABELS, MessageTriage, triage_messages
from services.changes import Changes
from services.health import current_health
from storage.db import Store
from storage.repository import app_state, triage_store
from storage.repository.records import messages_by_id


@dataclass(frozen=True, slots=True)
class Correction:
    """What a contact-type correction changed, and one sentence saying so."""

    changes: Changes
    note: str


@dataclass(frozen=True, slots=True)
class WaitingMessage:
    """An inbound message on the board, with its triage and when it arrived."""

    triage: MessageTriage
    item: DeadlineItem
    order_id: str
    received_at: datetime


def classify(db: sqlite_utils.Database, messages: Iterable[Message]) -> dict[str, MessageTriage]:
    """Triage of the inbound messages by the seller's enabled rules and escalation matrix."""
    rules = triage_store.load_rules(db, enabled_only=True)
    results = triage_messages(messages, rules, triage_store.load_matrix(db))
    return {t.message_id: t for t in results}


def correct_contact_type(
    store: Store, message_id: str, contact_type: str, make_rule: bool = False
) -> Correction:
    """Store the seller's type ("" = back to the rules) and, if asked, a rule learnt from it."""
    db = store.db
    label = CONTACT_TYPE_LABELS.get(contact_type, contact_type)
    try:
        app_state.set_contact_type(db, message_id, contact_type)
    except LookupError as exc:
        return Correction(Changes(), str(exc))
    changes = Changes(messages=True)
    note = f"Marked as {label}." if contact_type else "Back to the automatic type."
    if make_rule and contact_type:
        found = messages_by_id(db, [message_id], store.cipher)
        text = f"{found[0].subject}\n{found[0].body}" if found else ""
        try:
            rule = triage_store.add_correction(db, text, contact_type)
        except ValueError as exc:
            note += f" No rule made: {exc}."
        else:
            changes |= Changes(triage_rules=True)
            note += f" New rule: messages with \u201c{rule.pattern}\u201d are {label}."
    return Correction(changes, note)


def waiting_messages(store: Store, now: datetime) -> list[WaitingMessage]:
    """Inbound messages still waiting for an answer at `now`, soonest due first.

    The triage is the one the health carries (the same that set the board's targets).
    """
    health = current_health(store, now)
    items = {i.ref: i for i in health.board if i.kind == "message"}
    found = {m.message_id: m for m in messages_by_id(store.db, items)}
    waiting = [
        WaitingMessage(t, items[ref], found[ref].order_id, found[ref].timestamp)
        for ref, t in health.triage.items()
        if ref in items and ref in found
    ]
    waiting.sort(key=lambda w: w.item.due_at)
    return waiting
