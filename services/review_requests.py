"""Review requests: today's plan, marking orders requested, the numbers over time, the reminder.

Nothing here sends anything: the seller presses Amazon's Request a Review button on the
order page and marks the order here (spec/review-requests.md). The screen, the CLI and
the tray all plan through `review_plan`.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from core.alerts import Alert, review_requests_alert
from core.clock import day_start, iso, to_utc
from core.review_requests import (
    RequestNumbers,
    ReviewPlan,
    ReviewRequestSettings,
    plan_review_requests,
    request_numbers,
    request_window,
)
from services.changes import Changes
from storage.db import Store, transaction
from storage.repository.review_inputs import ReviewInputs, load_review_inputs
from storage.repository.review_requests import (
    LoggedRequest,
    count_requests,
    log_requests,
    order_marketplaces,
    remove_requests,
    request_log,
    requested_at,
)
from storage.repository.settings import (
    REVIEW_REQUEST_TEXT_SETTING,
    get_setting,
    load_review_request_settings,
    set_setting,
)

HISTORY_WEEKS = 12
"""The chart: one point a week, the last one today."""
LOG_SHOWN = 1000
"""The screen lists the newest requests; the CSV export writes every one."""
LOG_HEADER = ("order_id", "requested_at", "marketplace")


class MarkRefused(ValueError):
    """An order to mark is unknown or already requested; nothing was logged."""


def review_plan(store: Store, now: datetime) -> ReviewPlan:
    """Today's eligible orders (soonest closing first) and those held back by an issue."""
    settings = load_review_request_settings(store.db)
    return _plan(load_review_inputs(store.db, now, settings), now, settings)


def _plan(inputs: ReviewInputs, now: datetime, settings: ReviewRequestSettings) -> ReviewPlan:
    return plan_review_requests(
        inputs.orders,
        requested=inputs.requested,
        issues=inputs.issues,
        feedback=inputs.feedback,
        now=now,
        settings=settings,
    )


def mark_requested(store: Store, order_ids: Iterable[str], at: datetime) -> Changes:
    """Log requests made in Seller Central at `at`: all of them, or none (MarkRefused)."""
    ids = list(dict.fromkeys(o.strip() for o in order_ids if o.strip()))
    if not ids:
        raise MarkRefused("Name at least one order to mark as requested.")
    db = store.db
    with transaction(db):
        known = order_marketplaces(db, ids)
        unknown = [o for o in ids if o not in known]
        if unknown:
            raise MarkRefused(
                f"{_orders_text(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the "
                "database; import the orders report that has "
                f"{'it' if len(unknown) == 1 else 'them'} first. Nothing was marked."
            )
        done = requested_at(db, ids)
        if done:
            first = min(done, key=lambda o: (done[o], o))
            raise MarkRefused(
                f"{_orders_text(sorted(done))} {'was' if len(done) == 1 else 'were'} already "
                f"requested (order {first} on {done[first]:%Y-%m-%d %H:%M} UTC); Amazon allows "
                "one request per order. Nothing was marked."
            )
        log_requests(db, [LoggedRequest(o, to_utc(at), known[o]) for o in ids])
    return Changes(review_requests=True)


def unmark_requested(store: Store, order_ids: Iterable[str]) -> Changes:
    """Undo a mistaken mark: the orders are plannable again."""
    remove_requests(store.db, order_ids)
    return Changes(review_requests=True)


def _orders_text(ids: Sequence[str]) -> str:
    return f"Order {ids[0]}" if len(ids) == 1 else f"Orders {', '.join(ids)}"


def review_request_reminder(store: Store, now: datetime) -> Alert | None:
    """The daily tray reminder: orders are eligible and none was marked today (UTC)."""
    today = to_utc(now).date()
    settings = load_review_request_settings(store.db)
    if not settings.daily_reminder:
        return None
    if count_requests(store.db, day_start(today), day_start(today + timedelta(days=1))):
        return None
    plan = _plan(load_review_inputs(store.db, now, settings), now, settings)
    return review_requests_alert(now, plan.eligible)


