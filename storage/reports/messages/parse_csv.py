"""Buyer messages from our `messages.csv` template (reports.md section 5b).

Amazon has no export of the buyer-seller inbox, so sellers keep this file
themselves; every row becomes a `Message` with its thread already resolved.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Literal

from core.marketplaces import from_relay_address
from core.model import Message, ReportKind
from storage.imports.reading import Column, Head, Row, columns
from storage.imports.templates import read_template_rows

KIND: ReportKind = "messages"

DIRECTIONS: tuple[Literal["in"], Literal["out"]] = ("in", "out")

COLUMNS: tuple[Column, ...] = (
    *columns("message_id"),
    *columns("order_id", "thread_id", required=False),
    *columns("direction", "timestamp"),
    *columns("subject", "body", "sender", "no_response_needed", "automated", required=False),
)

_SNIFF_KEYS = frozenset({"message id", "direction", "timestamp"})


def sniff(head: Head) -> bool:
    """The template's own column names (they are ours, so they are exact)."""
    return head.keys >= _SNIFF_KEYS


def parse(path: Path) -> Iterator[Message]:
    """Yield one `Message` per row; refuse the whole file at the first bad row."""
    for row in read_template_rows(path, COLUMNS):
        yield _message(row)


def _message(row: Row) -> Message:
    direction: Literal["in", "out"] = "in" if row.choice("direction", DIRECTIONS) == "in" else "out"
    order_id = row.get("order_id")
    sender = row.get("sender")
    thread_id = row.get("thread_id") or order_id or sender.lower()
    if not thread_id:
        raise row.refuse(
            "thread_id",
            "the message has no thread_id, order_id or sender, so its thread is unknown",
        )
    marketplace = ""
    if direction == "in":
        found = from_relay_address(sender)
        marketplace = found.name if found else ""
    return Message(
        message_id=row.required("message_id"),
        thread_id=thread_id,
        direction=direction,
        timestamp=_timestamp(row),
        order_id=order_id,
        subject=row.get("subject"),
        body=row.get("body"),
        sender=sender,
        no_response_needed=row.flag("no_response_needed"),
        automated=row.flag("automated"),
        marketplace=marketplace,
    )


def _timestamp(row: Row) -> datetime:
    """A message needs a time of day: the 24-hour response clock runs from it."""
    value = row.get("timestamp")
    if value and "t" not in value.lower() and " " not in value:
        raise row.refuse(
            "timestamp",
            f"'{value}' has no time of day, which a message needs "
            "(write it like 2026-11-20T14:05:00+00:00)",
        )
    stamp = row.iso("timestamp")
    if stamp is None:  # unreachable: Row.iso refuses an empty required cell
        raise row.refuse("timestamp", "the timestamp is empty but is needed")
    return stamp
