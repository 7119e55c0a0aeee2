"""Countdown texts and states for the inbox, computed from a due instant and "now".

Pure (no Qt): the inbox table model calls it for every visible cell on each tick,
the use case prepares sort keys with it off the GUI thread, and tests pin every
boundary without a widget.
"""

from __future__ import annotations

from typing import Literal

from core.deadlines import REIMBURSEMENT_SOON_DAYS, SHORT_KINDS
from core.settings import MetricSettings

State = Literal["overdue", "due_soon", "open"]

KIND_LABELS = {
    "message": "Buyer message",
    "return": "Return request",
    "claim_info": "A-to-z info request",
    "appeal": "Claim appeal",
    "feedback_removal": "Feedback removal",
    "reimbursement": "Reimbursement",
}


def due_soon_margin(kind: str, settings: MetricSettings) -> int:
    """Seconds before due_at at which an item turns due-soon (metrics.md, settings)."""
    if kind in SHORT_KINDS:
        return settings.due_soon_short_hours * 3600
    if kind == "reimbursement":
        return REIMBURSEMENT_SOON_DAYS * 86400
    return settings.due_soon_long_days * 86400


def state_for(seconds_left: float, margin: float) -> State:
    """overdue when the deadline has passed, due_soon within the margin, else open.

    The same rule as core.deadlines.item_state, with the margin precomputed so a
    repaint of thousands of cells does no settings lookups (a test pins both).
    """
    if seconds_left < 0:
        return "overdue"
    if seconds_left <= margin:
        return "due_soon"
    return "open"


def format_countdown(seconds_left: float) -> str:
    """ "07:12 left", "3 d 04:05 left", "overdue 3 h 10 min", "overdue 12 d 4 h".

    Whole minutes are shown, rounded toward zero, so the text changes once a
    minute and never claims more time than there is.
    """
    if seconds_left >= 0:
        minutes = int(seconds_left) // 60
        days, rest = divmod(minutes, 1440)
        hours, mins = divmod(rest, 60)
        if days:
            return f"{days} d {hours:02d}:{mins:02d} left"
        return f"{hours:02d}:{mins:02d} left"
    minutes = int(-seconds_left) // 60
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"overdue {days} d {hours} h"
    if hours:
        return f"overdue {hours} h {mins} min"
    if mins:
        return f"overdue {mins} min"
    return "overdue < 1 min"


def kind_label(kind: str) -> str:
    """The words the seller sees for a board kind."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())
