"""Claims typed in by the seller (Amazon has no claims export).

Validation errors are sentences the entry form shows as they are.
"""

from __future__ import annotations

import re

import sqlite_utils

from core.model import CLAIM_KINDS, CLAIM_REASONS, CLAIM_STATUSES, Claim
from storage.cipher import PiiCipher
from storage.db import transaction
from storage.imports.context import money, ts

ORDER_ID = re.compile(r"\d{3}-\d{7}-\d{7}")


def validate_claim(claim: Claim) -> None:
    """Raise ValueError with a sentence naming the first bad field."""
    if not claim.claim_id.strip():
        raise ValueError("The claim id is empty; enter the id Amazon shows for the claim.")
    if not claim.order_id.strip():
        raise ValueError("The order id is empty; enter it as 123-1234567-1234567.")
    if not ORDER_ID.fullmatch(claim.order_id.strip()):
        raise ValueError(
            f"'{claim.order_id}' is not an Amazon order id; it looks like 123-1234567-1234567."
        )
    if claim.kind not in CLAIM_KINDS:
        raise ValueError(f"'{claim.kind}' is not a claim kind ({', '.join(CLAIM_KINDS)}).")
    if claim.reason not in CLAIM_REASONS:
        raise ValueError(f"'{claim.reason}' is not a claim reason ({', '.join(CLAIM_REASONS)}).")
    if claim.status not in CLAIM_STATUSES:
        raise ValueError(f"'{claim.status}' is not a claim status ({', '.join(CLAIM_STATUSES)}).")
    if claim.amount is not None and (not claim.amount.is_finite() or claim.amount < 0):
        raise ValueError(f"The amount {claim.amount} is not a positive number.")


def add_manual_claim(db: sqlite_utils.Database, claim: Claim, cipher: PiiCipher) -> None:
    """Store a seller-entered claim with source 'manual'; refuses a duplicate id.

    The notes are encrypted, bound to the claim id: they may name the buyer.
    """
    validate_claim(claim)
    with transaction(db):
        exists = db.execute(
            "SELECT 1 FROM claims WHERE claim_id = ?", [claim.claim_id.strip()]
        ).fetchone()
        if exists:
            raise ValueError(f"A claim with id {claim.claim_id.strip()} is already recorded.")
        db.execute(
            "INSERT INTO claims (claim_id, order_id, kind, filed_at, amount, currency, reason, "
            "status, info_requested_at, decided_at, buy_shipping_protected, notes_enc, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual')",
            [
                claim.claim_id.strip(),
                claim.order_id.strip(),
                claim.kind,
                ts(claim.filed_at),
                money(claim.amount),
                claim.currency,
                claim.reason,
                claim.status,
                ts(claim.info_requested_at),
                ts(claim.decided_at),
                int(claim.buy_shipping_protected),
                cipher.encrypt_field(claim.notes, "claims", "notes_enc", claim.claim_id.strip()),
            ],
        )
