"""Key/value settings stored as JSON; metric thresholds use their field names as keys."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

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
