"""What a case is worth: the SKU's recent average price, else its last reimbursement per unit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from core.reimbursements.records import OrderItem, Reimbursement

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _newer(known: Reimbursement | None, r: Reimbursement) -> bool:
    return known is None or (known.approved_at, known.reimbursement_id) <= (
        r.approved_at,
        r.reimbursement_id,
    )


class PriceBook:
    """Per-unit prices per SKU, built once per run (linear in the orders and reimbursements).

    Average: sum of item-price / sum of quantity over the SKU's non-cancelled lines
    with a price, purchased from as_of - lookback to as_of inclusive, per currency.
    """

    def __init__(
        self,
        items: Iterable[OrderItem],
        reimbursements: Iterable[Reimbursement],
        as_of: datetime,
        lookback_days: int,
    ) -> None:
        since = as_of - timedelta(days=lookback_days)
        totals: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for o in items:
            if o.item_price is None or o.quantity <= 0 or o.cancelled:
                continue
            if since <= o.purchased_at <= as_of:
                total = totals[(o.sku, o.currency)]
                total[0] += o.item_price
                total[1] += o.quantity
        self._average = {k: to_cents(price / units) for k, (price, units) in totals.items()}
        most: dict[str, tuple[Decimal, str]] = {}  # ties: the first currency alphabetically
        for (sku, currency), (_, units) in sorted(totals.items()):
            if currency and units > most.get(sku, (Decimal(0), ""))[0]:
                most[sku] = (units, currency)
        self._main = {sku: currency for sku, (_, currency) in most.items()}
        self._latest: dict[tuple[str, str], Reimbursement] = {}
        self._latest_any: dict[str, Reimbursement] = {}
        for r in reimbursements:
            if r.is_reversal or r.amount_per_unit is None or r.amount_per_unit <= 0:
                continue
            if _newer(self._latest.get((r.sku, r.currency)), r):
                self._latest[(r.sku, r.currency)] = r
            if _newer(self._latest_any.get(r.sku), r):
                self._latest_any[r.sku] = r

    def currency(self, sku: str, known: str | None) -> str | None:
        """The case's own currency, else the SKU's main one (most units), else its last
        reimbursement's."""
        if known:
            return known
        if sku in self._main:
            return self._main[sku]
        latest = self._latest_any.get(sku)
        return latest.currency or None if latest else None

    def unit_price(self, sku: str, currency: str | None) -> Decimal | None:
        """In the case's currency only; rows without a currency match a case without one."""
        if not sku:
            return None
        average = self._average.get((sku, currency or ""))
        if average is not None:
            return average
        latest = self._latest.get((sku, currency or ""))
        return to_cents(latest.amount_per_unit) if latest and latest.amount_per_unit else None

    def estimate(self, sku: str, currency: str | None, quantity: int) -> Decimal | None:
        price = self.unit_price(sku, currency)
        return None if price is None else price * quantity
