"""The escalation matrix and the triage rules on disk (tables from migration step 1).

Both hold the shipped defaults from the start (migration step 5), so a new seller
starts with a working matrix and rule set and edits from there. Reading never writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlite_utils

from core.triage import (
    CONTACT_TYPES,
    DEFAULT_MATRIX,
    DEFAULT_RULES,
    RULE_ORIGINS,
    EscalationRow,
    TriageRule,
    complete_matrix,
    rule_from_correction,
    validate_matrix,
)
from core.triage.rules import RuleOrigin
from core.triage.text import compile_pattern
from storage.db import transaction

# --- escalation matrix -------------------------------------------------------------------


def _row(r: dict[str, Any]) -> EscalationRow:
    limit: Decimal | None
    try:
        limit = None if r["dollar_limit"] in (None, "") else Decimal(r["dollar_limit"])
    except InvalidOperation:
        limit = None
    return EscalationRow(
        r["contact_type"], r["owner"], float(r["target_hours"]), r["resolution"], limit, r["notes"]
    )


def load_matrix(db: sqlite_utils.Database) -> list[EscalationRow]:
    """The seller's matrix in display order; missing contact types get their default row.

    The missing rows are shown, not stored: saving the matrix stores them.
    """
    rows = [
        _row(r)
        for r in db.query("SELECT * FROM escalation_matrix ORDER BY position, contact_type")
        if r["contact_type"] in CONTACT_TYPES
    ]
    if len(rows) < len(CONTACT_TYPES):
        rows = complete_matrix(rows)
    return rows


def save_matrix(db: sqlite_utils.Database, rows: Iterable[EscalationRow]) -> None:
    """Replace the matrix in one transaction; raises core.triage.MatrixError, writing nothing."""
    valid = validate_matrix(rows)
    with transaction(db):
        db.execute("DELETE FROM escalation_matrix")
        db.conn.executemany(
            "INSERT INTO escalation_matrix(contact_type, owner, target_hours, resolution, "
            "dollar_limit, notes, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.contact_type,
                    r.owner,
                    float(r.target_hours),
                    r.resolution,
                    None if r.dollar_limit is None else str(r.dollar_limit),
                    r.notes,
                    position,
                )
                for position, r in enumerate(valid)
            ],
        )


def reset_matrix(db: sqlite_utils.Database) -> list[EscalationRow]:
    """Back to the shipped defaults."""
    save_matrix(db, DEFAULT_MATRIX)
    return list(DEFAULT_MATRIX)


# --- triage rules ------------------------------------------------------------------------


def _rule(r: dict[str, Any]) -> TriageRule:
    origin: RuleOrigin = r["origin"] if r["origin"] in RULE_ORIGINS else "seller"
    return TriageRule(
        r["contact_type"],
        r["pattern"],
        r["language"],
        int(r["priority"]),
        bool(r["enabled"]),
        origin,
        int(r["id"]),
    )


def _check_rule(rule: TriageRule) -> None:
    if rule.contact_type not in CONTACT_TYPES:
        raise ValueError(f"Unknown contact type {rule.contact_type!r}.")
    if rule.origin not in RULE_ORIGINS:
        raise ValueError(f"Unknown rule origin {rule.origin!r}.")
    compile_pattern(rule.pattern)  # raises ValueError for an empty pattern


def load_rules(db: sqlite_utils.Database, *, enabled_only: bool = False) -> list[TriageRule]:
    """All rules, highest priority first (deleting them all leaves none)."""
    sql = "SELECT * FROM triage_rules"
    if enabled_only:
        sql += " WHERE enabled = 1"
    return [_rule(r) for r in db.query(sql + " ORDER BY priority DESC, id")]


def _insert(db: sqlite_utils.Database, rule: TriageRule) -> int:
    cur = db.execute(
        "INSERT INTO triage_rules(contact_type, pattern, language, priority, enabled, origin) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            rule.contact_type,
            rule.pattern.strip(),
            rule.language,
            rule.priority,
            int(rule.enabled),
            rule.origin,
        ],
    )
    return int(cur.lastrowid or 0)


def save_rule(db: sqlite_utils.Database, rule: TriageRule) -> int:
    """Insert a rule (id None) or update the rule with its id; returns the id."""
    _check_rule(rule)
    with transaction(db):
        if rule.id is None:
            return _insert(db, rule)
        cur = db.execute(
            "UPDATE triage_rules SET contact_type = ?, pattern = ?, language = ?, priority = ?, "
            "enabled = ?, origin = ? WHERE id = ?",
            [
                rule.contact_type,
                rule.pattern.strip(),
                rule.language,
                rule.priority,
                int(rule.enabled),
                rule.origin,
                rule.id,
            ],
        )
        if cur.rowcount == 0:
            raise KeyError(f"no triage rule with id {rule.id}")
        return rule.id


def set_rule_enabled(db: sqlite_utils.Database, rule_id: int, enabled: bool) -> None:
    with transaction(db):
        db.execute("UPDATE triage_rules SET enabled = ? WHERE id = ?", [int(enabled), rule_id])


def delete_rule(db: sqlite_utils.Database, rule_id: int) -> None:
    with transaction(db):
        db.execute("DELETE FROM triage_rules WHERE id = ?", [rule_id])


def add_correction(
    db: sqlite_utils.Database, message_text: str, contact_type: str, *, language: str = ""
) -> TriageRule:
    """Turn "this message is really X" into a saved rule built from a known contact-type word.

    Raises ValueError when the message has no usable word.
    """
    rule = rule_from_correction(
        message_text, contact_type, existing=load_rules(db), language=language
    )
    return replace(rule, id=save_rule(db, rule))


def reset_rules(db: sqlite_utils.Database) -> list[TriageRule]:
    """Drop the shipped rules and write them afresh; the seller's own rules stay."""
    with transaction(db):
        db.execute("DELETE FROM triage_rules WHERE origin = 'default'")
        for rule in DEFAULT_RULES:
            _insert(db, rule)
    return load_rules(db)
