"""Settings: the reimbursement claim windows (core.reimbursements.ReimbursementSettings).

Amazon has changed these several times; the defaults are its US policy of late 2024
(spec/reimbursements.md). Every window is in whole days.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QSpinBox, QWidget

from core.reimbursements import ReimbursementSettings
from gui.views.settings_thresholds import make_form

WINDOWS: dict[str, str] = {
    "refund_claim_opens_days": "Refunded, not returned: claim opens after",
    "refund_claim_closes_days": "Refunded, not returned: claim closes after",
    "found_balance_days": "A found unit cancels a loss up to",
    "lost_claim_opens_days": "Lost in the warehouse: claim opens after",
    "damaged_claim_opens_days": "Damaged in the warehouse: claim opens after",
    "warehouse_claim_closes_days": "Lost or damaged: claim closes after",
    "removal_claim_opens_days": "Removal order short: claim opens after",
    "removal_claim_closes_days": "Removal order short: claim closes after",
    "closing_soon_days": "Warn when a claim closes within",
    "value_lookback_days": "Value a unit at your average price of the last",
}
PAIRS = (
    ("refund_claim_opens_days", "refund_claim_closes_days", "refunded, not returned"),
    ("lost_claim_opens_days", "warehouse_claim_closes_days", "lost in the warehouse"),
    ("damaged_claim_opens_days", "warehouse_claim_closes_days", "damaged in the warehouse"),
    ("removal_claim_opens_days", "removal_claim_closes_days", "removal orders"),
)
"""(opens, closes, what): a window must close after it opens."""
TIP = (
    "Counted from the refund (or return) date, the inventory adjustment or the removal "
    "request. Amazon changes these now and then; the defaults are its US policy of late 2024."
)


class ReimbursementsBox(QGroupBox):
    """One spin box per window; `spins` maps ReimbursementSettings field names to them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Reimbursement claims", parent)
        self.setToolTip(TIP)
        form = make_form(self)
        self.spins: dict[str, QSpinBox] = {}
        for name, text in WINDOWS.items():
            spin = QSpinBox(self)
            spin.setRange(1 if name == "value_lookback_days" else 0, 730)
            spin.setSuffix(" days")
            spin.setMinimumWidth(120)
            spin.setObjectName(name)
            self.spins[name] = spin
            form.addRow(text, spin)

    def load(self, s: ReimbursementSettings) -> None:
        for name, spin in self.spins.items():
            spin.setValue(getattr(s, name))

    def settings(self) -> ReimbursementSettings:
        values: dict[str, object] = {n: s.value() for n, s in self.spins.items()}
        return ReimbursementSettings.from_dict(values)

    def validate(self) -> str:
        """A sentence for the first window that closes before it opens, else ""."""
        s = self.settings()
        for opens, closes, what in PAIRS:
            if getattr(s, opens) >= getattr(s, closes):
                return f"The claim window for {what} must close after it opens."
        return ""
