"""Key/value settings stored as JSON; metric thresholds use their field names as keys."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from core.reimbursements import ReimbursementSettings
from core.review_requests import ReviewRequestSettings
from core.settings import MetricSettings
from storage.db import transaction


def get_setting(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    """The stored JSON value, or `default` when unset or unreadable."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except json.JSONDecodeError:
        return default


def set_setting(db: sqlite_utils.Database, key: str, value: Any) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )


def load_settings(db: sqlite_utils.Database) -> MetricSettings:
    """Defaults overlaid with stored values; unknown or stale keys are ignored."""
    defaults = MetricSettings().to_dict()
    values: dict[str, Any] = {}
    for key, raw in db.execute("SELECT key, value FROM settings").fetchall():
        if key not in defaults:
            continue
        try:
            value = _coerce(defaults[key], json.loads(raw))
        except (json.JSONDecodeError, TypeError):
            continue
        values[key] = value
    return MetricSettings.from_dict(values)


def _coerce(default: Any, value: Any) -> Any:
    """Keep a hand-edited or stale value only when it has the field's type."""
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers here")
    if isinstance(default, float) and isinstance(value, int | float):
        return float(value)
    if isinstance(default, int) and isinstance(value, int):
        return value
    if default is None and (value is None or isinstance(value, int)):
        return value
    raise TypeError(f"unexpected {type(value).__name__}")


def save_settings(db: sqlite_utils.Database, settings: MetricSettings) -> None:
    with transaction(db):
        for name, value in settings.to_dict().items():
            set_setting(db, name, value)


def load_reimbursement_settings(db: sqlite_utils.Database) -> ReimbursementSettings:
    """The claim windows: defaults overlaid with stored values (whole days, never negative)."""
    names = list(ReimbursementSettings().to_dict())
    marks = ", ".join("?" for _ in names)
    values: dict[str, object] = {}
    for key, raw in db.execute(
        f"SELECT key, value FROM settings WHERE key IN ({marks})", names
    ).fetchall():
        try:
            values[key] = json.loads(raw)
        except json.JSONDecodeError:
            continue
    return ReimbursementSettings.from_dict(values)


def save_reimbursement_settings(db: sqlite_utils.Database, settings: ReimbursementSettings) -> None:
    with transaction(db):
        for name, value in settings.to_dict().items():
            set_setting(db, name, value)


REVIEW_REQUESTS_SETTING = "review_requests"
"""The review-request planner's numbers (core.review_requests.ReviewRequestSettings), one JSON
object; a field missing or of the wrong type keeps its default."""
REVIEW_REQUEST_TEXT_SETTING = "review_request_text"
"""The seller's own request text, kept for buyer messages and checked by the reply checker."""


def load_review_request_settings(db: sqlite_utils.Database) -> ReviewRequestSettings:
    stored = get_setting(db, REVIEW_REQUESTS_SETTING, {})
    if not isinstance(stored, dict):
        return ReviewRequestSettings()
    defaults = ReviewRequestSettings().to_dict()
    kept: dict[str, Any] = {}
    for key, value in stored.items():
        if key == "transit_days":
            if _transit_pairs(value):
                kept[key] = value
        elif key in defaults and type(value) is type(defaults[key]):
            kept[key] = value
    return ReviewRequestSettings.from_dict(kept)


def _transit_pairs(value: Any) -> bool:
    """A list of [service-level substring, days] pairs, as JSON gives them back."""
    return isinstance(value, list) and all(
        isinstance(p, list | tuple) and len(p) == 2 and isinstance(p[0], str) and type(p[1]) is int
        for p in value
    )


def save_review_request_settings(db: sqlite_utils.Database, s: ReviewRequestSettings) -> None:
    set_setting(db, REVIEW_REQUESTS_SETTING, s.to_dict())
