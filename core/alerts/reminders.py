"""Deadline, stale-data and weekly-review warnings: one per clock or reminder."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.alerts.alert import Alert, Severity
from core.clock import iso, to_utc
from core.deadlines import DeadlineItem
from core.format import DisplayPrefs, count_noun, format_duration, format_instant
from core.settings import MetricSettings

_DEADLINE_SUBJECT = {
    "message": "Buyer message on order {order}",
    "return": "Return request on order {order}",
    "claim_info": "Information for the A-to-z claim on order {order}",
    "appeal": "Appeal of the claim on order {order}",
    "feedback_removal": "Removal request for the negative feedback on order {order}",
}
_DEADLINE_SCREEN = {
    "message": "inbox",
    "return": "inbox",
    "claim_info": "defects",
    "appeal": "defects",
    "feedback_removal": "inbox",
    "reimbursement": "reimbursements",
}


def deadline_alert(item: DeadlineItem, prefs: DisplayPrefs) -> Alert | None:
    """Overdue is critical, due soon a warning, an open clock says nothing."""
    if item.state == "open":
        return None
    if item.kind == "reimbursement":
        return _claim_alert(item, prefs)
    subject = _DEADLINE_SUBJECT[item.kind].format(order=item.order_id or item.ref)
    if item.state == "overdue":
        title = f"{subject} is overdue by {format_duration(item.seconds_left)}"
        severity: Severity = "critical"
    else:
        title = f"{subject} is due in {format_duration(item.seconds_left)}"
        severity = "warning"
    detail = f"Amazon's deadline: {format_instant(item.due_at, prefs)}."
    if item.target_at is not None and item.target_at < item.due_at:
        detail += f" Your target: {format_instant(item.target_at, prefs)}."
    return Alert(
        f"deadline.{item.kind}.{item.ref}",
        severity,
        title,
        detail,
        item.state,
        screen=_DEADLINE_SCREEN[item.kind],
        ref=item.ref,
    )


def stale_alert(
    now: datetime, last_import: datetime | None, settings: MetricSettings, prefs: DisplayPrefs
) -> Alert | None:
    """Info when no orders report came in for `stale_days`: ODR misses the newest orders."""
    if last_import is None:
        return Alert(
            "data.stale",
            "info",
            "No orders report imported yet",
            "Import an All Orders report from Seller Central so ODR has orders to count.",
            "never",
            screen="imports",
        )
    last = to_utc(last_import)
    if now - last < timedelta(days=settings.stale_days):
        return None
    days = (now - last).days
    return Alert(
        "data.stale",
        "info",
        f"No orders report imported for {count_noun(days, 'day')}",
        f"The last one was imported on {format_instant(last, prefs)}. Download a fresh "
        "All Orders report so ODR counts your recent orders.",
        iso(last),
        screen="imports",
    )


def weekly_review_alert(now: datetime) -> Alert:
    """The Monday reminder; its state is the ISO week, so it shows once a week."""
    year, week, _ = to_utc(now).isocalendar()
    return Alert(
        "review.weekly",
        "info",
        "Your weekly ODR review is due",
        "Look through new defects, the ages-out dates and the 14-day forecast.",
        f"{year}-W{week:02d}",
        screen="defects",
        ref="new_since_review",
    )


def _claim_alert(item: DeadlineItem, prefs: DisplayPrefs) -> Alert:
    """A reimbursement claim entering its last days (a case turning closing_soon): once per
    case, like every clock; expired cases are off the board, so it is never critical."""
    from core.reimbursements import case_subject

    return Alert(
        f"deadline.{item.kind}.{item.ref}",
        "warning",
        f"The reimbursement claim for {case_subject(item.ref)} closes in "
        f"{format_duration(item.seconds_left)}",
        f"File it in Seller Central before {format_instant(item.due_at, prefs)}; the claim "
        "text is ready on the Reimbursements screen.",
        item.state,
        screen=_DEADLINE_SCREEN[item.kind],
        ref=item.ref,
    )
