"""Amazon vs ours: Amazon's latest report beside our numbers, the typed-in AHR, and Amazon's
figures typed in from the Account Health page (for sellers who cannot get the report)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.clock import to_utc
from core.marketplaces import MARKETPLACES, find_marketplace
from core.reconciliation import AhrSummary, Reconciliation, ahr_summary
from core.reconciliation.typed import TypedFigures, check_typed
from services.changes import Changes
from storage.db import Store
from storage.repository import ahr_store
from storage.repository.ahr_store import AhrReading
from storage.repository.amazon_figures import (
    TypedEntry,
    add_typed,
    delete_typed,
    known_marketplaces,
    typed_entries,
)
from storage.repository.reconciliation_inputs import reconcile_latest

__all__ = [
    "ReconciliationPage",
    "TypedEntry",
    "add_ahr_reading",
    "add_typed_figures",
    "delete_ahr_reading",
    "delete_typed_figures",
    "form_marketplaces",
    "reconciliation_page",
]


@dataclass(frozen=True, slots=True)
class ReconciliationPage:
    """One reconciliation per marketplace, every AHR reading (oldest first), the verdict,
    and the figures typed in from the Account Health page (newest first)."""

    reports: list[Reconciliation]
    readings: list[AhrReading]
    ahr: AhrSummary
    typed: list[TypedEntry]
    marketplaces: list[tuple[str, str]]  # (marketplace id, name) for the form, likeliest first


def reconciliation_page(store: Store, now: datetime) -> ReconciliationPage:
    db = store.db
    readings = ahr_store.list_readings(db)
    summary = ahr_summary([(r.at, r.score) for r in readings], now)
    return ReconciliationPage(
        reconcile_latest(db, now), readings, summary, typed_entries(db), form_marketplaces(store)
    )


def form_marketplaces(store: Store) -> list[tuple[str, str]]:
    """Every marketplace, the ones of the seller's reports and orders first."""
    seen = [find_marketplace(key) for key in known_marketplaces(store.db)]
    first = [m for m in seen if m is not None]
    ordered = list(dict.fromkeys([*first, *MARKETPLACES]))
    return [(m.marketplace_id, m.name) for m in ordered]


def add_ahr_reading(store: Store, score: int, at: datetime) -> Changes:
    """Store a typed Account Health Rating; ValueError (a sentence) outside 0-1000."""
    ahr_store.add_reading(store.db, score, at)
    return Changes(ahr=True)


def delete_ahr_reading(store: Store, reading_id: int) -> Changes:
    """Remove a mistyped reading."""
    return Changes(ahr=True) if ahr_store.delete_reading(store.db, reading_id) else Changes()


def add_typed_figures(store: Store, figures: TypedFigures, now: datetime) -> Changes:
    """Store Amazon's figures read on the Account Health page; ValueError (a sentence) when
    one cannot be right. They count like an imported report from now on."""
    check_typed(figures, to_utc(now).date())
    add_typed(store.db, figures, now)
    return Changes(performance=True, ahr=figures.ahr is not None)


def delete_typed_figures(store: Store, entry_id: int) -> Changes:
    """Remove a mistyped entry (an AHR it carried stays in the AHR history)."""
    return Changes(performance=True) if delete_typed(store.db, entry_id) else Changes()
