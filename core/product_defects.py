"""Which products cause the defects: ODR defects and returns grouped by SKU or ASIN.

Cohort view: the orders placed in [start, end) that contain a product, and what happened to
those orders (negative feedback, A-to-z claims, chargebacks, FBM and FBA returns), so the
rate has an honest denominator. Defects follow the ODR counting rules of spec/metrics.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from core.metrics.odr import claim_defect_kind, feedback_defect
from core.model import (
    Claim,
    FbaReturn,
    Feedback,
    Order,
    OrderLine,
    ReturnRequest,
)

GroupBy = Literal["sku", "asin"]
ItemLike = Sequence[str] | Mapping[str, Any] | OrderLine
"""An order item: (order_id, sku, asin[, product_name]), a dict with those keys, or an OrderLine."""


@dataclass(frozen=True, slots=True)
class _Item:
    order_id: str
    sku: str
    asin: str
    product_name: str = ""


@dataclass(frozen=True, slots=True)
class ProductDefects:
    """One product's orders in the period and the defects and returns among them."""

    key: str  # the SKU or ASIN grouped by
    skus: tuple[str, ...]
    asins: tuple[str, ...]
    product_name: str
    orders: int
    defective_orders: int
    negative_feedback: int
    a_to_z_claims: int
    chargebacks: int
    fbm_returns: int
    fba_returns: int
    return_reasons: dict[str, int] = field(default_factory=dict)
    claim_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def defect_rate(self) -> float | None:
        """Defective orders / orders * 100 (a percentage, like ODR)."""
        return self.defective_orders / self.orders * 100 if self.orders else None

    @property
    def return_rate(self) -> float | None:
        """Returns (FBM + FBA) per 100 orders."""
        return (self.fbm_returns + self.fba_returns) / self.orders * 100 if self.orders else None


def _item(raw: ItemLike) -> _Item:
    if isinstance(raw, OrderLine):
        return _Item(raw.order_id, raw.sku, raw.asin, raw.product_name)
    if isinstance(raw, Mapping):
        return _Item(
            str(raw["order_id"]),
            str(raw.get("sku", "")),
            str(raw.get("asin", "")),
            str(raw.get("product_name", "")),
        )
    fields = list(raw) + ["", "", "", ""]
    return _Item(fields[0], fields[1], fields[2], fields[3])


def defects_by_product(
    *,
    start: datetime,
    end: datetime,
    orders: Iterable[Order],
    items: Iterable[ItemLike],
    feedback: Iterable[Feedback] = (),
    claims: Iterable[Claim] = (),
    returns_fbm: Iterable[ReturnRequest] = (),
    returns_fba: Iterable[FbaReturn] = (),
    group_by: GroupBy = "sku",
) -> list[ProductDefects]:
    """Products of the non-cancelled orders placed in [start, end), worst defect rate first.

    A defect of a multi-product order counts for each product in it (the feedback or claim
    does not say which product); a return counts for the product it names.
    """
    cohort = {o.order_id: o for o in orders if start <= o.purchase_date < end and not o.cancelled}
    by_order: dict[str, list[_Item]] = defaultdict(list)
    for it in map(_item, items):
        if it.order_id in cohort:
            by_order[it.order_id].append(it)

    def key_of(it: _Item) -> str:
        return it.sku if group_by == "sku" else it.asin

    keys_of_order = {oid: {key_of(it) for it in its} for oid, its in by_order.items()}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    orders_of: dict[str, set[str]] = defaultdict(set)
    defective: dict[str, set[str]] = defaultdict(set)
    return_reasons: dict[str, Counter[str]] = defaultdict(Counter)
    claim_reasons: dict[str, Counter[str]] = defaultdict(Counter)
    for oid, keys in keys_of_order.items():
        for k in keys:
            orders_of[k].add(oid)

    def order_defect(oid: str, what: str) -> None:
        for k in keys_of_order.get(oid, ()):
            counts[k][what] += 1
            defective[k].add(oid)

    for fb in feedback:
        if feedback_defect(fb) and fb.order_id in keys_of_order:
            order_defect(fb.order_id, "negative_feedback")
    for claim in claims:
        order = cohort.get(claim.order_id)
        if order is None or claim.order_id not in keys_of_order:
            continue
        kind = claim_defect_kind(claim, order)
        if kind is not None:
            order_defect(claim.order_id, kind)
            for k in keys_of_order[claim.order_id]:
                claim_reasons[k][claim.reason or "unspecified"] += 1

    def returned(oid: str, sku: str, asin: str, reason: str, what: str) -> None:
        named = sku if group_by == "sku" else asin
        keys = keys_of_order.get(oid, set())
        for k in [named] if named in keys else sorted(keys):
            counts[k][what] += 1
            return_reasons[k][reason or "unspecified"] += 1

    for r in returns_fbm:
        returned(r.order_id, r.sku, r.asin, r.reason, "fbm_returns")
    for fr in returns_fba:
        returned(fr.order_id, fr.sku, fr.asin, fr.reason, "fba_returns")

    results = []
    for k, oids in orders_of.items():
        its = [it for oid in oids for it in by_order[oid] if key_of(it) == k]
        c = counts[k]
        results.append(
            ProductDefects(
                key=k,
                skus=tuple(sorted({it.sku for it in its})),
                asins=tuple(sorted({it.asin for it in its})),
                product_name=next((it.product_name for it in its if it.product_name), ""),
                orders=len(oids),
                defective_orders=len(defective[k]),
                negative_feedback=c["negative_feedback"],
                a_to_z_claims=c["a_to_z_claims"],
                chargebacks=c["chargebacks"],
                fbm_returns=c["fbm_returns"],
                fba_returns=c["fba_returns"],
                return_reasons=dict(return_reasons[k].most_common()),
                claim_reasons=dict(claim_reasons[k].most_common()),
            )
        )
    results.sort(key=lambda p: (-(p.defect_rate or 0.0), -(p.return_rate or 0.0), -p.orders, p.key))
    return results


def product_defects_to_json(p: ProductDefects) -> dict[str, Any]:
    return {
        "key": p.key,
        "skus": list(p.skus),
        "asins": list(p.asins),
        "product_name": p.product_name,
        "orders": p.orders,
        "defective_orders": p.defective_orders,
        "defect_rate": p.defect_rate,
        "negative_feedback": p.negative_feedback,
        "a_to_z_claims": p.a_to_z_claims,
        "chargebacks": p.chargebacks,
        "fbm_returns": p.fbm_returns,
        "fba_returns": p.fba_returns,
        "return_rate": p.return_rate,
        "return_reasons": p.return_reasons,
        "claim_reasons": p.claim_reasons,
    }
