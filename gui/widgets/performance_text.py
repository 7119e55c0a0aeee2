"""Amazon's seller performance report, in words: shipping metrics, AHR, and its ODR
beside ours for the same window with the difference explained.

Input is storage.repository.records.latest_performance (plain dicts); pure text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.clock import parse_iso
from gui.widgets.metric_text import pct, short_date
from gui.widgets.status import amazon_status

SHIPPING: tuple[tuple[str, str, str, str], ...] = (
    # name in the report, title, numerator count, denominator count
    ("lateShipmentRate", "Late Shipment Rate", "lateShipmentCount", "orderCount"),
    (
        "preFulfillmentCancellationRate",
        "Pre-fulfilment Cancel Rate",
        "cancellationCount",
        "orderCount",
    ),
    ("validTrackingRate", "Valid Tracking Rate", "validTrackingCount", "shipmentCount"),
    (
        "onTimeDeliveryRate",
        "On-Time Delivery Rate",
        "onTimeDeliveryCount",
        "shipmentCountWithValidTracking",
    ),
)

AHR_WORDS = {
    "GREAT": "Great",
    "GOOD": "Good",
    "FAIR": "Fair",
    "AT_RISK": "At risk",
    "CRITICAL": "Critical",
}


@dataclass(frozen=True, slots=True)
class ShippingFigure:
    title: str
    value: str
    status: str
    target: str
    count: str
    window: str


def _when(text: str | None) -> datetime | None:
    return parse_iso(text) if text else None


def window_text(metric: Mapping[str, Any]) -> str:
    start, end = _when(metric.get("date_from")), _when(metric.get("date_to"))
    if start is None or end is None:
        return ""
    return f"{short_date(start.date())} \u2013 {short_date(end.date())}"


def find_metric(snapshot: Mapping[str, Any], name: str, channel: str = "") -> dict[str, Any] | None:
    for m in snapshot.get("metrics", []):
        if m.get("name") == name and (m.get("channel") or "") == channel:
            return dict(m)
    return None


def shipping_figures(snapshot: Mapping[str, Any]) -> list[ShippingFigure]:
    out = []
    for name, title, num_key, den_key in SHIPPING:
        m = find_metric(snapshot, name)
        if m is None:
            out.append(ShippingFigure(title, "\u2014", "no_data", "", "Not in the report", ""))
            continue
        rate = m.get("rate")
        target = m.get("target")
        condition = str(m.get("target_condition") or "").upper()
        word = "over" if condition.startswith("GREATER") else "under"
        counts = m.get("counts") or {}
        count = ""
        if num_key in counts and den_key in counts:
            count = f"{counts[num_key]} of {counts[den_key]}"
        out.append(
            ShippingFigure(
                title=title,
                value=pct(rate * 100 if rate is not None else None),
                status=amazon_status(m.get("status")),
                target=f"target {word} {target * 100:g} %" if target is not None else "",
                count=count,
                window=window_text(m),
            )
        )
    return out


def ahr_text(snapshot: Mapping[str, Any]) -> tuple[str, str, str]:
    """(headline, status, detail) for the Account Health Rating card."""
    raw = str(snapshot.get("ahr_status") or "")
    score = snapshot.get("ahr_score")
    head = AHR_WORDS.get(raw.upper(), raw.replace("_", " ").title() or "\u2014")
    detail = f"Score {score}" if score is not None else "Amazon's report has no numeric score"
    account = str(snapshot.get("account_status") or "")
    if account:
        detail += f"; account status {account.replace('_', ' ').lower()}"
    return head, amazon_status(raw or None), detail + "."
