"""The triage of the selected buyer message: its pathway and the seller's correction.

The escalation matrix (glossary's expert tip) says who answers, how fast, with what
resolution and up to which amount; the seller can correct the contact type and turn the
correction into a rule so similar messages are sorted right next time.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.inbox import InboxRow, triage_note
from core.triage import CONTACT_TYPE_LABELS, CONTACT_TYPES, RESOLUTION_LABELS, MessageTriage
from gui.display import when

AUTOMATIC = ""
"""The combo entry that hands the message back to the rules."""

MAKE_RULE_TEXT = "Make a rule from this correction"


def money(limit: Decimal | None) -> str:
    """ "up to $50 pre-approved" / "up to $19.99 ..."; None = no money pre-approved."""
    if limit is None:
        return "no money pre-approved"
    text = f"{limit:,.2f}"
    return f"up to ${text[:-3] if text.endswith('.00') else text} pre-approved"


def hours_text(hours: float) -> str:
    return f"{hours:g} h"


def fill_type_combo(combo: QComboBox, automatic: bool = True) -> None:
    if automatic:
        combo.addItem("Automatic (by the rules)", AUTOMATIC)
    for contact_type in CONTACT_TYPES:
        combo.addItem(CONTACT_TYPE_LABELS[contact_type], contact_type)


class TriagePanel(QGroupBox):
    """Shows one message's pathway; emits `correction_requested` when the seller corrects it."""

    correction_requested = Signal(str, str, bool)  # message id, contact type ("" = auto), rule

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Triage", parent)
        self._ref = ""
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        self.why = QLabel(self)
        self.why.setTextFormat(Qt.TextFormat.PlainText)  # quotes the buyer's words
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color: #5f6368;")
        self.owner = QLabel(self)
        self.target = QLabel(self)
        self.amazon = QLabel(self)
        self.countdown = QLabel(self)
        self.resolution = QLabel(self)
        self.notes = QLabel(self)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        labels = (self.owner, self.target, self.amazon, self.countdown, self.resolution, self.notes)
        for label in labels:
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("Owner:", self.owner)
        form.addRow("Your target:", self.target)
        form.addRow("Amazon's:", self.amazon)
        form.addRow("Time left:", self.countdown)
        form.addRow("Resolution:", self.resolution)
        form.addRow("Notes:", self.notes)

        self.type_combo = QComboBox(self)
        self.type_combo.setAccessibleName("Contact type")
        fill_type_combo(self.type_combo)
        self.make_rule = QCheckBox(MAKE_RULE_TEXT, self)
        self.make_rule.setToolTip(
            "Adds a keyword rule built from this message's longest contact-type word (never "
            "a name, place or number), so similar messages get the same type. Edit rules in "
            "Settings."
        )
        self.apply_button = QPushButton("&Apply type", self)
        self.apply_button.clicked.connect(self._apply)
        self.type_combo.currentIndexChanged.connect(self._update_apply)
        self.type_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.type_combo.setMinimumContentsLength(10)
        correct = QHBoxLayout()
        correct.addWidget(QLabel("Type:", self))
        correct.addWidget(self.type_combo, 1)
        correct.addWidget(self.apply_button)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.placeholder = QLabel("Select a buyer message to see its triage.", self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.addWidget(self.headline)
        body.addWidget(self.why)
        body.addLayout(form)
        body.addLayout(correct)
        body.addWidget(self.make_rule)
        body.addWidget(self.status)
        body.addStretch(1)
        self.scroller = QScrollArea(self)  # a short window scrolls instead of clipping
        self.scroller.setWidget(self.body)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.scroller, 1)
        self._follow_status = False
        self.scroller.verticalScrollBar().rangeChanged.connect(self._scroll_to_end)
        self._current_type = AUTOMATIC
        self.show_message(None, None)

    # -- showing ---------------------------------------------------------------
    def show_message(self, row: InboxRow | None, triage: MessageTriage | None) -> None:
        """Fill the panel for a message row (or clear it for anything else)."""
        is_message = row is not None and row.kind == "message" and triage is not None
        self.placeholder.setVisible(not is_message)
        self.scroller.setVisible(is_message)
        if row is None or triage is None or not is_message:
            self._ref = ""
            self.placeholder.setText(
                "Triage applies to buyer messages."
                if row is not None
                else "Select a buyer message to see its triage."
            )
            return
        if row.ref != self._ref:
            self.status.clear()
            self._follow_status = False
            self.make_rule.setChecked(False)
        self._ref = row.ref
        p = triage.pathway
        self.headline.setText(triage.classification.label)
        self.why.setText(triage_note(triage))
        self.owner.setText(p.owner or "(nobody named)")
        self.target.setText(f"{when(triage.target_at)} ({hours_text(p.target_hours)})")
        self.amazon.setText(f"{when(row.due_at)} (24 h)")
        resolution = RESOLUTION_LABELS.get(p.resolution, p.resolution)
        self.resolution.setText(f"{resolution}, {money(p.dollar_limit)}")
        self.notes.setText(p.notes or "\u2014")
        self._current_type = triage.classification.contact_type if triage.overridden else ""
        index = self.type_combo.findData(
            triage.classification.contact_type if triage.overridden else AUTOMATIC
        )
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(max(0, index))
        self.type_combo.blockSignals(False)
        self._update_apply()

    def set_countdown(self, text: str) -> None:
        self.countdown.setText(text)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        if text:  # the line sits at the bottom: scroll there once the layout has grown
            self._follow_status = True
            QTimer.singleShot(0, self._scroll_to_end)

    def _scroll_to_end(self, *_range: int) -> None:
        if self._follow_status:
            bar = self.scroller.verticalScrollBar()
            bar.setValue(bar.maximum())

    @property
    def ref(self) -> str:
        return self._ref

    # -- correcting ------------------------------------------------------------
    def choose_type(self, contact_type: str) -> None:
        """Pick a type in the combo as the seller would (tests and the context menu)."""
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(contact_type)))

    def _update_apply(self) -> None:
        chosen = self.type_combo.currentData()
        self.apply_button.setEnabled(bool(self._ref) and chosen != self._current_type)
        self.make_rule.setEnabled(chosen != AUTOMATIC)

    def _apply(self) -> None:
        if not self._ref:
            return
        chosen = str(self.type_combo.currentData())
        make_rule = self.make_rule.isChecked() and chosen != AUTOMATIC
        self.make_rule.setChecked(False)  # one rule per tick, never a second by accident
        self.correction_requested.emit(self._ref, chosen, make_rule)


class ChangeTypeDialog(QDialog):
    """The context menu's "Change type..." : a type and the make-a-rule tick box."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change the message type")
        self.type_combo = QComboBox(self)
        fill_type_combo(self.type_combo)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(current)))
        self.make_rule = QCheckBox(MAKE_RULE_TEXT, self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("This message is really a:", self))
        layout.addWidget(self.type_combo)
        layout.addWidget(self.make_rule)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, bool]:
        chosen = str(self.type_combo.currentData())
        return chosen, self.make_rule.isChecked() and chosen != AUTOMATIC
