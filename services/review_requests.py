"""Review requests: today's plan, marking orders requested, the numbers over time, the reminder.

Nothing here sends anything: the seller presses Amazon's Request a Review button on the
order page and marks the order here (spec/review-requests.md). The screen, the CLI and
the tray all plan through `review_plan`.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from core.alerts import Alert, review_requests_alert
from core.clock import day_start, iso, to_utc
from core.release import release
from core.review_requests import (
    RequestNumbers,
    RequestOrder,
    RequestWindow,
    ReviewPlan,
    ReviewRequestSettings,
    numbers_over_time,
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
from storage.repository.views import order_skus

HISTORY_WEEKS = 12
"""The chart: one point a week, the last one today, each about its own 7 days."""
WEEK = 7
LOG_SHOWN = 1000
"""The screen lists the newest requests; the CSV export writes every one."""
LOG_HEADER = ("order_id", "requested_at", "marketplace")


class MarkRefused(ValueError):
    """An order to mark is unknown or already requested; nothing was logged."""


def review_plan(store: Store, now: datetime) -> ReviewPlan:
    """Today's eligible orders (soonest closing first) and those held back by an issue."""
    settings = load_review_request_settings(store.db)
    return _plan(load_review_inputs(store.db, now, settings), now, settings)


def _plan(
    inputs: ReviewInputs,
    now: datetime,
    settings: ReviewRequestSettings,
    windows: dict[str, RequestWindow] | None = None,
) -> ReviewPlan:
    """The plan; with `windows`, only the orders in their window today are planned over."""
    today = to_utc(now).date()
    orders = inputs.orders
    if windows is not None:
        orders = [o for o in orders if windows[o.order_id].contains(today)]
    return plan_review_requests(
        orders,
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
    inputs = load_review_inputs(store.db, now, settings)
    plan = _plan(inputs, now, settings)
    release(inputs.orders)
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
    history: list[RequestNumbers]  # each week's own numbers, oldest first, the last one at now
    history_start: date  # the first day of the oldest week
    log: list[LoggedRequest]  # newest first, at most LOG_SHOWN
    log_total: int
    settings: ReviewRequestSettings = field(default_factory=ReviewRequestSettings)
    request_text: str = ""
    marketplaces: dict[str, str] = field(default_factory=dict)  # of the excluded orders
    skus: dict[str, str] = field(default_factory=dict)  # of the eligible orders, for the search

    def marketplace_of(self, order_id: str) -> str:
        return self.marketplaces.get(order_id, "")


def review_requests_page(store: Store, now: datetime) -> ReviewRequestsPage:
    db = store.db
    now = to_utc(now)
    settings = load_review_request_settings(db)
    today = now.date()
    points = [today - timedelta(weeks=k) for k in range(HISTORY_WEEKS - 1, -1, -1)]
    start = points[0] - timedelta(days=WEEK - 1)
    first = min(start, today - timedelta(days=settings.rate_days - 1))
    inputs = load_review_inputs(db, now, settings, first_day=first)
    windows = request_windows(inputs.orders, settings)
    history = numbers_over_time(
        inputs.orders,
        requested=inputs.requested,
        issues=inputs.issues,
        feedback=inputs.feedback,
        instants=[_end_of(day, now) for day in points],
        settings=replace(settings, rate_days=WEEK),
        windows=windows,
    )
    log = request_log(db, limit=LOG_SHOWN)
    total = count_requests(db)
    plan = _plan(inputs, now, settings, windows)
    held = {x.order_id for x in plan.excluded}
    page = ReviewRequestsPage(
        plan,
        request_numbers(
            inputs.orders,
            requested=inputs.requested,
            issues=inputs.issues,
            feedback=inputs.feedback,
            now=now,
            settings=settings,
            since=start,
            windows=windows,
        ),
        history,
        start,
        log,
        max(total, len(log)),
        settings,
        str(get_setting(db, REVIEW_REQUEST_TEXT_SETTING, "") or ""),
        {o.order_id: o.marketplace for o in inputs.orders if o.order_id in held},
        order_skus(db, [e.order_id for e in plan.eligible]),
    )
    windows.clear()
    release(inputs.orders)
    return page


def request_windows(
    orders: Iterable[RequestOrder], settings: ReviewRequestSettings
) -> dict[str, RequestWindow]:
    """Each order's window, computed once per distinct set of dates and service level
    (a day's orders mostly share them): the chart asks about every order a dozen times."""
    memo: dict[tuple[object, ...], RequestWindow] = {}
    out: dict[str, RequestWindow] = {}
    for o in orders:
        key = (
            to_utc(o.purchase_date).date(),
            o.ship_service_level,
            o.estimated_arrivals,
            o.delivery_end,
            o.promise_date,
        )
        window = memo.get(key)
        if window is None:
            window = memo[key] = request_window(o, settings)
        out[o.order_id] = window
    return out


def _end_of(day: date, now: datetime) -> datetime:
    """The numbers of a past day as they stood at its end; today's as they stand now."""
    return now if day >= now.date() else day_start(day + timedelta(days=1)) - timedelta(seconds=1)


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
