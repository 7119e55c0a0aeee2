"""Manual entry of an A-to-z claim or a chargeback (Amazon offers no export of them)."""

from __future__ import annotations

from core.model import Claim
from services.changes import Changes
from storage.db import Store
from storage.repository.claims_entry import add_manual_claim


def add_claim(store: Store, claim: Claim) -> Changes:
    """Store a seller-entered claim; ValueError (one sentence) for a duplicate id or a
    value storage refuses."""
    add_manual_claim(store.db, claim, store.cipher)
    return Changes(claims=True)
