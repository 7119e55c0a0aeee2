"""Sentences the dashboard and tray show for a metric (the cli.md JSON dicts).

Pure formatting, no widgets: values to 2 decimals with a %, headroom in words,
the next ages-out date, the forecast summary, freshness ages.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

Metric = Mapping[str, Any]

NOUNS: dict[str, tuple[str, str]] = {
    "order_defect_rate": ("defective order", "defective orders"),
    "late_response_rate": ("late response", "late responses"),
    "return_dissatisfaction_rate": ("negative return", "negative returns"),
    "negative_feedback_rate": ("negative feedback", "negative feedback"),
}
SHORT: dict[str, str] = {
    "order_defect_rate": "ODR",
    "late_response_rate": "LRR",
    "negative_feedback_rate": "NFR",
    "return_dissatisfaction_rate": "RDR",
}
TITLES: dict[str, str] = {
    "order_defect_rate": "Order Defect Rate",
    "late_response_rate": "Late Response Rate",
    "negative_feedback_rate": "Negative Feedback Rate",
    "return_dissatisfaction_rate": "Return Dissatisfaction Rate",
}
CHANNEL_NAMES = {"afn": "FBA", "mfn": "FBM"}
BREACH_ADVICE: dict[str, str] = {
    "order_defect_rate": "work through open claims and removable feedback on the Defects screen",
    "late_response_rate": "answer the overdue buyer messages in the Inbox",
    "return_dissatisfaction_rate": "decide pending return requests within 48 h",
}


def metrics_json(payload: Any) -> dict[str, Any]:
    """The cli.md `metrics` dict from a Health, a MetricsResult or such a dict."""
    if payload is None:
        return {}
    if isinstance(payload, dict):
        return dict(payload.get("metrics", payload))
    from core.serialize import metrics_to_json

    result = getattr(payload, "metrics", payload)
    as_of = getattr(payload, "as_of", None) or result.as_of
    data = metrics_to_json(result, as_of, getattr(payload, "marketplace", None))
    return dict(data["metrics"])


def pct(value: float | None) -> str:
    """0.628 -> '0.63 %'; None (empty denominator) -> an em dash."""
    if value is None:
        return "\u2014"
    return f"{value:.2f} %"


def target_text(key: str, metric: Metric, nfr_breach: float = 10.0) -> str:
    target = metric.get("target")
    if target is None:
        return ""
    if key == "negative_feedback_rate":
        return f"warning above {target:g} %, breach above {nfr_breach:g} %"
    return f"target under {target:g} %"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def headroom_sentence(key: str, metric: Metric, channel: str | None = None) -> str:
    """How many more bad items the metric can take, e.g. 'The next defective order
    breaches FBA ODR.' Exact: headroom h means the (h+1)th one breaches."""
    singular, plural = NOUNS.get(key, ("bad item", "bad items"))
    name = SHORT.get(key, key)
    if channel:
        name = f"{CHANNEL_NAMES.get(channel, channel.upper())} {name}"
    status = metric.get("status")
    target = metric.get("target")
    if status == "no_data" or not metric.get("denominator"):
        return f"No data for {name} in this window yet."
    if status == "breach":
        limit = f"{target:g} %" if target is not None else "its target"
        return f"{name} is at or over {limit}: {BREACH_ADVICE.get(key, 'act now')}."
    headroom = metric.get("headroom")
    if headroom is None:
        return ""
    if headroom <= 0:
        return f"The next {singular} breaches {name}."
    noun, verb = (singular, "keeps") if headroom == 1 else (plural, "keep")
    limit = f" under {target:g} %" if target is not None else ""
    return f"{headroom} more {noun} {verb} {name}{limit}; the {ordinal(headroom + 1)} breaches it."


def short_date(d: date) -> str:
    return f"{d:%b} {d.day}"


def _as_date(text: str) -> date:
    return date.fromisoformat(text[:10])


def ages_out_sentence(metric: Metric) -> str:
    """The next defective order to leave the ODR window, from `ages_out`."""
    items = metric.get("ages_out") or []
    if not items:
        return "No defective orders in the window."
    first = items[0]
    more = len(items) - 1
    tail = f"; {more} more later" if more else ""
    return f"Next defect ages out on {short_date(_as_date(first['date']))} (order {first['order_id']}){tail}."


def forecast_points(metric: Metric) -> list[tuple[date, float | None]]:
    return [(_as_date(p["date"]), p.get("value")) for p in metric.get("forecast") or []]


def forecast_sentence(metric: Metric) -> str:
    """'14-day forecast: lowest 0.25 % on Dec 4'; names the first crossing of the target."""
    points = [(d, v) for d, v in forecast_points(metric) if v is not None]
    if not points:
        return "No forecast yet."
    target = metric.get("target")
    crossing = next((p for p in points if target is not None and p[1] >= target), None)
    low = min(points, key=lambda p: p[1])
    text = f"14-day forecast: lowest {pct(low[1])} on {short_date(low[0])}"
    if crossing is not None:
        text += f"; reaches {pct(crossing[1])} on {short_date(crossing[0])}"
    return text + " (a lower bound: defects not received yet are unknown)."


def components_text(metric: Metric) -> str:
    comps = metric.get("components") or {}
    words = {
        "negative_feedback": "negative feedback",
        "a_to_z_claims": "A-to-z claims",
        "chargebacks": "chargebacks",
        "late": "late decisions",
        "incorrectly_rejected": "incorrectly rejected",
    }
    return " \u00b7 ".join(f"{words.get(k, k)} {v}" for k, v in comps.items())


def count_text(key: str, metric: Metric) -> str:
    """'5 of 796 orders', in the metric's own units."""
    units = {
        "order_defect_rate": "orders",
        "late_response_rate": "buyer messages",
        "negative_feedback_rate": "ratings",
        "return_dissatisfaction_rate": "FBM return requests",
    }
    num, den = metric.get("numerator", 0), metric.get("denominator", 0)
    return f"{num} of {den} {units.get(key, '')}".rstrip()


def age_text(when: datetime | None, now: datetime) -> str:
    """'never', 'today', '1 day ago', '12 days ago'."""
    if when is None:
        return "never"
    days = (now - when).days
    if days <= 0:
        return "today"
    return "1 day ago" if days == 1 else f"{days} days ago"
