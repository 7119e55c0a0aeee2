"""Reply templates on disk: seeding once, the guideline check of the shipped set, edits."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils

from core.reply_check import check_reply
from storage import migrations
from storage.db import open_db
from storage.repository.reply_templates import (
    DEFAULT_TEMPLATES,
    ORDER_ID_FIELD,
    ReplyTemplate,
    TemplateError,
    delete_template,
    get_template,
    list_templates,
    restore_defaults,
    save_template,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_db(tmp_path / "templates.sqlite3")


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=lambda t: t.name)
def test_every_shipped_template_follows_amazons_guidelines(template: ReplyTemplate) -> None:
    assert check_reply(template.body) == []
    assert check_reply(template.body.replace(ORDER_ID_FIELD, "112-3776041-0233998")) == []


def test_the_shipped_set_covers_the_common_replies() -> None:
    names = {t.name for t in DEFAULT_TEMPLATES}
    assert {
        "Delivery delay apology",
        "Return instructions",
        "Product question answer",
        "Cancellation confirmation",
    } <= names
    assert 4 <= len(DEFAULT_TEMPLATES) <= 6


def test_migration_adds_the_table(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    cols = {r[1] for r in db.execute("PRAGMA table_info(reply_templates)").fetchall()}
    assert cols == {"id", "name", "body", "updated_at"}


def test_first_list_seeds_defaults_once_sorted_by_name(db: sqlite_utils.Database) -> None:
    first = list_templates(db)
    assert [t.name for t in first] == sorted((t.name for t in DEFAULT_TEMPLATES), key=str.lower)
    assert all(t.id is not None and t.updated_at is None for t in first)
    for t in first:
        delete_template(db, t.id or 0)
    assert list_templates(db) == []  # deleting them all does not bring them back
    assert [t.name for t in restore_defaults(db)] == [t.name for t in first]


def test_save_round_trips_and_stamps_the_time(db: sqlite_utils.Database) -> None:
    saved = save_template(db, ReplyTemplate("  Thanks  ", "Thank you for your order.\n"), NOW)
    assert saved.id is not None and saved.name == "Thanks" and saved.updated_at == NOW
    assert get_template(db, saved.id) == ReplyTemplate(
        "Thanks", "Thank you for your order.", saved.id, NOW
    )
    later = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
    edited = save_template(db, ReplyTemplate("Thanks!", "Thank you.", saved.id), later)
    assert (
        get_template(db, saved.id)
        == edited
        == ReplyTemplate("Thanks!", "Thank you.", saved.id, later)
    )
    delete_template(db, saved.id)
    assert get_template(db, saved.id) is None


def test_restore_keeps_the_sellers_edits(db: sqlite_utils.Database) -> None:
    first = list_templates(db)[0]
    save_template(db, ReplyTemplate(first.name, "My own words.", first.id), NOW)
    restored = {t.name: t for t in restore_defaults(db)}
    assert restored[first.name].body == "My own words."
    assert len(restored) == len(DEFAULT_TEMPLATES)


@pytest.mark.parametrize(
    ("name", "body", "error"),
    [
        ("", "text", "Give the template a name."),
        ("   ", "text", "Give the template a name."),
        ("x" * 81, "text", "Keep the name under 80 characters."),
        ("Empty", "  \n ", "has no text"),
        ("return INSTRUCTIONS", "text", "already exists"),
    ],
)
def test_invalid_templates_are_refused_with_a_sentence(
    db: sqlite_utils.Database, name: str, body: str, error: str
) -> None:
    before = list_templates(db)
    with pytest.raises(TemplateError, match=error):
        save_template(db, ReplyTemplate(name, body), NOW)
    assert list_templates(db) == before


def test_renaming_onto_itself_is_fine_but_not_onto_another(db: sqlite_utils.Database) -> None:
    a, b = list_templates(db)[:2]
    assert (
        save_template(db, ReplyTemplate(a.name.upper(), a.body, a.id), NOW).name == a.name.upper()
    )
    with pytest.raises(TemplateError, match="already exists"):
        save_template(db, ReplyTemplate(b.name, a.body, a.id), NOW)


def test_updating_a_deleted_template_says_so(db: sqlite_utils.Database) -> None:
    with pytest.raises(TemplateError, match="deleted meanwhile"):
        save_template(db, ReplyTemplate("Gone", "text", 999), NOW)
