"""Feedback rows, keyed by order id; the app's removal state survives re-imports."""

from __future__ import annotations

from typing import Any

from core.model import Feedback
from storage.imports.context import day
from storage.imports.keyed import KeyedRow, KeyedWriter, Shape

FEEDBACK = Shape(
    table="feedback",
    keys=("order_id",),
    plain=("feedback_date", "rating", "marketplace", "struck_through", "from_full_report"),
    encrypted=("rater_email_enc", "comments_enc", "response_enc"),
)  # fmt: skip


class FeedbackWriter(KeyedWriter):
    """Keeps the app's removed / removal_requested_at untouched; comments are PII."""

    shape = FEEDBACK

    def row(self, record: Any) -> KeyedRow:
        f: Feedback = record
        plain = (
            day(f.feedback_date),
            f.rating,
            f.marketplace,
            int(f.struck_through),
            int(f.from_full_report),
        )
        return (f.order_id,), plain, (f.rater_email, f.comments, f.response), ()
