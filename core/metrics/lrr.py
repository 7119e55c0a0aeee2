"""Late Response Rate: buyer messages answered (or not) within the response time.

The rules work on contacts, (received, first response) pairs: storage finds the
first response in SQL, tests derive it here from plain messages.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from itertools import accumulate
from operator import itemgetter

from core.metrics.common import below_target_rate
from core.metrics.inputs import Contact
from core.metrics.result import LrrResult, LrrWindow, RateResult
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


def contacts_from_messages(messages: Iterable[Message], as_of: datetime) -> list[Contact]:
    """Every message that needs a response received before as_of, with its response time."""
    listed = list(messages)
    replies = reply_index(listed, as_of)
    return [
        (m.timestamp, response_at(m, replies, as_of))
        for m in listed
        if needs_response(m) and m.timestamp < as_of
    ]


def contact_state(
    received: datetime, answered: datetime | None, as_of: datetime, limit: timedelta
) -> tuple[bool, bool]:
    """(late, pending) of one contact at as_of.

    Late: answered more than `limit` after receipt, or unanswered with `limit` passed.
    Pending: unanswered and `limit` not yet passed (on neither side of the rate). A
    response sent after as_of does not exist yet at as_of (contacts loaded for a later day).
    """
    if answered is None or answered > as_of:
        waited = as_of - received > limit
        return waited, not waited
    return answered - received > limit, False


class _Timeline:
    """Contacts sorted by receipt with running late/pending counts: each window is a bisect."""

    def __init__(self, contacts: Iterable[Contact], as_of: datetime, limit: timedelta) -> None:
        ordered = sorted(contacts, key=itemgetter(0))
        ordered = ordered[: bisect_left(ordered, as_of, key=itemgetter(0))]
        self.received = [received for received, _ in ordered]
        states = [contact_state(r, a, as_of, limit) for r, a in ordered]
        late = [is_late for is_late, _ in states]
        pending = [is_pending for _, is_pending in states]
        self.late = list(accumulate(late, initial=0))  # late[i]: late among the first i
        self.pending = list(accumulate(pending, initial=0))

    def window(self, as_of: datetime, days: int, settings: MetricSettings) -> LrrWindow:
        """Contacts received in [as_of - days, as_of)."""
        start = as_of - timedelta(days=days)
        first, end = bisect_left(self.received, start), len(self.received)
        late = self.late[end] - self.late[first]
        pending = self.pending[end] - self.pending[first]
        rate = lrr_rate(late, end - first, pending, (start, as_of), settings)
        return LrrWindow(rate=rate, pending=pending)


def lrr_rate(
    late: int,
    contacts: int,
    pending: int,
    window: tuple[datetime, datetime],
    settings: MetricSettings,
) -> RateResult:
    """late / (contacts - pending): pending contacts count on neither side."""
    return below_target_rate(
        late, contacts - pending, window, settings.lrr_target, settings.warn_ratio
    )


def compute_lrr(
    contacts: Iterable[Contact], as_of: datetime, settings: MetricSettings
) -> LrrResult:
    """Status over `lrr_days`, plus the 7/30/90-day views (see contacts_from_messages)."""
    timeline = _Timeline(contacts, as_of, timedelta(hours=settings.response_hours))
    by_window = {n: timeline.window(as_of, n, settings) for n in LRR_WINDOWS}
    status = by_window.get(settings.lrr_days) or timeline.window(as_of, settings.lrr_days, settings)
    return LrrResult(rate=status.rate, pending=status.pending, by_window=by_window)
