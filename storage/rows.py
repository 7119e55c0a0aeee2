"""Stored rows back as `core.model` records: one function per record type, used by every reader.

Each record type has a column list (`*_columns(alias)`, selected first and in
this order by every query that reads it) and `*_from_row`, which turns such a
row into the record. A new column is one edit here. App state that depends
on a moment ("removal requested by as_of") is a column expression the reader
may replace. PII columns (`_enc`) come last and are read only by readers
that decrypt (bound to their table, column and row key: storage/pii_places.py); a lost
key gives placeholders, never an error. Free text that moved into `_enc` columns keeps its
old plaintext column, empty once storage/migrations/keyed.py has run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Literal

from core.clock import parse_iso
from core.model import Channel, Claim, FbaReturn, Feedback, Message, Order, ReturnRequest
from storage.pii_places import row_key

Decrypt = Callable[[bytes | None, str, str, str], str]
"""`PiiCipher.decrypt_field`: blob, table, column, row key."""
MessageText = Literal["subject", "body", "sender"]
MESSAGE_TEXTS: tuple[MessageText, ...] = ("subject", "body", "sender")


def instant(text: str) -> datetime:
    """Stored instants are canonical ISO in UTC: parsed on the fast path, else by parse_iso."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return parse_iso(text)
    return parsed if parsed.tzinfo is UTC else parse_iso(text)


def maybe_instant(text: str | None) -> datetime | None:
    return instant(text) if text else None


def day(text: str) -> date:
    """A stored calendar date (`YYYY-MM-DD`, or the date of a stored instant)."""
    return date.fromisoformat(text[:10])


def maybe_day(text: str | None) -> date | None:
    return day(text) if text else None


def money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def channel(text: str) -> Channel:
    return "afn" if text == "afn" else "mfn"


def _columns(alias: str, names: Sequence[str], *expressions: str) -> str:
    """`names` for a SELECT, each prefixed with `alias.`, then `expressions` as they are."""
    prefix = f"{alias}." if alias else ""
    return ", ".join([*(prefix + n for n in names), *expressions])


# --- orders ------------------------------------------------------------------------


_ORDER_COLUMNS = ("order_id", "purchase_date", "status", "channel", "marketplace")
ORDER_WIDTH = len(_ORDER_COLUMNS)
"""How many cells `order_columns` selects: a join reads the next record's cells after them."""


def order_columns(alias: str = "") -> str:
    return _columns(alias, _ORDER_COLUMNS)


def order_from_row(r: Sequence[Any]) -> Order:
    return Order(r[0], instant(r[1]), r[2], channel(r[3]), r[4])


# --- feedback ----------------------------------------------------------------------


def feedback_columns(
    alias: str = "", *, removal_requested: str | None = None, pii: bool = False
) -> str:
    """`removal_requested` is an SQL expression; by default, whether one was ever logged.

    Comments and response are PII (encrypted): only `pii=True` readers get them.
    """
    names = (
        "order_id", "feedback_date", "rating", "comments", "response", "marketplace",
        "struck_through", "from_full_report", "removed",
    )  # fmt: skip
    a = f"{alias}." if alias else ""
    requested = removal_requested or f"{a}removal_requested_at IS NOT NULL"
    secret = ("rater_email_enc", "comments_enc", "response_enc", "kept_verdict")
    return _columns(alias, names, f"({requested})", *(a + c for c in secret if pii))


def feedback_from_row(r: Sequence[Any], decrypt: Decrypt | None = None) -> Feedback:
    """`decrypt` only for rows read with `feedback_columns(pii=True)`."""
    email, comments, response, kept = "", r[3], r[4], ""
    if decrypt is not None:
        email = decrypt(r[10], "feedback", "rater_email_enc", r[0])
        comments = decrypt(r[11], "feedback", "comments_enc", r[0]) or comments
        response = decrypt(r[12], "feedback", "response_enc", r[0]) or response
        kept = r[13] or ""
    # Positional, in Feedback's field order (measurably faster than keywords).
    return Feedback(
        r[0], day(r[1]), int(r[2]), comments, response, email, r[5],
        bool(r[6]), bool(r[7]), bool(r[8]), bool(r[9]), kept,
    )  # fmt: skip


# --- claims ------------------------------------------------------------------------


