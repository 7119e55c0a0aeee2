"""Manual entry of an A-to-z claim or a chargeback (Amazon offers no export).

The fields are those of the claims.csv template; each one is checked as the
seller saves, with the problem written under the field, and storage gets the
last word (duplicate claim ids, unknown values) via add_manual_claim.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.model import CLAIM_KINDS, CLAIM_REASONS, CLAIM_STATUSES, Claim
from core.typed_dates import EXAMPLES, parse_typed_time
from gui.bridge import Bridge
from gui.operations import Ops
from gui.widgets.date_line import DateLine
from services.claims import add_claim
from storage.db import Store

log = logging.getLogger(__name__)

ORDER_ID = re.compile(r"^\d{3}-\d{7}-\d{7}$")
KIND_LABELS = {"a-to-z": "A-to-z Guarantee claim", "chargeback": "Chargeback"}
TIME_HINT = "2026-11-20 14:00, 11/20/2026 or 20.11.2026 (UTC)"
Values = Mapping[str, str | bool | None]


def _label(code: str) -> str:
    return code.replace("_", " ").capitalize()


def _parse_time(text: str, name: str, errors: dict[str, str], field: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        return parse_typed_time(text)
    except ValueError:
        errors[field] = f"{name} must be a date (and time) like {EXAMPLES} (UTC)."
        return None


def validate_claim(values: Values, now: datetime) -> tuple[Claim | None, dict[str, str]]:
    """Turn the form's values into a Claim, or say per field what is wrong."""
    errors: dict[str, str] = {}
    claim_id = str(values.get("claim_id", "")).strip()
    order_id = str(values.get("order_id", "")).strip()
    if not claim_id:
        errors["claim_id"] = "Enter the claim ID from Seller Central."
    if not order_id:
        errors["order_id"] = "Enter the order ID the claim is about."
    elif not ORDER_ID.match(order_id):
        errors["order_id"] = "An Amazon order ID looks like 111-2345678-1234567."
    filed = _parse_time(str(values.get("filed_at", "")), "The filing time", errors, "filed_at")
    if filed is None and "filed_at" not in errors:
        errors["filed_at"] = "Enter when the claim was filed."
    elif filed is not None and filed > now:
        errors["filed_at"] = "The filing time is in the future."
    amount: Decimal | None = None
    amount_text = str(values.get("amount", "")).strip()
    if amount_text:
        try:
            amount = Decimal(amount_text.replace(",", "."))
        except InvalidOperation:
            errors["amount"] = "The amount must be a number like 24.99."
        else:
            if not amount.is_finite() or amount < 0:
                errors["amount"] = "The amount must be zero or more."
    currency = str(values.get("currency", "")).strip().upper()
    if currency and not re.fullmatch(r"[A-Z]{3}", currency):
        errors["currency"] = "The currency is a three-letter code like USD or EUR."
    status = str(values.get("status", ""))
    info = _parse_time(
        str(values.get("info_requested_at", "")), "The request time", errors, "info_requested_at"
    )
    if status == "info_requested" and info is None and "info_requested_at" not in errors:
        errors["info_requested_at"] = "Enter when Amazon asked for information."
    decided = _parse_time(
        str(values.get("decided_at", "")), "The decision time", errors, "decided_at"
    )
    for field, when in (("info_requested_at", info), ("decided_at", decided)):
        if when is not None and filed is not None and when < filed:
            errors[field] = "This cannot be before the claim was filed."
        elif when is not None and when > now:
            errors[field] = "This time is in the future."
    if errors or filed is None:
        return None, errors
    return (
        Claim(
            claim_id=claim_id,
            order_id=order_id,
            kind=str(values.get("kind", "a-to-z")),
            filed_at=filed,
            reason=str(values.get("reason", "other")),
            status=status or "open",
            amount=amount,
            currency=currency,
            info_requested_at=info,
            decided_at=decided,
            buy_shipping_protected=bool(values.get("buy_shipping_protected", False)),
            notes=str(values.get("notes", "")).strip(),
        ),
        {},
    )


