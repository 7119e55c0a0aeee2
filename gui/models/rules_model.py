"""The triage rules as an editable table; every accepted edit is announced to be stored.

Rules are small and independent, so there is no Save button: a cell edit or a tick is
shown at once and stored right away by the editor (or refused with a sentence), like a
list of e-mail filters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from core.triage import CONTACT_TYPE_LABELS, CONTACT_TYPES, TriageRule
from core.triage.text import compile_pattern
from gui.models.base import HeaderedTableModel

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("On", "Contact type", "Words to look for", "Language", "Priority", "Origin")
ENABLED, CONTACT, PATTERN, LANGUAGE, PRIORITY, ORIGIN = range(len(COLUMNS))
ORIGIN_LABELS = {"default": "Shipped", "seller": "Yours", "correction": "From a correction"}
MATCH_BG = QColor("#ffe9a3")
MATCH_FG = QColor("#1a1a1a")
RuleIdRole = Qt.ItemDataRole.UserRole + 1
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def check_rule_fields(rule: TriageRule) -> str:
    """A sentence for the first field the seller must fix, or "" when the rule is fine."""
    if rule.contact_type not in CONTACT_TYPES:
        return "Choose the contact type the rule sorts messages into."
    if not rule.pattern.strip():
        return "Type the words to look for (a * at the end matches any ending, like refund*)."
    try:
        compile_pattern(rule.pattern)
    except ValueError:
        return "A rule needs at least one letter or digit besides *."
    if rule.language and not _LANGUAGE.match(rule.language):
        return "The language is a two-letter code like en or de (leave it empty for any)."
    if not 0 <= rule.priority <= 1000:
        return "The priority is a whole number from 0 to 1000."
    return ""


class RulesModel(HeaderedTableModel):
    """Rows of TriageRule. An accepted edit is shown at once and announced with `edited`
    (the editor stores it); `refused` carries the sentence of an edit that was not taken."""

    COLUMNS = COLUMNS

    refused = Signal(str)
    edited = Signal(object)  # the changed TriageRule, to be stored

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rules: list[TriageRule] = []
        self._highlight: int | None = None  # row index of the rule the test box matched

    def set_rules(self, rules: Sequence[TriageRule]) -> None:
        self.beginResetModel()
        self._rules = list(rules)
        self._highlight = None
        self.endResetModel()

    def refresh_rules(self, rules: Sequence[TriageRule]) -> None:
        """Show stored rules again: in place when they are the same rules (an edit does
        not make its row jump), else in their stored order."""
        by_id = {r.id: r for r in rules}
        if len(by_id) != len(self._rules) or any(r.id not in by_id for r in self._rules):
            self.set_rules(rules)
            return
        self._rules = [by_id[r.id] for r in self._rules]
        if self._rules:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rules) - 1, len(COLUMNS) - 1)
            )

    def rules(self) -> list[TriageRule]:
        return list(self._rules)

    def rule_at(self, row: int) -> TriageRule:
        return self._rules[row]

    def row_of(self, rule: TriageRule | None) -> int | None:
        """The row of `rule` (by id when saved, else by value)."""
        if rule is None:
            return None
        for i, r in enumerate(self._rules):
            if (rule.id is not None and r.id == rule.id) or r == rule:
                return i
        return None

    def set_highlight(self, row: int | None) -> None:
        old, self._highlight = self._highlight, row
        for r in {old, row} - {None}:
            assert r is not None
            if 0 <= r < len(self._rules):
                self.dataChanged.emit(self.index(r, 0), self.index(r, len(COLUMNS) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rules)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() == ENABLED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (CONTACT, PATTERN, LANGUAGE, PRIORITY):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rules):
            return None
        rule, col = self._rules[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == ENABLED:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rule, col)
        if role == Qt.ItemDataRole.EditRole:
            if col == CONTACT:
                return rule.contact_type
            if col == PRIORITY:
                return rule.priority
            return self._display(rule, col)
        if role == RuleIdRole:
            return rule.id
        if index.row() == self._highlight:
            if role == Qt.ItemDataRole.BackgroundRole:
                return MATCH_BG
            if role == Qt.ItemDataRole.ForegroundRole:
                return MATCH_FG
        if role == Qt.ItemDataRole.ToolTipRole and col == ENABLED:
            return "Untick to keep the rule but stop using it."
        return None

    def _display(self, rule: TriageRule, col: int) -> str | None:
        if col == ENABLED:
            return None
        if col == CONTACT:
            return CONTACT_TYPE_LABELS.get(rule.contact_type, rule.contact_type)
        if col == PATTERN:
            return rule.pattern
        if col == LANGUAGE:
            return rule.language or "any"
        if col == PRIORITY:
            return str(rule.priority)
        return ORIGIN_LABELS.get(rule.origin, rule.origin)

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rules):
            return False
        old, col = self._rules[index.row()], index.column()
        if col == ENABLED and role == Qt.ItemDataRole.CheckStateRole:
            new = replace(old, enabled=_checked(value))
        elif role == Qt.ItemDataRole.EditRole and col in (CONTACT, PATTERN, LANGUAGE, PRIORITY):
            new = self._edited(old, col, value)
        else:
            return False
        if new == old:
            return False
        return self.replace_rule(index.row(), new)

    def replace_rule(self, row: int, new: TriageRule) -> bool:
        """Check and show `new` in place of row `row`, then announce it; False if refused."""
        problem = check_rule_fields(new)
        if problem:
            self.refused.emit(problem)
            return False
        self._rules[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.edited.emit(new)
        return True

    @staticmethod
    def _edited(old: TriageRule, col: int, value: object) -> TriageRule:
        # A shipped rule the seller changes becomes theirs, so "Restore shipped rules" keeps it.
        origin = "seller" if old.origin == "default" else old.origin
        if col == CONTACT:
            return replace(old, contact_type=str(value), origin=origin)
        if col == PATTERN:
            return replace(old, pattern=str(value).strip(), origin=origin)
        if col == LANGUAGE:
            text = str(value).strip().lower()
            return replace(old, language="" if text == "any" else text, origin=origin)
        try:
            priority = value if isinstance(value, int) else int(str(value).strip())
        except ValueError:
            priority = -1  # refused by check_rule_fields with a sentence
        return replace(old, priority=priority, origin=origin)


def _checked(value: object) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return bool(value == Qt.CheckState.Checked.value or value is True)
