"""History, not alarms: clocks that had already run out before the seller's first import.

A first import of four months of files brings every old buyer message whose reply is not
in the files; most were answered in Seller Central long ago. A deadline that was due
before the first import of the report its record comes from is history: it still counts in
the metrics, but it raises no tray warning, and the inbox shows such items collapsed under
one line per kind with a bulk action.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from core.clock import to_utc
from core.deadlines import DeadlineItem, DeadlineKind
from core.format import count_noun
from core.model import ReportKind

FirstImports = Mapping[str, datetime]
"""Report kind (core.model.ReportKind) -> the instant of the seller's first import of it."""

DEADLINE_SOURCES: Mapping[DeadlineKind, tuple[ReportKind, ...]] = {
    "message": ("messages", "email"),
    "return": ("returns_fbm",),
    "claim_info": ("claims",),
    "appeal": ("claims",),
    "feedback_removal": ("feedback",),
    "reimbursement": (
        "settlement",
        "date_range",
        "returns_fba",
        "adjustments",
        "ledger",
        "removals",
    ),
}
"""The reports each kind of clock comes from; buyer messages arrive as CSV or e-mail, and
the earlier of the two first imports is when the app started to see them."""

_NOUNS: Mapping[DeadlineKind, tuple[str, str, str, str]] = {
    # singular, plural, what is missing (singular verb), (plural verb)
    "message": ("message", "messages", "has no reply on file", "have no reply on file"),
    "return": (
        "return request",
        "return requests",
        "has no decision on file",
        "have no decision on file",
    ),
    "claim_info": (
        "A-to-z claim",
        "A-to-z claims",
        "still waits for your information",
        "still wait for your information",
    ),
    "appeal": (
        "granted A-to-z claim",
        "granted A-to-z claims",
        "has no appeal on file",
        "have no appeal on file",
    ),
    "feedback_removal": (
        "negative rating",
        "negative ratings",
        "has no removal request on file",
        "have no removal request on file",
    ),
    "reimbursement": (
        "reimbursement claim",
        "reimbursement claims",
        "has not been filed",
        "have not been filed",
    ),
}
HISTORY_BULK_ACTION: Mapping[DeadlineKind, str] = {
    "message": "Mark all as answered in Seller Central",
    "return": "Mark all as decided in Seller Central",
    "claim_info": "Mark all as answered in Seller Central",
    "appeal": "Mark all as not to be appealed",
    "feedback_removal": "Dismiss all: the removal window has closed",
    "reimbursement": "Review them on the Reimbursements screen",
}
REVIEW_ONE_BY_ONE = "Review them one by one"


def first_import_of(kind: DeadlineKind, first_imports: FirstImports) -> datetime | None:
    """When the app first saw records of this clock's kind; None before any such import."""
    seen = [to_utc(first_imports[k]) for k in DEADLINE_SOURCES[kind] if k in first_imports]
    return min(seen) if seen else None


def is_history(item: DeadlineItem, first_imports: FirstImports) -> bool:
    """Due before the first import of its report: already past when the seller started."""
    start = first_import_of(item.kind, first_imports)
    return start is not None and to_utc(item.due_at) < start


def split_history(
    board: Iterable[DeadlineItem], first_imports: FirstImports | None
) -> tuple[list[DeadlineItem], list[DeadlineItem]]:
    """(current, history), each in board order. Without first imports nothing is history."""
    current: list[DeadlineItem] = []
    history: list[DeadlineItem] = []
    for item in board:
        old = first_imports is not None and is_history(item, first_imports)
        (history if old else current).append(item)
    return current, history


def history_sentence(kind: DeadlineKind, count: int) -> str:
    """'19 messages from before your first import have no reply on file'."""
    singular, plural, missing_one, missing_many = _NOUNS[kind]
    missing = missing_one if count == 1 else missing_many
    return f"{count_noun(count, singular, plural)} from before your first import {missing}"


def history_summary(history: Sequence[DeadlineItem]) -> list[tuple[DeadlineKind, str]]:
    """One (kind, sentence) per kind of history item, in the order the kinds first appear."""
    counts = Counter(item.kind for item in history)
    return [(kind, history_sentence(kind, n)) for kind, n in counts.items()]
