"""Late Response Rate: buyer messages answered (or not) within the response time."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from core.metrics.common import below_target_rate
from core.metrics.result import LrrResult, LrrWindow
from core.model import Message
from core.settings import MetricSettings

LRR_WINDOWS = (7, 30, 90)

Replies = Mapping[str, list[datetime]]


def reply_index(messages: Iterable[Message], as_of: datetime) -> dict[str, list[datetime]]:
    """Sorted times of real (outbound, not automated) replies per thread, up to as_of."""
    replies: dict[str, list[datetime]] = {}
    for m in messages:
        if m.direction == "out" and not m.automated and m.timestamp <= as_of:
            replies.setdefault(m.thread_id, []).append(m.timestamp)
    for times in replies.values():
        times.sort()
    return replies


def needs_response(message: Message) -> bool:
    return message.direction == "in" and not message.no_response_needed


def response_at(message: Message, replies: Replies, as_of: datetime) -> datetime | None:
    """The first reply in the thread at/after the message, or 'mark responded', by as_of."""
    received = message.timestamp  # aware datetimes compare correctly across zones
    found: datetime | None = None
    times = replies.get(message.thread_id)
    if times:
        i = bisect_left(times, received)
        if i < len(times):
            found = times[i]
    marked = message.responded_at
    if marked is not None and marked <= as_of and (found is None or marked < found):
        found = marked
    return found


def _window(
    contacts: list[tuple[datetime, datetime | None]],
    as_of: datetime,
    days: int,
    settings: MetricSettings,
) -> LrrWindow:
    start = as_of - timedelta(days=days)
    limit = timedelta(hours=settings.response_hours)
    late = pending = total = 0
    for received, answered in contacts:
        if not start <= received < as_of:
            continue
        total += 1
        if answered is not None:
            late += answered - received > limit
        elif as_of - received > limit:
            late += 1
        else:
            pending += 1
    rate = below_target_rate(
        late, total - pending, (start, as_of), settings.lrr_target, settings.warn_ratio
    )
    return LrrWindow(rate=rate, pending=pending)


def compute_lrr(
    messages: Iterable[Message], as_of: datetime, settings: MetricSettings
) -> LrrResult:
    """Status over `lrr_days`, plus the 7/30/90-day views."""
    listed = list(messages)
    replies = reply_index(listed, as_of)
    contacts = [
        (m.timestamp, response_at(m, replies, as_of))
        for m in listed
        if m.direction == "in" and not m.no_response_needed and m.timestamp < as_of
    ]
    by_window = {n: _window(contacts, as_of, n, settings) for n in LRR_WINDOWS}
    status = by_window.get(settings.lrr_days) or _window(
        contacts, as_of, settings.lrr_days, settings
    )
    return LrrResult(rate=status.rate, pending=status.pending, by_window=by_window)
