"""Sentences the dashboard and tray show for a metric, from core.metrics' results.

Pure formatting, no widgets: values to 2 decimals with a %, headroom in words,
the next ages-out date, the forecast summary, freshness ages.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime, timedelta

from core.metrics.result import OdrComponents, OdrResult, RateResult, RdrComponents
from gui.display import day

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


def pct(value: float | None) -> str:
    """0.628 -> '0.63 %'; None (empty denominator) -> an em dash."""
    if value is None:
        return "\u2014"
    return f"{value:.2f} %"


def target_text(key: str, rate: RateResult, nfr_breach: float = 10.0) -> str:
    target = rate.target
    if key == "negative_feedback_rate":
        return f"warning above {target:g} %, breach above {nfr_breach:g} %"
    return f"target under {target:g} %"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def headroom_sentence(key: str, rate: RateResult, channel: str | None = None) -> str:
    """How many more bad items the metric can take, e.g. 'The next defective order
    breaches FBA ODR.' Exact: headroom h means the (h+1)th one breaches."""
    singular, plural = NOUNS.get(key, ("bad item", "bad items"))
    name = SHORT.get(key, key)
    if channel:
        name = f"{CHANNEL_NAMES.get(channel, channel.upper())} {name}"
    if rate.status == "no_data" or not rate.denominator:
        return f"No data for {name} in this window yet."
    if rate.status == "breach":
        return f"{name} is at or over {rate.target:g} %: {BREACH_ADVICE.get(key, 'act now')}."
    headroom = rate.headroom
    if headroom is None:
        return ""
    if headroom <= 0:
        return f"The next {singular} breaches {name}."
    noun, verb = (singular, "keeps") if headroom == 1 else (plural, "keep")
    limit = f"under {rate.target:g} %"
    return f"{headroom} more {noun} {verb} {name} {limit}; the {ordinal(headroom + 1)} breaches it."


def short_date(d: date) -> str:
    return day(d)


def ages_out_sentence(odr: OdrResult) -> str:
    """The next defective order to leave the ODR window."""
    if not odr.ages_out:
        return "No defective orders in the window."
    first = odr.ages_out[0]
    more = len(odr.ages_out) - 1
    tail = f"; {more} more later" if more else ""
    return f"Next defect ages out on {short_date(first.day)} (order {first.order_id}){tail}."


def forecast_points(odr: OdrResult) -> list[tuple[date, float | None]]:
    return [(f.day, f.rate.value) for f in odr.forecast]


def forecast_sentence(odr: OdrResult) -> str:
    """'14-day forecast: lowest 0.25 % on Dec 4'; names the first crossing of the target."""
    points = [(d, v) for d, v in forecast_points(odr) if v is not None]
    if not points:
        return "No forecast yet."
    target = odr.rate.target
    crossing = next((p for p in points if p[1] >= target), None)
    low = min(points, key=lambda p: p[1])
    text = f"14-day forecast: lowest {pct(low[1])} on {short_date(low[0])}"
    if crossing is not None:
        text += f"; reaches {pct(crossing[1])} on {short_date(crossing[0])}"
    return text + " (a lower bound: defects not received yet are unknown)."


COMPONENT_WORDS = {
    "negative_feedback": "negative feedback",
    "a_to_z_claims": "A-to-z claims",
    "chargebacks": "chargebacks",
    "late": "late decisions",
    "incorrectly_rejected": "incorrectly rejected",
}


def components_text(components: OdrComponents | RdrComponents) -> str:
    """'negative feedback 1 · A-to-z claims 3 · chargebacks 1', in the result's order."""
    return " \u00b7 ".join(
        f"{COMPONENT_WORDS[f.name]} {getattr(components, f.name)}" for f in fields(components)
    )


UNITS = {
    "order_defect_rate": "orders",
    "late_response_rate": "buyer messages",
    "negative_feedback_rate": "ratings",
    "return_dissatisfaction_rate": "FBM return requests",
}


def count_text(key: str, rate: RateResult) -> str:
    """'5 of 796 orders', in the metric's own units; the other cards also say which window
    the headline covers ('10 of 51 buyer messages in the 30 days to Nov 19, 2026')."""
    text = f"{rate.numerator} of {rate.denominator} {UNITS.get(key, '')}".rstrip()
    if key == "order_defect_rate":  # its target line names the window
        return text
    days = (rate.window_end - rate.window_start).days
    last = day((rate.window_end - timedelta(days=1)).date())
    return f"{text} in the {days} days to {last}"


def age_text(when: datetime | None, now: datetime) -> str:
    """'never', 'today', '1 day ago', '12 days ago'."""
    if when is None:
        return "never"
    days = (now - when).days
    if days <= 0:
        return "today"
    return "1 day ago" if days == 1 else f"{days} days ago"
