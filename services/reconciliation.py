"""Amazon vs ours: Amazon's latest report beside our numbers, and the typed-in AHR."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.reconciliation import AhrSummary, Reconciliation, ahr_summary
from services.changes import Changes
from storage.db import Store
from storage.repository import ahr_store
from storage.repository.ahr_store import AhrReading
from storage.repository.reconciliation_inputs import reconcile_latest


@dataclass(frozen=True, slots=True)
class ReconciliationPage:
    """One reconciliation per marketplace, every AHR reading (oldest first), the verdict."""

    reports: list[Reconciliation]
    readings: list[AhrReading]
    ahr: AhrSummary


def reconciliation_page(store: Store, now: datetime) -> ReconciliationPage:
    db = store.db
    readings = ahr_store.list_readings(db)
    summary = ahr_summary([(r.at, r.score) for r in readings], now)
    return ReconciliationPage(reconcile_latest(db, now), readings, summary)


def add_ahr_reading(store: Store, score: int, at: datetime) -> Changes:
    """Store a typed Account Health Rating; ValueError (a sentence) outside 0-1000."""
    ahr_store.add_reading(store.db, score, at)
    return Changes(ahr=True)


def delete_ahr_reading(store: Store, reading_id: int) -> Changes:
    """Remove a mistyped reading."""
    return Changes(ahr=True) if ahr_store.delete_reading(store.db, reading_id) else Changes()
