"""Amazon's seller performance report, in words: shipping metrics, AHR, and its ODR
beside ours for the same window with the difference explained.

Input is storage.repository.records.latest_performance (plain dicts); pure text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from core.clock import parse_iso
from gui.widgets.metric_text import CHANNEL_NAMES, pct, short_date
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


def odr_window(snapshot: Mapping[str, Any]) -> tuple[datetime, datetime] | None:
    """Amazon's ODR window as a half-open [start, end) at whole UTC days."""
    for ch in ("afn", "mfn"):
        m = find_metric(snapshot, "orderDefectRate", ch)
        if m and m.get("date_from") and m.get("date_to"):
            start = parse_iso(m["date_from"]).replace(hour=0, minute=0, second=0)
            end_day = parse_iso(m["date_to"]).replace(hour=0, minute=0, second=0)
            return start, end_day + timedelta(days=1)
    return None


def odr_comparison(
    snapshot: Mapping[str, Any], ours_by_channel: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """One headline and the reasons per channel: Amazon's ODR vs ours, same window."""
    lines: list[str] = []
    for ch in ("afn", "mfn"):
        m = find_metric(snapshot, "orderDefectRate", ch)
        ours = ours_by_channel.get(ch)
        if m is None or ours is None:
            continue
        counts = m.get("counts") or {}
        a_num, a_den = counts.get("orderWithDefects"), counts.get("orderCount")
        rate = m.get("rate")
        amazon = pct(rate * 100 if rate is not None else None)
        a_counts = (
            f" ({a_num} of {a_den} orders)" if a_num is not None and a_den is not None else ""
        )
        o_num, o_den = int(ours.get("numerator") or 0), int(ours.get("denominator") or 0)
        name = CHANNEL_NAMES[ch]
        lines.append(
            f"{name}: Amazon {amazon}{a_counts}, here {pct(ours.get('value'))} "
            f"({o_num} of {o_den} orders)."
        )
        lines.extend(_reasons(a_num, a_den, o_num, o_den, rate, ours.get("value")))
    return lines


def _reasons(
    a_num: int | None,
    a_den: int | None,
    o_num: int,
    o_den: int,
    a_rate: float | None,
    o_value: float | None,
) -> list[str]:
    out = []
    if a_den is not None and a_den != o_den:
        diff = abs(a_den - o_den)
        if o_den < a_den:
            out.append(
                f"\u2022 Amazon counts {diff} more orders: orders are missing here for part of "
                "the window; import the All Orders report covering it."
            )
        else:
            out.append(
                f"\u2022 {diff} more orders here than Amazon counted: orders imported after "
                "Amazon's report was made, or orders Amazon leaves out."
            )
    if a_num is not None and a_num != o_num:
        diff = abs(a_num - o_num)
        if o_num > a_num:
            noun = "order" if diff == 1 else "orders"
            out.append(
                f"\u2022 {diff} defective {noun} here that Amazon has not counted yet "
                "(feedback and claims reach Amazon's report days later)."
            )
        else:
            noun = "order" if diff == 1 else "orders"
            out.append(
                f"\u2022 Amazon counts {diff} defective {noun} not known here: import your "
                "latest feedback and enter your claims."
            )
    if not out and a_rate is not None and o_value is not None:
        if abs(a_rate * 100 - o_value) >= 0.005:
            out.append("\u2022 The counts agree; the rates differ only by Amazon's rounding.")
        else:
            out.append("\u2022 The numbers agree with Amazon's.")
    return out
