"""Review-request planner: which orders to ask for a review today (spec/review-requests.md).

Pure rules over plain inputs; storage loads them, the CLI and the screen show the plan.
"""

from core.review_requests.delivery import Delivery, delivery_of, transit_days
from core.review_requests.history import numbers_over_time
from core.review_requests.inputs import (
    ISSUE_REASONS,
    Day,
    FeedbackReceived,
    IssueReason,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
)
from core.review_requests.issues import open_issues, unanswered_messages
from core.review_requests.numbers import FeedbackShare, RequestNumbers, request_numbers
from core.review_requests.order_page import order_page_url
from core.review_requests.plan import (
    EligibleOrder,
    ExcludedOrder,
    RequestWindow,
    ReviewPlan,
    plan_review_requests,
    request_window,
)
from core.review_requests.serialize import eligible_to_json, plan_to_json

__all__ = [
    "ISSUE_REASONS",
    "Day",
    "Delivery",
    "EligibleOrder",
    "ExcludedOrder",
    "FeedbackReceived",
    "FeedbackShare",
    "IssueReason",
    "OrderIssue",
    "RequestNumbers",
    "RequestOrder",
    "RequestWindow",
    "ReviewPlan",
    "ReviewRequestSettings",
    "delivery_of",
    "eligible_to_json",
    "numbers_over_time",
    "open_issues",
    "order_page_url",
    "plan_review_requests",
    "plan_to_json",
    "request_numbers",
    "request_window",
    "transit_days",
    "unanswered_messages",
]