def claim_columns(alias: str = "", *, appeal_logged: str | None = None, pii: bool = False) -> str:
    """`appeal_logged` is an SQL expression; by default, whether one was ever logged.

    The seller's notes are encrypted: only `pii=True` readers get them.
    """
    names = (
        "claim_id", "order_id", "kind", "filed_at", "reason", "status", "amount", "currency",
        "info_requested_at", "decided_at", "buy_shipping_protected", "notes",
    )  # fmt: skip
    a = f"{alias}." if alias else ""
    logged = f"({appeal_logged or a + 'appeal_logged_at IS NOT NULL'})"
    return _columns(alias, names, logged, *([a + "notes_enc"] if pii else []))


def claim_from_row(r: Sequence[Any], decrypt: Decrypt | None = None) -> Claim:
    """`decrypt` only for rows read with `claim_columns(pii=True)`."""
    notes = r[11]
    if decrypt is not None:
        notes = decrypt(r[13], "claims", "notes_enc", r[0]) or notes
    return Claim(
        r[0], r[1], r[2], instant(r[3]), r[4], r[5], money(r[6]), r[7],
        maybe_instant(r[8]), maybe_instant(r[9]), bool(r[10]), notes, bool(r[12]),
    )  # fmt: skip


# --- FBM return requests -----------------------------------------------------------

_RETURN_COLUMNS = (
    "order_id", "rma_id", "request_date", "status", "order_date", "in_policy", "a_to_z_claim",
    "is_prime", "asin", "sku", "item_name", "quantity", "reason", "return_type", "resolution",
    "currency", "order_amount", "refunded_amount", "category", "decided_at",
    "first_seen_decided", "negative_feedback",
)  # fmt: skip


def return_columns(alias: str = "") -> str:
    return _columns(alias, _RETURN_COLUMNS)


def return_from_row(r: Sequence[Any]) -> ReturnRequest:
    return ReturnRequest(
        r[0], r[1], day(r[2]), r[3], maybe_day(r[4]), None if r[5] is None else bool(r[5]),
        bool(r[6]), bool(r[7]), r[8], r[9], r[10], int(r[11]), r[12], r[13], r[14], r[15],
        money(r[16]), money(r[17]), r[18], maybe_instant(r[19]), bool(r[20]), bool(r[21]),
    )  # fmt: skip


# --- FBA customer returns ----------------------------------------------------------


def fba_return_columns(alias: str = "", *, pii: bool = False) -> str:
    names = [
        "return_date", "order_id", "sku", "asin", "fnsku", "product_name", "quantity",
        "fulfillment_center_id", "detailed_disposition", "reason", "status",
        "license_plate_number",
    ]  # fmt: skip
    if pii:
        names.append("customer_comments_enc")
    return _columns(alias, names)


def fba_return_from_row(r: Sequence[Any], decrypt: Decrypt | None = None) -> FbaReturn:
    """`decrypt` only for rows read with `fba_return_columns(pii=True)`."""
    comments = ""
    if decrypt is not None:
        where = row_key(r[1], r[2], r[0], r[11])
        comments = decrypt(r[12], "returns_fba", "customer_comments_enc", where)
    return FbaReturn(
        instant(r[0]), r[1], r[2], r[3], r[4], r[5], int(r[6]), r[7], r[8], r[9], r[10], r[11],
        comments,
    )  # fmt: skip


# --- messages ----------------------------------------------------------------------


def message_columns(alias: str = "", *, texts: Sequence[MessageText] = ()) -> str:
    """`texts`: the PII texts to read (decrypted by `message_from_row`); the rest read as NULL."""
    names = (
        "message_id", "thread_id", "direction", "timestamp", "order_id", "no_response_needed",
        "automated", "marketplace", "responded_at", "contact_type",
    )  # fmt: skip
    a = f"{alias}." if alias else ""
    read = [f"{a}{t}_enc" if t in texts else "NULL" for t in MESSAGE_TEXTS] if texts else []
    return _columns(alias, names, *read)


def message_from_row(r: Sequence[Any], decrypt: Decrypt | None = None) -> Message:
    """`decrypt` only for rows read with `message_columns(texts=...)`."""
    subject = body = sender = ""
    if decrypt is not None:
        subject = decrypt(r[10], "messages", "subject_enc", r[0])
        body = decrypt(r[11], "messages", "body_enc", r[0])
        sender = decrypt(r[12], "messages", "sender_enc", r[0])
    return Message(
        r[0], r[1], "in" if r[2] == "in" else "out", instant(r[3]), r[4], subject, body, sender,
        bool(r[5]), bool(r[6]), r[7], maybe_instant(r[8]), r[9],
    )  # fmt: skip
