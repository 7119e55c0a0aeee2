"""Saved replies: listed for the inbox's reply pane and edited in the templates dialog.

Every write says it changed `reply_templates`, so the pane's picker follows the editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from services.changes import Changes
from storage.db import Store
from storage.repository import reply_templates as stored
from storage.repository.reply_templates import (
    NAME_MAX,
    ORDER_ID_FIELD,
    ReplyTemplate,
    TemplateError,
)

__all__ = [
    "ORDER_ID_FIELD",
    "ReplyTemplate",
    "TemplateError",
    "delete_reply_template",
    "reply_templates",
    "restore_shipped_templates",
    "save_reply_template",
    "template_problem",
]

CHANGED = Changes(reply_templates=True)


def reply_templates(store: Store) -> list[ReplyTemplate]:
    """Every saved reply by name (the shipped ones are written on first use)."""
    return stored.list_templates(store.db)


def template_problem(template: ReplyTemplate, existing: Sequence[ReplyTemplate]) -> str | None:
    """Why the form cannot be saved, in one sentence, judged against the templates listed;
    None when it can (the store checks again when it writes)."""
    name = template.name.strip()
    if not name:
        return "Give the template a name."
    if len(name) > NAME_MAX:
        return f"Keep the name under {NAME_MAX} characters."
    if not template.body.strip():
        return f"The template \u201c{name}\u201d has no text."
    if any(t.name.lower() == name.lower() and t.id != template.id for t in existing):
        return f"A template called \u201c{name}\u201d already exists."
    return None


def save_reply_template(store: Store, template: ReplyTemplate, now: datetime) -> Changes:
    """Insert or update; raises TemplateError (one readable sentence), writing nothing."""
    stored.save_template(store.db, template, now)
    return CHANGED


def delete_reply_template(store: Store, template_id: int) -> Changes:
    stored.delete_template(store.db, template_id)
    return CHANGED


def restore_shipped_templates(store: Store) -> Changes:
    """Add back the shipped replies the seller deleted; edits stay."""
    stored.restore_defaults(store.db)
    return CHANGED
