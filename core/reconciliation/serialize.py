"""Reconciliation results as JSON for the CLI."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from core.clock import iso
from core.metrics.odr import (
    DayWindow,
)
from core.reconciliation.ahr_text import AhrSummary
from core.reconciliation.odr import OdrSide
from core.reconciliation.shipping import Reconciliation

# --- JSON -------------------------------------------------------------------------------


def _side(s: OdrSide) -> dict[str, Any]:
    return {
        "orders": s.orders,
        "defective_orders": s.defective,
        "a_to_z_claims": s.claims,
        "chargebacks": s.chargebacks,
        "negative_feedback": s.negative_feedback,
        "value": s.rate,
        "status": s.status,
    }


def _days(days: DayWindow | None) -> dict[str, str] | None:
    if days is None:
        return None
    return {"from": days[0].isoformat(), "to": (days[1] - timedelta(days=1)).isoformat()}


def reconciliation_to_json(r: Reconciliation) -> dict[str, Any]:
    """Percentages unrounded; calendar days YYYY-MM-DD (inclusive), instants ISO UTC."""
    return {
        "marketplace_id": r.marketplace_id,
        "marketplace": r.marketplace,
        "imported_at": None if r.imported_at is None else iso(r.imported_at),
        "report_at": iso(r.report_at),
        "account_status": r.account_status,
        "ahr_status": r.ahr_status,
        "ahr_score": r.ahr_score,
        "order_defect_rate": {
            c.channel: {
                "window": _days(c.days),
                "amazon": {**_side(c.amazon), "amazon_status": c.amazon_status_raw},
                "ours": _side(c.ours),
                "headline": c.headline,
                "explanations": [{"code": e.code, "text": e.text} for e in c.explanations],
            }
            for c in r.odr
        },
        "shipping": [
            {
                "name": s.name,
                "title": s.title,
                "value": s.rate,
                "target": s.target,
                "condition": s.condition,
                "amazon_status": s.amazon_status,
                "status": s.status,
                "numerator": s.numerator,
                "denominator": s.denominator,
                "window": _days(s.days),
                "verdict": s.verdict,
                "room": s.room,
            }
            for s in r.shipping
        ],
        "policies": [
            {"name": p.name, "title": p.title, "defects": p.defects, "status": p.status}
            for p in r.policies
        ],
        "warnings": [
            {"name": w.name, "title": w.title, "status": w.status, "count": w.count}
            for w in r.warnings
        ],
    }


def ahr_to_json(a: AhrSummary) -> dict[str, Any]:
    return {
        "score": a.score,
        "at": None if a.at is None else iso(a.at),
        "band": a.band,
        "band_text": a.band_text,
        "assurance": {
            "eligible": a.assurance.eligible,
            "covered": a.assurance.covered,
            "days_below": a.assurance.days_below,
            "window_start": a.assurance.window_start.isoformat(),
            "text": a.assurance_text,
        },
    }
