"""The seller's in-app actions: each one a single transaction, each one survives re-imports.

Imports never write these columns, so "mark responded" or "no response
needed" stays as the seller left it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlite_utils

from core.clock import iso
from storage.cipher import PiiCipher
from storage.db import transaction

DEFECT_KINDS = ("feedback", "claim", "chargeback", "return")
DEFECT_STATUSES = (
    "open",
    "appealed",
    "removal_requested",
    "removed",
    "won",
    "lost",
    "accepted",
)


class NotFound(LookupError):
    """The record the action names is not in the database."""


def _update_one(db: sqlite_utils.Database, sql: str, params: list[Any], what: str) -> None:
    with transaction(db):
        if db.execute(sql, params).rowcount == 0:
            raise NotFound(f"{what} is not in the database.")


def mark_responded(db: sqlite_utils.Database, message_id: str, at: datetime | None) -> None:
    """Mark (or with at=None unmark) a buyer message as answered outside the imports."""
    _update_one(
        db,
        "UPDATE messages SET responded_at = ? WHERE message_id = ?",
        [None if at is None else iso(at), message_id],
        f"Message {message_id}",
    )


def set_no_response_needed(db: sqlite_utils.Database, message_id: str, value: bool) -> None:
    _update_one(
        db,
        "UPDATE messages SET no_response_needed = ? WHERE message_id = ?",
        [int(value), message_id],
        f"Message {message_id}",
    )


def set_contact_type(db: sqlite_utils.Database, message_id: str, contact_type: str) -> None:
    """The seller's triage override ("" goes back to the automatic classification)."""
    _update_one(
        db,
        "UPDATE messages SET contact_type = ? WHERE message_id = ?",
        [contact_type, message_id],
        f"Message {message_id}",
    )


def mark_return_decided(
    db: sqlite_utils.Database, order_id: str, rma_id: str, at: datetime | None
) -> None:
    """The seller authorised/decided the return at `at` (None clears the app's mark)."""
    _update_one(
        db,
        "UPDATE returns_fbm SET decided_at = ?, decided_source = ? "
        "WHERE order_id = ? AND rma_id = ?",
        [None if at is None else iso(at), None if at is None else "app", order_id, rma_id],
        f"Return {rma_id} of order {order_id}",
    )


def set_return_negative_feedback(
    db: sqlite_utils.Database, order_id: str, rma_id: str, value: bool
) -> None:
    _update_one(
        db,
        "UPDATE returns_fbm SET negative_feedback = ? WHERE order_id = ? AND rma_id = ?",
        [int(value), order_id, rma_id],
        f"Return {rma_id} of order {order_id}",
    )


def set_feedback_removed(
    db: sqlite_utils.Database, order_id: str, removed: bool, at: datetime
) -> None:
    """Amazon removed the feedback (or the mark is undone); logged as a status change."""
    with transaction(db):
        _update_one(
            db,
            "UPDATE feedback SET removed = ? WHERE order_id = ?",
            [int(removed), order_id],
            f"Feedback for order {order_id}",
        )
        set_defect_status(db, "feedback", order_id, "removed" if removed else "open", at)


def set_feedback_removal_requested(
    db: sqlite_utils.Database, order_id: str, at: datetime | None
) -> None:
    """A removal request was sent at `at` (None clears it)."""
    with transaction(db):
        _update_one(
            db,
            "UPDATE feedback SET removal_requested_at = ? WHERE order_id = ?",
            [None if at is None else iso(at), order_id],
            f"Feedback for order {order_id}",
        )
        if at is not None:
            set_defect_status(db, "feedback", order_id, "removal_requested", at)


