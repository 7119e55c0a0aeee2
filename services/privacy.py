"""What buyer data is held and why, and pinning a dispute so its evidence stays.

An open dispute holds its order's PII at most 90 days past its last activity
(storage/holds.py); the seller pins one that is still being fought.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.changes import Changes
from storage.db import Store
from storage.holds import FAR_FUTURE, HeldSummary, held_summary, pin_dispute, unpin_dispute

REASON_TEXTS = {
    "recent": "delivered less than 30 days ago",
    "open_dispute": "an open dispute (at most 90 days after its last activity)",
    "pinned": "a dispute you pinned",
    "closed_dispute": "a dispute that closed less than 30 days ago",
    "removal_window": "negative feedback still inside its 90-day removal window",
    "due": "due for deletion at the next daily clean-up",
}
"""Why an order's buyer details are still kept, as the Settings screen says it."""

KIND_TEXTS = {"claim": "A-to-z claim", "chargeback": "Chargeback", "feedback": "Feedback",
              "return": "Return"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class HeldDispute:
    kind: str
    ref: str
    order_id: str
    pinned: bool
    last_activity: datetime
    until: datetime | None  # None while pinned


@dataclass(frozen=True, slots=True)
class HeldData:
    orders_by_reason: dict[str, int]
    disputes: list[HeldDispute]

    def lines(self) -> list[str]:
        """One sentence per reason, biggest first."""
        ranked = sorted(self.orders_by_reason.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            f"{n:,} order{'s' if n != 1 else ''}: {REASON_TEXTS.get(reason, reason)}"
            for reason, n in ranked
        ]


def held_data(store: Store, now: datetime) -> HeldData:
    summary: HeldSummary = held_summary(store.db, now)
    disputes = [
        HeldDispute(
            h.kind,
            h.ref,
            h.order_id,
            h.reason == "pinned",
            h.last_activity,
            None if h.until == FAR_FUTURE else h.until,
        )
        for h in summary.disputes
    ]
    return HeldData(summary.orders_by_reason, disputes)


def set_pinned(
    store: Store, kind: str, ref: str, order_id: str, pinned: bool, now: datetime
) -> Changes:
    """Pin (keep the evidence past the 90-day cap) or unpin a dispute."""
    if pinned:
        pin_dispute(store.db, kind, ref, order_id, now)
    else:
        unpin_dispute(store.db, kind, ref)
    return Changes(defect_status=True)
