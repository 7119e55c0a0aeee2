"""Editing how buyer messages are sorted: the keyword rules and the escalation matrix.

The Settings editors read and write through these; every write says it changed the
triage rules, so the inbox re-sorts and the deadline board takes the new targets.
(Classifying messages with them is services.triage.)
"""

from __future__ import annotations

from collections.abc import Sequence

from core.triage import EscalationRow, TriageRule
from services.changes import Changes
from storage.db import Store
from storage.repository import triage_store

RULES_CHANGED = Changes(triage_rules=True)


def triage_rules(store: Store) -> list[TriageRule]:
    """Every rule, highest priority first (switched-off ones too)."""
    return triage_store.load_rules(store.db)


def save_triage_rule(store: Store, rule: TriageRule) -> Changes:
    """Add a rule (id None) or change the rule with its id; ValueError/KeyError if refused."""
    triage_store.save_rule(store.db, rule)
    return RULES_CHANGED


def delete_triage_rule(store: Store, rule_id: int) -> Changes:
    triage_store.delete_rule(store.db, rule_id)
    return RULES_CHANGED


def restore_shipped_rules(store: Store) -> Changes:
    """Write the shipped rules afresh; the seller's own rules and corrections stay."""
    triage_store.reset_rules(store.db)
    return RULES_CHANGED


def escalation_matrix(store: Store) -> list[EscalationRow]:
    """One row per contact type, in display order."""
    return triage_store.load_matrix(store.db)


def save_escalation_matrix(store: Store, rows: Sequence[EscalationRow]) -> Changes:
    """Replace the matrix in one go; core.triage.MatrixError (a sentence) writes nothing."""
    triage_store.save_matrix(store.db, rows)
    return RULES_CHANGED
