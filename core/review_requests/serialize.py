"""A plan as the `review-requests --json` contract of spec/cli.md."""

from __future__ import annotations

from typing import Any

from core.clock import iso
from core.review_requests.plan import EligibleOrder, ReviewPlan


def eligible_to_json(item: EligibleOrder) -> dict[str, Any]:
    return {
        "order_id": item.order_id,
        "marketplace": item.marketplace,
        "channel": item.channel,
        "delivery_date": item.delivery_date.isoformat(),
        "estimated": item.estimated,
        "opens": item.opens.isoformat(),
        "closes": item.closes.isoformat(),
        "days_left": item.days_left,
    }


def plan_to_json(plan: ReviewPlan) -> dict[str, Any]:
    """{"now", "eligible": [...], "excluded": [{"order_id", "reason"}]}, dates YYYY-MM-DD."""
    return {
        "now": iso(plan.now),
        "eligible": [eligible_to_json(e) for e in plan.eligible],
        "excluded": [{"order_id": x.order_id, "reason": x.reason} for x in plan.excluded],
    }