class RequestsReminder:
    """The reminder for the scheduler: planned when asked `fresh` (each recompute), after
    any write (`forget`) and once a UTC day; the minute's deadline check reuses it, as
    planning reads a month of orders. Thread-safe: jobs run in worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: tuple[date, Alert | None] | None = None

    def get(self, store: Store, now: datetime, fresh: bool = False) -> Alert | None:
        day = to_utc(now).date()
        with self._lock:
            held = self._held
        if not fresh and held is not None and held[0] == day:
            return held[1]
        alert = review_request_reminder(store, now)
        with self._lock:
            self._held = (day, alert)
        return alert

    def forget(self, _changes: object = None) -> None:
        with self._lock:
            self._held = None


@dataclass(frozen=True, slots=True)
class ReviewRequestsPage:
    """Everything the Review requests screen shows, read in one go."""

    plan: ReviewPlan
    numbers: RequestNumbers  # at now; feedback over the windows opened since `history_start`
    history: list[RequestNumbers]  # one a week, oldest first, the last one at now
    history_start: date
    log: list[LoggedRequest]  # newest first, at most LOG_SHOWN
    log_total: int
    settings: ReviewRequestSettings = field(default_factory=ReviewRequestSettings)
    request_text: str = ""
    marketplaces: dict[str, str] = field(default_factory=dict)  # of the excluded orders

    def marketplace_of(self, order_id: str) -> str:
        return self.marketplaces.get(order_id, "")


def review_requests_page(store: Store, now: datetime) -> ReviewRequestsPage:
    db = store.db
    now = to_utc(now)
    settings = load_review_request_settings(db)
    today = now.date()
    points = [today - timedelta(weeks=k) for k in range(HISTORY_WEEKS - 1, -1, -1)]
    start = points[0] - timedelta(days=settings.rate_days - 1)
    inputs = load_review_inputs(db, now, settings, first_day=start)
    history = [
        _numbers(inputs, _end_of(day, now), settings, day - timedelta(days=settings.rate_days - 1))
        for day in points
    ]
    log = request_log(db, limit=LOG_SHOWN)
    total = count_requests(db)
    plan = _plan(inputs, now, settings)
    held = {x.order_id for x in plan.excluded}
    return ReviewRequestsPage(
        plan,
        _numbers(inputs, now, settings, start),
        history,
        start,
        log,
        max(total, len(log)),
        settings,
        str(get_setting(db, REVIEW_REQUEST_TEXT_SETTING, "") or ""),
        {o.order_id: o.marketplace for o in inputs.orders if o.order_id in held},
    )


def _end_of(day: date, now: datetime) -> datetime:
    """The numbers of a past day as they stood at its end; today's as they stand now."""
    return now if day >= now.date() else day_start(day + timedelta(days=1)) - timedelta(seconds=1)


def _numbers(
    inputs: ReviewInputs, now: datetime, settings: ReviewRequestSettings, since: date
) -> RequestNumbers:
    """`request_numbers` over the orders whose window meets since..now's day only."""
    today = now.date()
    orders = [
        o
        for o in inputs.orders
        if (w := request_window(o, settings)).opens <= today and w.closes > since
    ]
    return request_numbers(
        orders,
        requested=inputs.requested,
        issues=inputs.issues,
        feedback=inputs.feedback,
        now=now,
        settings=settings,
        since=since,
    )


def save_request_text(store: Store, text: str) -> Changes:
    """Keep the seller's own request text (the screen lints it with the reply checker)."""
    set_setting(store.db, REVIEW_REQUEST_TEXT_SETTING, text)
    return Changes(review_requests=True)


def export_request_log(store: Store, path: Path) -> int:
    """Write the whole log as CSV (order_id, requested_at, marketplace); returns the rows."""
    rows = request_log(store.db)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(LOG_HEADER)
        writer.writerows([r.order_id, iso(r.requested_at), r.marketplace] for r in rows)
    return len(rows)
