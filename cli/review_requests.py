"""CLI for the review-request planner: today's list, and logging requests made in Seller Central.

It never sends anything; the seller presses Request a Review on each order page.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from cli.errors import CommandError
from cli.output import emit_json, table
from core.clock import to_utc
from core.review_requests import ReviewPlan, order_page_url, plan_to_json

if TYPE_CHECKING:
    from storage.db import Store

NONE_ELIGIBLE = "no order is in its review window today (5 to 30 days after delivery)."
HOW_TO = (
    "Press Request a Review on each order page in Seller Central, then log them with "
    "`review-requests mark ORDER_ID...`."
)


def review_requests(args: argparse.Namespace, store: Store, now: datetime) -> int:
    """Today's plan: the orders to request, then those held back by an open issue."""
    from services.review_requests import review_plan

    plan = review_plan(store, now)
    if args.json:
        emit_json(plan_to_json(plan))
        return 0
    print_plan(plan)
    return 0


def print_plan(plan: ReviewPlan) -> None:
    day = plan.now.date().isoformat()
    if not plan.eligible:
        print(f"Review requests for {day} (UTC): {NONE_ELIGIBLE}")
    else:
        n = len(plan.eligible)
        print(f"Review requests for {day} (UTC): {n} order{'s' if n != 1 else ''} to request.")
        print(HOW_TO + "\n")
        table(
            [
                "order",
                "marketplace",
                "channel",
                "delivered",
                "opens",
                "last day",
                "days left",
                "page",
            ],
            [
                [
                    e.order_id,
                    e.marketplace,
                    "FBA" if e.channel == "afn" else "FBM",
                    e.delivery_date.isoformat() + (" (est.)" if e.estimated else ""),
                    e.opens.isoformat(),
                    (e.closes - timedelta(days=1)).isoformat(),
                    str(e.days_left),
                    order_page_url(e.order_id, e.marketplace),
                ]
                for e in plan.eligible
            ],
        )
    if plan.excluded:
        print("\nIn their window but not to be asked now (an open issue):")
        table(["order", "reason"], [[x.order_id, x.reason] for x in plan.excluded])


def mark(args: argparse.Namespace, store: Store, at: datetime) -> int:
    """Log requests; exit 1 with a sentence (nothing logged) if one is unknown or done."""
    from services.review_requests import MarkRefused, mark_requested

    try:
        mark_requested(store, args.order_ids, at)
    except MarkRefused as exc:
        raise CommandError(str(exc)) from None
    n = len({o.strip() for o in args.order_ids if o.strip()})
    when = to_utc(at)
    print(f"Marked {n} order{'s' if n != 1 else ''} as requested at {when:%Y-%m-%d %H:%M} UTC.")
    return 0
