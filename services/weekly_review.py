"""The weekly review as a document: what the seller looks at every Monday, in one go.

Dashboard figures and their trends, the defects new since the last review, and the
deadlines of the coming week; the window writes it as a PDF (gui.review_pdf).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from core.deadlines import DeadlineItem
from core.defects import DefectRow
from core.health import Health
from services.dashboard import Trend, dashboard_page
from services.defects import defects_page
from services.health import current_health
from storage.db import Store

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class WeeklyReview:
    health: Health
    trends: dict[str, Trend]  # by metric key, oldest point first
    last_review: datetime | None
    new_defects: list[DefectRow]  # imported since the last review (all when never)
    coming: list[DeadlineItem]  # due within the next 7 days, soonest first


def weekly_review(store: Store, now: datetime) -> WeeklyReview:
    health = current_health(store, now)
    page = defects_page(store, now)
    since = page.last_review
    new = [r for r in page.rows if since is None or (r.seen_at or r.at) > since]
    coming = [i for i in health.board if now <= i.due_at <= now + WEEK]
    return WeeklyReview(
        health,
        dashboard_page(store, now).trends,
        since,
        sorted(new, key=lambda r: r.at, reverse=True),
        coming,
    )
