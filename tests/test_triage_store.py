"""Escalation matrix and triage rules on disk: seeding, validation, edits, corrections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import sqlite_utils

from core.triage import (
    CONTACT_TYPES,
    DEFAULT_MATRIX,
    DEFAULT_RULES,
    EscalationRow,
    MatrixError,
    TriageRule,
    classify,
)
from storage.db import open_db
from storage.repository.triage_store import (
    add_correction,
    delete_rule,
    load_matrix,
    load_rules,
    reset_matrix,
    reset_rules,
    save_matrix,
    save_rule,
    set_rule_enabled,
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_db(tmp_path / "triage.sqlite3")
    yield database
    database.close()


def test_a_new_database_holds_the_default_matrix_in_order(db: sqlite_utils.Database) -> None:
    assert db.execute("SELECT COUNT(*) FROM escalation_matrix").fetchone()[0] == len(CONTACT_TYPES)
    rows = load_matrix(db)
    assert rows == list(DEFAULT_MATRIX)
    assert {r.contact_type for r in rows} == set(CONTACT_TYPES)
    assert load_matrix(db) == rows


def test_save_matrix_round_trips_exact_money_and_order(db: sqlite_utils.Database) -> None:
    rows = list(reversed(load_matrix(db)))
    rows[0] = replace(rows[0], owner="Ana", target_hours=2.5, dollar_limit=Decimal("19.99"))
    save_matrix(db, rows)
    loaded = load_matrix(db)
    assert loaded == rows
    assert loaded[0].dollar_limit == Decimal("19.99")


@pytest.mark.parametrize(
    "bad",
    [
        EscalationRow("delivery_issue", "x", 25, "refund"),
        EscalationRow("delivery_issue", "x", 0, "refund"),
        EscalationRow("delivery_issue", "x", 12, "store_credit"),
        EscalationRow("delivery_issue", "x", 12, "refund", Decimal("-1")),
        EscalationRow("shipping_complaint", "x", 12, "refund"),
    ],
)
def test_invalid_matrix_is_refused_and_nothing_written(
    db: sqlite_utils.Database, bad: EscalationRow
) -> None:
    before = load_matrix(db)
    rows = [bad if r.contact_type == "general_inquiry" else r for r in before]
    with pytest.raises(MatrixError):
        save_matrix(db, rows)
    assert load_matrix(db) == before


def test_duplicate_contact_type_is_refused(db: sqlite_utils.Database) -> None:
    rows = load_matrix(db)
    with pytest.raises(MatrixError, match="twice"):
        save_matrix(db, rows + [rows[0]])


def test_a_partial_matrix_is_completed_with_defaults(db: sqlite_utils.Database) -> None:
    save_matrix(db, [EscalationRow("product_defect", "Bo", 6, "refund", Decimal("80"))])
    rows = load_matrix(db)
    assert rows[0] == EscalationRow("product_defect", "Bo", 6, "refund", Decimal("80"))
    assert {r.contact_type for r in rows} == set(CONTACT_TYPES)
    assert reset_matrix(db) == list(DEFAULT_MATRIX) == load_matrix(db)


def test_rules_are_seeded_once_sorted_by_priority(db: sqlite_utils.Database) -> None:
    rules = load_rules(db)
    assert len(rules) == len(DEFAULT_RULES)
    assert all(r.id is not None and r.origin == "default" for r in rules)
    assert [r.priority for r in rules] == sorted((r.priority for r in rules), reverse=True)
    for r in rules:
        delete_rule(db, r.id or 0)
    assert load_rules(db) == []  # deleting them all does not re-seed
    assert len(reset_rules(db)) == len(DEFAULT_RULES)


def test_save_update_enable_and_delete_a_rule(db: sqlite_utils.Database) -> None:
    load_rules(db)
    rule_id = save_rule(db, TriageRule("product_defect", "wobbl*", "en", 85, True, "seller"))
    [mine] = [r for r in load_rules(db) if r.id == rule_id]
    assert (mine.pattern, mine.origin, mine.priority) == ("wobbl*", "seller", 85)
    assert save_rule(db, replace(mine, priority=5)) == rule_id
    set_rule_enabled(db, rule_id, False)
    [mine] = [r for r in load_rules(db) if r.id == rule_id]
    assert mine.priority == 5 and not mine.enabled
    assert rule_id not in {r.id for r in load_rules(db, enabled_only=True)}
    delete_rule(db, rule_id)
    assert rule_id not in {r.id for r in load_rules(db)}


@pytest.mark.parametrize(
    "bad",
    [
        TriageRule("nonsense", "x"),
        TriageRule("product_defect", "  "),
        TriageRule("product_defect", "*"),
    ],
)
def test_invalid_rules_are_refused(db: sqlite_utils.Database, bad: TriageRule) -> None:
    with pytest.raises(ValueError):
        save_rule(db, bad)


def test_updating_a_missing_rule_raises(db: sqlite_utils.Database) -> None:
    with pytest.raises(KeyError):
        save_rule(db, TriageRule("product_defect", "x", id=9999))


def test_a_correction_becomes_a_rule_that_reclassifies_the_message(
    db: sqlite_utils.Database,
) -> None:
    text = "The handle wobbles since yesterday, what should I do?"
    assert classify("", text, load_rules(db)).contact_type == "general_inquiry"
    rule = add_correction(db, text, "product_defect")
    assert rule.id is not None and rule.origin == "correction"
    assert rule.pattern == "wobbles"  # the longest distinctive word
    result = classify("", text, load_rules(db))
    assert result.contact_type == "product_defect"
    assert result.rule is not None and result.rule.id == rule.id