def log_appeal(db: sqlite_utils.Database, claim_id: str, at: datetime | None) -> None:
    """An appeal was filed for a granted claim (stops its 30-day countdown)."""
    with transaction(db):
        row = db.execute("SELECT kind FROM claims WHERE claim_id = ?", [claim_id]).fetchone()
        _update_one(
            db,
            "UPDATE claims SET appeal_logged_at = ? WHERE claim_id = ?",
            [None if at is None else iso(at), claim_id],
            f"Claim {claim_id}",
        )
        if at is not None and row is not None:
            kind = "chargeback" if row[0] == "chargeback" else "claim"
            set_defect_status(db, kind, claim_id, "appealed", at)


def get_defect_status(db: sqlite_utils.Database, kind: str, ref: str) -> str:
    """The seller's status of a defect; "open" until they set one."""
    row = db.execute(
        "SELECT status FROM defect_status WHERE defect_kind = ? AND defect_ref = ?", [kind, ref]
    ).fetchone()
    return "open" if row is None else str(row[0])


def set_defect_status(
    db: sqlite_utils.Database, kind: str, ref: str, status: str, at: datetime, note: str = ""
) -> None:
    """Set a defect's status and append a note recording the change.

    `note` is a sentence the app wrote (never the seller's or buyer's words), kept in
    plaintext; the seller's own notes go through `add_note`, encrypted.
    """
    if kind not in DEFECT_KINDS:
        raise ValueError(f"'{kind}' is not a defect kind ({', '.join(DEFECT_KINDS)}).")
    if status not in DEFECT_STATUSES:
        raise ValueError(f"'{status}' is not a defect status ({', '.join(DEFECT_STATUSES)}).")
    with transaction(db):
        before = get_defect_status(db, kind, ref)
        db.execute(
            "INSERT INTO defect_status (defect_kind, defect_ref, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(defect_kind, defect_ref) DO UPDATE SET "
            "status = excluded.status, updated_at = excluded.updated_at",
            [kind, ref, status, iso(at)],
        )
        db.execute(
            "INSERT INTO notes (defect_kind, defect_ref, created_at, text, status_change) "
            "VALUES (?, ?, ?, ?, ?)",
            [kind, ref, iso(at), note, f"{before} -> {status}"],
        )


def add_note(
    db: sqlite_utils.Database,
    kind: str,
    ref: str,
    at: datetime,
    text: str,
    evidence_path: str = "",
    *,
    cipher: PiiCipher,
) -> int:
    """Append a note (with an optional evidence file path); returns its id.

    Text and path are encrypted, bound to the note's id: a note may name the buyer and a
    path may hold their name or order.
    """
    with transaction(db):
        cur = db.execute(
            "INSERT INTO notes (defect_kind, defect_ref, created_at) VALUES (?, ?, ?)",
            [kind, ref, iso(at)],
        )
        note_id = int(cur.lastrowid or 0)
        db.execute(
            "UPDATE notes SET text_enc = ?, evidence_path_enc = ? WHERE id = ?",
            [
                cipher.encrypt_field(text, "notes", "text_enc", str(note_id)),
                cipher.encrypt_field(evidence_path, "notes", "evidence_path_enc", str(note_id)),
                note_id,
            ],
        )
    return note_id


def list_notes(
    db: sqlite_utils.Database, kind: str, ref: str, cipher: PiiCipher
) -> list[dict[str, Any]]:
    """A defect's notes, oldest first, text and evidence path decrypted."""
    cur = db.execute(
        "SELECT id, defect_kind, defect_ref, created_at, text, evidence_path, status_change, "
        "text_enc, evidence_path_enc "
        "FROM notes WHERE defect_kind = ? AND defect_ref = ? ORDER BY created_at, id",
        [kind, ref],
    )
    names = [d[0] for d in cur.description][:7]
    notes: list[dict[str, Any]] = []
    for *row, text, path in cur.fetchall():
        note = dict(zip(names, row, strict=True))
        where = str(note["id"])
        note["text"] = cipher.decrypt_field(text, "notes", "text_enc", where) or note["text"]
        evidence = cipher.decrypt_field(path, "notes", "evidence_path_enc", where)
        note["evidence_path"] = evidence or note["evidence_path"]
        notes.append(note)
    return notes
