"""A-to-z claims and chargebacks from our `claims.csv` template (reports.md section 6).

Amazon offers no export, so this template (also the manual-entry shape) is
the only source; kind, reason and status drive the ODR, so unknown values
refuse the file instead of being guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from core.model import CLAIM_KINDS, CLAIM_REASONS, CLAIM_STATUSES, Claim, ReportKind
from storage.imports.reading import Column, Head, Row, columns
from storage.imports.templates import read_template_rows

KIND: ReportKind = "claims"

COLUMNS: tuple[Column, ...] = (
    *columns("claim_id", "order_id", "kind", "filed_at"),
    *columns("amount", "currency", required=False),
    *columns("reason", "status"),
    *columns("info_requested_at", "decided_at", "buy_shipping_protected", "notes", required=False),
)

_SNIFF_KEYS = frozenset({"claim id", "kind", "filed at"})


def sniff(head: Head) -> bool:
    """The template's own column names (they are ours, so they are exact)."""
    return head.keys >= _SNIFF_KEYS


def parse(path: Path) -> Iterator[Claim]:
    """Yield one `Claim` per row; refuse the whole file at the first bad row."""
    for row in read_template_rows(path, COLUMNS):
        yield _claim(row)


def _claim(row: Row) -> Claim:
    return Claim(
        claim_id=row.required("claim_id"),
        order_id=row.required("order_id"),
        kind=row.choice("kind", CLAIM_KINDS),
        filed_at=_required_time(row, "filed_at"),
        reason=row.choice("reason", CLAIM_REASONS),
        status=row.choice("status", CLAIM_STATUSES),
        amount=row.decimal("amount"),
        currency=row.get("currency").upper(),
        info_requested_at=row.iso("info_requested_at", optional=True),
        decided_at=row.iso("decided_at", optional=True),
        buy_shipping_protected=row.flag("buy_shipping_protected"),
        notes=row.get("notes"),
    )


def _required_time(row: Row, column: str) -> datetime:
    stamp = row.iso(column)
    if stamp is None:  # unreachable: Row.iso refuses an empty required cell
        raise row.refuse(column, "the timestamp is empty but is needed")
    return stamp