class ClaimForm(QDialog):
    """The "New claim..." dialog; emits `saved(claim)` once the claim is stored."""

    saved = Signal(object)

    def __init__(
        self, store: Store, clock: Clock, parent: QWidget | None = None, *, ops: Ops | None = None
    ) -> None:
        super().__init__(parent)
        self._ops = ops or Ops(store, Bridge())
        self._clock = clock
        self.setWindowTitle("New A-to-z claim or chargeback")
        self.setMinimumWidth(520)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()

        def line(
            name: str, label: str, placeholder: str = "", text: str = "", *, day: bool = False
        ) -> QLineEdit:
            edit = DateLine(text, self) if day else QLineEdit(text, self)
            edit.setPlaceholderText(placeholder)
            self._add(form, name, label, edit)
            return edit

        def combo(
            name: str, label: str, codes: tuple[str, ...], labels: Callable[[str], str]
        ) -> QComboBox:
            box = QComboBox(self)
            for code in codes:
                box.addItem(labels(code), code)
            self._add(form, name, label, box)
            return box

        line("claim_id", "Claim &ID", "as shown in Seller Central")
        line("order_id", "&Order ID", "111-2345678-1234567")
        combo("kind", "&Kind", CLAIM_KINDS, lambda c: KIND_LABELS.get(c, c))
        now_text = clock().strftime("%Y-%m-%d %H:%M")
        line("filed_at", "&Filed at", TIME_HINT, now_text, day=True)
        line("amount", "A&mount", "24.99")
        line("currency", "&Currency", "USD", "USD")
        combo("reason", "&Reason", CLAIM_REASONS, _label)
        combo("status", "&Status", CLAIM_STATUSES, _label)
        line("info_requested_at", "&Information requested at", "if Amazon asked", day=True)
        line("decided_at", "&Decided at", "once decided", day=True)
        protected = QCheckBox("Label bought with Amazon Buy Shipping", self)
        protected.setToolTip("Buy Shipping protects the order: the claim does not count in ODR.")
        self._add(form, "buy_shipping_protected", "Buy Shipping protected", protected)
        notes = QPlainTextEdit(self)
        notes.setMaximumHeight(70)
        self._add(form, "notes", "&Notes", notes)

        self.form_error = QLabel(self)
        self.form_error.setTextFormat(Qt.TextFormat.PlainText)  # quotes what was typed
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #9f1c1c; font-weight: bold")
        self.form_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        error = QLabel(self)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setStyleSheet("color: #9f1c1c")
        error.setWordWrap(True)
        error.hide()
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label, holder)
        lbl = form.labelForField(holder)
        if isinstance(lbl, QLabel):
            lbl.setBuddy(widget)
        self.fields[name] = widget
        self.errors[name] = error

    def values(self) -> dict[str, str | bool | None]:
        out: dict[str, str | bool | None] = {}
        for name, w in self.fields.items():
            if isinstance(w, QLineEdit):
                out[name] = w.text()
            elif isinstance(w, QComboBox):
                data = w.currentData()
                out[name] = None if data is None else str(data)
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
        return out

    def error_text(self, name: str) -> str:
        """The message currently shown under a field ("" when it is fine)."""
        label = self.errors[name]
        return label.text() if label.isVisibleTo(self) else ""

    def save(self) -> None:
        """Check every field; a valid claim is stored in the background, and storage's
        refusal (a duplicate id) is shown above the buttons."""
        claim, errors = validate_claim(self.values(), self._clock())
        for name, label in self.errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
        self.form_error.hide()
        if claim is None:
            first = next(iter(errors))
            self.fields[first].setFocus()
            return
        self.buttons.setEnabled(False)
        self._ops.write(
            lambda store: add_claim(store, claim),
            parent=self,
            success=lambda _changes: self._saved(claim),
            failure=self._refused,
        )

    def _saved(self, claim: Claim) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(claim)
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.form_error.setText(str(exc))
        self.form_error.show()
