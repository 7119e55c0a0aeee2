"""services.reply_templates: what the editor checks before a write, and what writes change."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.changes import Changes
from services.reply_templates import (
    ReplyTemplate,
    TemplateError,
    delete_reply_template,
    reply_templates,
    restore_shipped_templates,
    save_reply_template,
    template_problem,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
LISTED = [ReplyTemplate("Thanks", "Thank you.", 1), ReplyTemplate("Return", "Use Your Orders.", 2)]


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        (ReplyTemplate("New", "Text."), None),
        (ReplyTemplate("Thanks", "Edited.", 1), None),  # the same one, edited
        (ReplyTemplate("  ", "Text."), "Give the template a name."),
        (ReplyTemplate("x" * 81, "Text."), "Keep the name under 80 characters."),
        (ReplyTemplate("Empty", " \n"), "The template \u201cEmpty\u201d has no text."),
        (
            ReplyTemplate(" thanks ", "Text."),
            "A template called \u201cthanks\u201d already exists.",
        ),
        (
            ReplyTemplate("RETURN", "Text.", 1),
            "A template called \u201cRETURN\u201d already exists.",
        ),
    ],
)
def test_template_problem(template: ReplyTemplate, problem: str | None) -> None:
    assert template_problem(template, LISTED) == problem


def test_writes_say_they_changed_the_reply_templates(store: Any) -> None:
    changed = Changes(reply_templates=True)
    before = reply_templates(store)
    assert save_reply_template(store, ReplyTemplate("Mine", "Hello."), NOW) == changed
    mine = next(t for t in reply_templates(store) if t.name == "Mine")
    assert mine.updated_at == NOW
    assert delete_reply_template(store, before[0].id or 0) == changed
    assert before[0].name not in {t.name for t in reply_templates(store)}
    assert restore_shipped_templates(store) == changed
    assert {t.name for t in before} | {"Mine"} == {t.name for t in reply_templates(store)}


def test_the_store_refuses_what_the_check_refuses(store: Any) -> None:
    listed = reply_templates(store)
    clash = ReplyTemplate(listed[0].name.upper(), "Text.")
    assert template_problem(clash, listed) is not None
    with pytest.raises(TemplateError, match="already exists"):
        save_reply_template(store, clash, NOW)
