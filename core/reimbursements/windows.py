"""Claim windows (inclusive at both ends) and the state of a case on one day."""

from __future__ import annotations

from datetime import date, timedelta

from core.reimbursements.case import CaseState
from core.reimbursements.settings import ReimbursementSettings

Window = tuple[date, date]


def refund_window(event: date, s: ReimbursementSettings) -> Window:
    """Kinds 1-2: Amazon may still receive the return or charge the buyer before it opens."""
    return (
        event + timedelta(days=s.refund_claim_opens_days),
        event + timedelta(days=s.refund_claim_closes_days),
    )


def warehouse_window(event: date, reason: str, s: ReimbursementSettings) -> Window:
    """Kind 3: a lost unit (M) may still be found, so its window opens later than a damaged one."""
    opens = s.lost_claim_opens_days if reason == "M" else s.damaged_claim_opens_days
    return event + timedelta(days=opens), event + timedelta(days=s.warehouse_claim_closes_days)


def removal_window(request: date, s: ReimbursementSettings) -> Window:
    return (
        request + timedelta(days=s.removal_claim_opens_days),
        request + timedelta(days=s.removal_claim_closes_days),
    )


def window_state(
    today: date, opens: date | None, closes: date | None, s: ReimbursementSettings
) -> CaseState:
    """waiting before the window, expired after it, closing_soon in its last days."""
    if opens is None or closes is None:
        return "claimable"
    if today < opens:
        return "waiting"
    if today > closes:
        return "expired"
    if (closes - today).days <= s.closing_soon_days:
        return "closing_soon"
    return "claimable"
