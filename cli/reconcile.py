"""CLI for the reconciliation with Amazon and defects by product (same core as the GUI)."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cli.errors import CommandError
from cli.output import emit_json, table
from core.clock import iso
from core.product_defects import product_defects_to_json
from core.reconciliation import (
    Reconciliation,
    ahr_to_json,
    pct,
    reconciliation_to_json,
    short_day,
    span_text,
)

if TYPE_CHECKING:
    from storage.db import Store

DEFAULT_PRODUCT_DAYS = 90
NO_REPORT = (
    "No seller performance report is imported yet: download it from Seller Central "
    "(Account Health, or the Reports API's GET_V2_SELLER_PERFORMANCE_REPORT) and import it."
)


def reconcile(args: argparse.Namespace, store: Store, now: datetime) -> int:
    """Amazon's latest report per marketplace beside our numbers, and the typed-in AHR."""
    from services.reconciliation import reconciliation_page

    page = reconciliation_page(store, now)
    reports, ahr = page.reports, page.ahr
    if args.json:
        readings = [{"at": iso(r.at), "score": r.score, "source": r.source} for r in page.readings]
        emit_json(
            {
                "now": iso(now),
                "reports": [reconciliation_to_json(r) for r in reports],
                "account_health_rating": {**ahr_to_json(ahr), "readings": readings},
            }
        )
        return 0
    if not reports:
        print(NO_REPORT)
    for rec in reports:
        _print_report(rec)
    print(f"\nAccount Health Rating: {ahr.band_text}")
    print(ahr.assurance_text)
    return 0


def _print_report(rec: Reconciliation) -> None:
    made = f"{short_day(rec.report_at.date())}, {rec.report_at.year}"
    status = rec.account_status.replace("_", " ").lower() or "not given"
    print(
        f"{rec.marketplace}: Amazon's seller performance report of {made}; account status "
        f"{status}, Account Health {rec.ahr_status.replace('_', ' ').lower() or 'not given'}."
    )
    shown = None
    for c in rec.odr:
        if c.days != shown:
            print(f"\nOrder Defect Rate, orders of {span_text(c.days)}")
            shown = c.days
        print(c.headline)
        for e in c.explanations:
            print(f"  - {e.text}")
    print()
    table(
        ["metric", "Amazon", "target", "status", "verdict"],
        [
            [
                s.title,
                pct(s.rate),
                f"{s.condition} {s.target:g} %" if s.target is not None else "-",
                s.status,
                s.verdict,
            ]
            for s in rec.shipping
        ],
        status_col=3,
    )
    flagged = [p for p in rec.policies if p.defects or p.status == "breach"]
    if flagged:
        print("\nPolicy compliance: " + "; ".join(f"{p.title}: {p.defects}" for p in flagged))
    if rec.warnings:
        print("\nWarnings: " + "; ".join(w.text for w in rec.warnings))


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{option} '{text}' is not a date such as 2026-11-20.") from None


def product_period(start: str | None, end: str | None, now: datetime) -> tuple[date, date]:
    """The first and last purchase day (UTC); default the last 90 days up to today."""
    last = _day(end, "--to") or now.date()
    first = _day(start, "--from") or last - timedelta(days=DEFAULT_PRODUCT_DAYS - 1)
    if first > last:
        raise CommandError(f"--from {first} is after --to {last}; swap them.")
    return first, last


def products(args: argparse.Namespace, store: Store, now: datetime) -> int:
    """Defects and returns by SKU or ASIN for orders placed in the period."""
    from services.products import products_page

    first, last = product_period(args.date_from, args.date_to, now)
    found = products_page(store, first, last, args.by).products
    if args.json:
        emit_json(
            {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "by": args.by,
                "products": [product_defects_to_json(p) for p in found],
            }
        )
        return 0
    if not found:
        print(f"No orders placed {first} to {last} are imported.")
        return 0
    print(f"Defects and returns by {args.by.upper()}, orders placed {first} to {last}\n")
    table(
        [
            args.by,
            "orders",
            "defective",
            "rate",
            "neg fb",
            "a-to-z",
            "chargeb",
            "FBM ret",
            "FBA ret",
            "top return reasons",
        ],  # fmt: skip
        [
            [
                p.key,
                str(p.orders),
                str(p.defective_orders),
                pct(p.defect_rate),
                str(p.negative_feedback),
                str(p.a_to_z_claims),
                str(p.chargebacks),
                str(p.fbm_returns),
                str(p.fba_returns),
                ", ".join(f"{r} {n}" for r, n in list(p.return_reasons.items())[:3]) or "-",
            ]
            for p in found
        ],
    )
    return 0
