"""The claim windows of spec/reimbursements.md, each a setting with the spec's default."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class ReimbursementSettings:
    """Amazon has changed these windows several times; the defaults are the US policy of late 2024.

    Names are unique across the app's settings table (stored as key/value beside
    MetricSettings).
    """

    refund_claim_opens_days: int = 60  # kinds 1-2: refund (or return) date + N
    refund_claim_closes_days: int = 120
    found_balance_days: int = 30  # kind 3: a found event balances a loss up to N days later
    lost_claim_opens_days: int = 30  # kind 3, lost (M): event + N
    damaged_claim_opens_days: int = 0  # kind 3, damaged in the warehouse (E): event + N
    warehouse_claim_closes_days: int = 60
    removal_claim_opens_days: int = 15  # kind 4: request date + N
    removal_claim_closes_days: int = 75
    closing_soon_days: int = 7
    value_lookback_days: int = 90  # estimated value: average price over the last N days

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> ReimbursementSettings:
        """Unknown keys and non-integers are ignored so a bad stored value never breaks loading."""
        known = {f.name for f in fields(cls)}
        good = {
            k: v
            for k, v in values.items()
            if k in known and isinstance(v, int) and not isinstance(v, bool) and v >= 0
        }
        return replace(cls(), **good)
