"""Saved reply templates (table from migration step 3), seeded once by step 5 with defaults.

The app never sends a message: the seller picks a template in the inbox, adapts it, and
pastes it into Seller Central. Every shipped template passes core.reply_check (a test pins it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlite_utils

from core.clock import iso, parse_iso
from storage.db import transaction

NAME_MAX = 80
ORDER_ID_FIELD = "{order_id}"
"""Replaced by the selected message's order id when a template is picked in the inbox."""


class TemplateError(ValueError):
    """A template the seller cannot save; the message is one readable sentence."""


@dataclass(frozen=True, slots=True)
class ReplyTemplate:
    """One saved reply. `updated_at` None = a shipped default the seller never edited."""

    name: str
    body: str
    id: int | None = None
    updated_at: datetime | None = None


_SIGN_OFF = "\n\nKind regards,\n[Your name]"

DEFAULT_TEMPLATES: tuple[ReplyTemplate, ...] = (
    ReplyTemplate(
        "Delivery delay apology",
        "Hello,\n\nThank you for your message about order {order_id}, and I am sorry it has "
        "not arrived yet. I checked the tracking: the carrier shows the parcel is still on "
        "its way and expects to deliver it by [date]. If it has not arrived by then, please "
        "reply to this message and I will send a replacement or refund the order straight "
        "away." + _SIGN_OFF,
    ),
    ReplyTemplate(
        "Return instructions",
        "Hello,\n\nI am sorry the item did not work out for you. You can return it from Your "
        'Orders on Amazon: choose order {order_id}, select "Return or replace items" and '
        "follow the steps to print the return label. As soon as the carrier scans the "
        "parcel, I will process your refund." + _SIGN_OFF,
    ),
    ReplyTemplate(
        "Product question answer",
        "Hello,\n\nThank you for your question. [Answer it here: size, compatibility, "
        "materials, what is in the box.]\n\nIf anything else is unclear, just reply to this "
        "message and I will be glad to help." + _SIGN_OFF,
    ),
    ReplyTemplate(
        "Cancellation confirmation",
        "Hello,\n\nAs you asked, order {order_id} is cancelled and will not ship. The full "
        "amount goes back to your original payment method; your bank may take a few days "
        "to show it." + _SIGN_OFF,
    ),
    ReplyTemplate(
        "Damaged or defective item",
        "Hello,\n\nI am very sorry that your item arrived damaged. I have sent a replacement "
        "at no cost to you, and there is no need to return the damaged one. The new "
        "tracking number will appear in Your Orders on Amazon once the parcel ships." + _SIGN_OFF,
    ),
)


def _template(r: dict[str, Any]) -> ReplyTemplate:
    at = r["updated_at"]
    return ReplyTemplate(r["name"], r["body"], int(r["id"]), parse_iso(at) if at else None)


def _insert(db: sqlite_utils.Database, t: ReplyTemplate, updated_at: str) -> int:
    cur = db.execute(
        "INSERT INTO reply_templates(name, body, updated_at) VALUES (?, ?, ?)",
        [t.name, t.body, updated_at],
    )
    return int(cur.lastrowid or 0)


def list_templates(db: sqlite_utils.Database) -> list[ReplyTemplate]:
    """Every template by name (deleting them all leaves none)."""
    sql = "SELECT id, name, body, updated_at FROM reply_templates ORDER BY name COLLATE NOCASE, id"
    return [_template(r) for r in db.query(sql)]


def get_template(db: sqlite_utils.Database, template_id: int) -> ReplyTemplate | None:
    rows = list(
        db.query(
            "SELECT id, name, body, updated_at FROM reply_templates WHERE id = ?", [template_id]
        )
    )
    return _template(rows[0]) if rows else None


def _check(db: sqlite_utils.Database, t: ReplyTemplate) -> ReplyTemplate:
    name, body = t.name.strip(), t.body.strip()
    if not name:
        raise TemplateError("Give the template a name.")
    if len(name) > NAME_MAX:
        raise TemplateError(f"Keep the name under {NAME_MAX} characters.")
    if not body:
        raise TemplateError(f"The template \u201c{name}\u201d has no text.")
    clash = db.execute(
        "SELECT id FROM reply_templates WHERE lower(name) = lower(?) AND id IS NOT ?",
        [name, t.id],
    ).fetchone()
    if clash is not None:
        raise TemplateError(f"A template called \u201c{name}\u201d already exists.")
    return replace(t, name=name, body=body)


def save_template(db: sqlite_utils.Database, t: ReplyTemplate, now: datetime) -> ReplyTemplate:
    """Insert (id None) or update a template; raises TemplateError, writing nothing.

    Guideline findings are the caller's business (warn, let the seller confirm).
    """
    with transaction(db):
        valid = _check(db, t)
        stamp = iso(now)
        if valid.id is None:
            new_id = _insert(db, valid, stamp)
            return replace(valid, id=new_id, updated_at=parse_iso(stamp))
        cur = db.execute(
            "UPDATE reply_templates SET name = ?, body = ?, updated_at = ? WHERE id = ?",
            [valid.name, valid.body, stamp, valid.id],
        )
        if cur.rowcount == 0:
            raise TemplateError(f"The template \u201c{valid.name}\u201d was deleted meanwhile.")
        return replace(valid, updated_at=parse_iso(stamp))


def delete_template(db: sqlite_utils.Database, template_id: int) -> None:
    with transaction(db):
        db.execute("DELETE FROM reply_templates WHERE id = ?", [template_id])


def restore_defaults(db: sqlite_utils.Database) -> list[ReplyTemplate]:
    """Add back every shipped template whose name is missing; the seller's edits stay."""
    have = {t.name.lower() for t in list_templates(db)}
    with transaction(db):
        for t in DEFAULT_TEMPLATES:
            if t.name.lower() not in have:
                _insert(db, t, "")
    return list_templates(db)
