"""The triage rules editor (Settings): the keyword rules that sort buyer messages.

Transparent on purpose: the seller sees every rule, can add, change, switch off or delete
one, and can type a message into the Test box to see which rule decides it and why.
Rules are read and written through services.triage_rules, off the GUI thread; an edit
shows at once, and a write the storage refuses is undone with its sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.triage import (
    CONTACT_TYPE_LABELS,
    CONTACT_TYPES,
    DEFAULT_RULES,
    FALLBACK_CONTACT_TYPE,
    TriageRule,
    classify,
)
from gui.bridge import Bridge
from gui.models.rules_model import CONTACT, PATTERN, RulesModel, check_rule_fields
from gui.views.screen import Screen
from gui.widgets.choice_delegate import ChoiceDelegate
from services.changes import Changes
from services.triage_rules import (
    delete_triage_rule,
    restore_shipped_rules,
    save_triage_rule,
    triage_rules,
)
from storage.db import Store

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
ERROR_STYLE = "color: #9f1c1c"
INTRO = (
    "Inbound messages are sorted into contact types by these words. When several rules "
    "match, the highest priority wins. A * at the end of a word matches any ending "
    "(refund* finds refunds and refunded). Double-click a cell to change it; untick a rule "
    "to switch it off."
)


def shipped_priority(contact_type: str) -> int:
    """The priority the shipped keyword rules give a contact type (a sensible default)."""
    found = [r.priority for r in DEFAULT_RULES if r.contact_type == contact_type]
    return min(found) if found else 0


class RulesEditor(Screen):
    """Rule list + an add row + the Test box; writes go through services.triage_rules."""

    def __init__(
        self,
        store: Store,
        bridge: Bridge,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self._select_next: tuple[str, str] | None = None  # (contact type, pattern) to select
        self.model = RulesModel(self)
        self.model.refused.connect(self._show_error)
        self.model.edited.connect(self._store_edited)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self._add_row())
        layout.addWidget(self._table(), 1)
        layout.addLayout(self._action_row())
        layout.addWidget(self._test_box())
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _add_row(self) -> QHBoxLayout:
        self.new_contact = QComboBox(self)
        self.new_contact.setAccessibleName("Contact type of the new rule")
        for code in CONTACT_TYPES:
            self.new_contact.addItem(CONTACT_TYPE_LABELS[code], code)
        self.new_pattern = QLineEdit(self)
        self.new_pattern.setPlaceholderText("Words to look for, e.g. refund* or where is")
        self.new_pattern.returnPressed.connect(self.add_rule)
        self.new_language = QLineEdit(self)
        self.new_language.setPlaceholderText("any")
        self.new_language.setToolTip("Two-letter language code (en, de, fr...) or empty for any.")
        self.new_language.setMaximumWidth(60)
        self.new_priority = QSpinBox(self)
        self.new_priority.setRange(0, 1000)
        self.new_priority.setToolTip("When several rules match, the highest priority wins.")
        self.new_contact.currentIndexChanged.connect(self._default_priority)
        self._default_priority()
        self.add_button = QPushButton("&Add rule", self)
        self.add_button.clicked.connect(self.add_rule)
        row = QHBoxLayout()
        row.addWidget(self.new_contact)
        row.addWidget(self.new_pattern, 1)
        row.addWidget(QLabel("Language", self))
        row.addWidget(self.new_language)
        row.addWidget(QLabel("Priority", self))
        row.addWidget(self.new_priority)
        row.addWidget(self.add_button)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(
            CONTACT, ChoiceDelegate({c: CONTACT_TYPE_LABELS[c] for c in CONTACT_TYPES}, self.table)
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        for col, width in enumerate((40, 170, 260, 80, 70, 130)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(PATTERN, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._sync_buttons)
        return self.table

    def _action_row(self) -> QHBoxLayout:
        self.toggle_button = QPushButton("Switch &off", self)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.delete_button = QPushButton("De&lete rule", self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton("Restore shipped rules", self)
        self.restore_button.setToolTip(
            "Write the shipped rules afresh; your own rules and corrections stay."
        )
        self.restore_button.clicked.connect(self.restore_shipped)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.toggle_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.restore_button)
        row.addWidget(self.message, 1)
        row.addWidget(self.updating_label)
        return row

    def _test_box(self) -> QGroupBox:
        box = QGroupBox("Test", self)
        self.test_input = QPlainTextEdit(box)
        self.test_input.setPlaceholderText(
            "Type or paste a buyer message to see which rule sorts it..."
        )
        self.test_input.setMaximumHeight(70)
        self.test_input.textChanged.connect(self.run_test)
        self.test_result = QLabel(box)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(box)
        lay.addWidget(self.test_input)
        lay.addWidget(self.test_result)
        return box

    # -- loading / showing ---------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        return changes.triage_rules

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Load the rules in the background; the selected rule stays selected."""
        self.fetch(triage_rules, self._show_rules)

    def _show_rules(self, rules: list[TriageRule]) -> None:
        row = self.selected_row()
        keep = self._select_next
        if keep is None and row is not None:
            rule = self.model.rule_at(row)
            keep = (rule.contact_type, rule.pattern)
        self._select_next = None
        self.model.refresh_rules(rules)
        shown = self.model.rules()
        found = next((i for i, r in enumerate(shown) if (r.contact_type, r.pattern) == keep), None)
        if found is not None:
            self.select_row(found)
        self.run_test()
        self._sync_buttons()

    def selected_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, PATTERN),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, PATTERN))

    def _sync_buttons(self, *_args: object) -> None:
        row = self.selected_row()
        self.toggle_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        if row is not None:
            on = self.model.rule_at(row).enabled
            self.toggle_button.setText("Switch &off" if on else "Switch &on")

    def _default_priority(self, *_args: object) -> None:
        self.new_priority.setValue(shipped_priority(str(self.new_contact.currentData())))

    # -- the Test box ----------------------------------------------------------------------
    def run_test(self) -> None:
        """Classify the typed text with the rules as shown (disabled ones are skipped)."""
        text = self.test_input.toPlainText()
        if not text.strip():
            self.test_result.setText("")
            self.model.set_highlight(None)
            return
        result = classify("", text, self.model.rules())
        if result.rule is None:
            fallback = CONTACT_TYPE_LABELS[FALLBACK_CONTACT_TYPE]
            self.test_result.setText(f"No rule matches: it would be sorted as {fallback}.")
            self.model.set_highlight(None)
            return
        rule = result.rule
        language = f", {rule.language}" if rule.language else ""
        self.test_result.setText(
            f"{result.label}: the rule \u201c{rule.pattern}\u201d (priority {rule.priority}{language}) "
            f"matched \u201c{result.matched_text}\u201d."
        )
        row = self.model.row_of(rule)
        self.model.set_highlight(row)
        if row is not None:
            self.table.scrollTo(self.model.index(row, PATTERN))

    # -- writes ----------------------------------------------------------------------------
    def _write_rules(self, rule_write: Callable[[Store], Changes], done: str) -> None:
        """Write in the background; on success say `done`, on refusal undo with the sentence."""

        def refused(exc: Exception) -> None:
            if not isinstance(exc, ValueError | KeyError):
                self.ops._report(exc)
            self._show_error(str(exc).strip("'\""))
            self.refresh()  # show what is stored again

        self.ops.write(rule_write, parent=self, success=lambda _c: self._say(done), failure=refused)

    def add_rule(self) -> bool:
        """Check the add row and store the rule; False (with a sentence) when it is refused."""
        rule = TriageRule(
            str(self.new_contact.currentData()),
            self.new_pattern.text().strip(),
            self.new_language.text().strip().lower(),
            self.new_priority.value(),
            True,
            "seller",
        )
        problem = check_rule_fields(rule)
        if problem:
            self._show_error(problem)
            return False
        if any(
            r.pattern == rule.pattern and r.contact_type == rule.contact_type
            for r in self.model.rules()
        ):
            self._show_error(
                f"A {CONTACT_TYPE_LABELS[rule.contact_type]} rule for "
                f"\u201c{rule.pattern}\u201d is already in the list."
            )
            return False
        self.new_pattern.clear()
        self._select_next = (rule.contact_type, rule.pattern)
        self._write_rules(
            lambda store: save_triage_rule(store, rule),
            f"Added the rule \u201c{rule.pattern}\u201d.",
        )
        return True

    def toggle_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        index = self.model.index(row, 0)
        on = self.model.rule_at(row).enabled
        target = Qt.CheckState.Unchecked if on else Qt.CheckState.Checked
        return self.model.setData(index, target, Qt.ItemDataRole.CheckStateRole)

    def delete_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        rule = self.model.rule_at(row)
        done = f"Deleted the rule \u201c{rule.pattern}\u201d."
        if rule.id is None:
            self.refresh()
            self._say(done)
            return True
        rule_id = rule.id
        self._write_rules(lambda store: delete_triage_rule(store, rule_id), done)
        return True

    def restore_shipped(self) -> None:
        self._write_rules(
            restore_shipped_rules, "The shipped rules are back; your own rules were kept."
        )

    def _store_edited(self, rule: TriageRule) -> None:
        """A cell edit or a tick the model took: store it; the table already shows it."""
        self._sync_buttons()
        self.run_test()
        self._write_rules(lambda store: save_triage_rule(store, rule), "Saved.")

    def _show_error(self, sentence: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(sentence)

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
