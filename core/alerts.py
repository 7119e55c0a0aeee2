"""Warnings before breach (spec/metrics.md, last section), in sentences a seller understands.

Stateless: the same inputs give the same alerts. Each alert has a stable `key` and
a `state` fingerprint; the notifier re-shows an alert only when its state changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from core.clock import iso, to_utc
from core.deadlines import DeadlineItem
from core.metrics.odr import day_window
from core.metrics.result import MetricsResult, OdrResult, RateResult
from core.model import CHANNELS, Channel
from core.settings import MetricSettings

Severity = Literal["info", "warning", "critical"]
SEVERITY_ORDER: dict[str, int] = {"critical": 0, "warning": 1, "info": 2}

CHANNEL_LABEL: dict[str, str] = {"afn": "FBA", "mfn": "FBM"}

_DEADLINE_SUBJECT = {
    "message": "Buyer message on order {order}",
    "return": "Return request on order {order}",
    "claim_info": "Information for the A-to-z claim on order {order}",
    "appeal": "Appeal of the claim on order {order}",
    "feedback_removal": "Removal request for the negative feedback on order {order}",
}
_DEADLINE_SCREEN = {
    "message": "inbox",
    "return": "inbox",
    "claim_info": "defects",
    "appeal": "defects",
    "feedback_removal": "inbox",
}


@dataclass(frozen=True, slots=True)
class Alert:
    key: str  # stable, e.g. "odr.afn.headroom", "deadline.message.M-17"
    severity: Severity
    title: str
    detail: str
    state: str  # fingerprint: the alert is re-shown only when this changes
    screen: str = "dashboard"  # where a click on the tray message leads
    ref: str = ""  # the row to select there


def format_pct(value: float) -> str:
    """0.8179 -> '0.82 %', 1.0 -> '1 %'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} %"


def format_duration(seconds: float) -> str:
    """A countdown a person reads at a glance: '3 h 10 min', '2 d 5 h', '12 min'."""
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min" if mins else "less than a minute"


def format_day(day: date | datetime) -> str:
    """'Dec 3' (portable: no platform-specific strftime flags)."""
    return f"{day:%b} {day.day}"


@dataclass(frozen=True, slots=True)
class _Wording:
    """How one metric is named in sentences."""

    short: str  # key prefix: "odr.afn", "lrr", ...
    label: str  # "FBA ODR"
    one_more: str  # "defective order"; "" when the metric has no headroom
    detail: str  # "{n} of {d} ... {start} ... {end}" template


def _rate_alerts(w: _Wording, rate: RateResult, breach_limit: float | None = None) -> list[Alert]:
    """Status warning/breach, and 'one more ... breaches' when headroom is 0.

    `breach_limit` is for NFR, whose target (warning) and breach limits differ.
    """
    alerts: list[Alert] = []
    if rate.value is None:
        return alerts
    value, target = format_pct(rate.value), format_pct(rate.target)
    last_day = rate.window_end - timedelta(days=1)
    detail = w.detail.format(
        n=rate.numerator,
        d=rate.denominator,
        start=format_day(rate.window_start),
        end=format_day(last_day),
    )
    if rate.status == "breach":
        limit = format_pct(breach_limit if breach_limit is not None else rate.target)
        title = f"{w.label} is {value}, over the {limit} limit"
        alerts.append(Alert(f"{w.short}.status", "critical", title, detail, "breach"))
    elif rate.status == "warning":
        title = f"{w.label} is {value}, close to the {target} limit"
        alerts.append(Alert(f"{w.short}.status", "warning", title, detail, "warning"))
    if w.one_more and rate.status != "breach" and rate.numerator > 0 and rate.headroom == 0:
        title = f"One more {w.one_more} puts your {w.label} over {target}"
        alerts.append(Alert(f"{w.short}.headroom", "warning", title, detail, f"n={rate.numerator}"))
    return alerts


def _forecast_alert(
    odr: OdrResult, channel: Channel, as_of: datetime, settings: MetricSettings
) -> Alert | None:
    """The first forecast day a channel reaches the target while it is under it today."""
    current = odr.by_channel[channel].rate
    if current.status == "breach":
        return None
    label = f"{CHANNEL_LABEL[channel]} ODR"
    now_end = day_window(as_of.date(), settings)[1]
    for day in odr.forecast:
        rate = day.by_channel.get(channel)
        if rate is None or rate.status != "breach" or rate.value is None:
            continue
        end = day_window(day.day, settings)[1]
        entering = [
            d.order_id
            for d in odr.defective_orders
            if d.channel == channel and now_end <= d.purchase_day < end
        ]
        if entering:
            detail = f"when order {', '.join(entering)} enters the window"
        else:
            detail = "as older orders leave the window"
        return Alert(
            f"odr.{channel}.forecast",
            "warning",
            f"{label} reaches {format_pct(rate.value)} on {format_day(day.day)}",
            f"{label} reaches {format_pct(rate.value)} on {format_day(day.day)} {detail}.",
            day.day.isoformat(),
        )
    return None


def _deadline_alert(item: DeadlineItem) -> Alert | None:
    if item.state == "open":
        return None
    subject = _DEADLINE_SUBJECT[item.kind].format(order=item.order_id or item.ref)
    if item.state == "overdue":
        title = f"{subject} is overdue by {format_duration(item.seconds_left)}"
        severity: Severity = "critical"
    else:
        title = f"{subject} is due in {format_duration(item.seconds_left)}"
        severity = "warning"
    detail = f"Amazon's deadline: {format_day(item.due_at)} {item.due_at:%H:%M} UTC."
    if item.target_at is not None:
        detail += f" Your target: {format_day(item.target_at)} {item.target_at:%H:%M} UTC."
    return Alert(
        f"deadline.{item.kind}.{item.ref}",
        severity,
        title,
        detail,
        item.state,
        screen=_DEADLINE_SCREEN[item.kind],
        ref=item.ref,
    )


def _stale_alert(
    now: datetime, last_import: datetime | None, settings: MetricSettings
) -> Alert | None:
    if last_import is None:
        return Alert(
            "data.stale",
            "info",
            "No orders report imported yet",
            "Import an All Orders report from Seller Central so ODR has orders to count.",
            "never",
            screen="imports",
        )
    last = to_utc(last_import)
    if now - last < timedelta(days=settings.stale_days):
        return None
    days = (now - last).days
    return Alert(
        "data.stale",
        "info",
        f"Your numbers are based on orders up to {format_day(last)}",
        f"No orders report imported for {days} days; download a fresh All Orders report.",
        iso(last),
        screen="imports",
    )


def evaluate_alerts(
    metrics: MetricsResult,
    board: list[DeadlineItem],
    now: datetime,
    *,
    last_orders_import: datetime | None,
    weekly_review_due: bool,
    settings: MetricSettings | None = None,
) -> list[Alert]:
    """Every warning that holds at `now`, most severe first (a stable order)."""
    cfg = settings or MetricSettings()
    moment = to_utc(now)
    alerts: list[Alert] = []
    for ch in CHANNELS:
        scope = metrics.odr.by_channel.get(ch)
        if scope is None:
            continue
        label = f"{CHANNEL_LABEL[ch]} ODR"
        odr_detail = "{n} of {d} orders purchased {start} to {end} have a defect."
        alerts += _rate_alerts(
            _Wording(f"odr.{ch}", label, "defective order", odr_detail), scope.rate
        )
        forecast = _forecast_alert(metrics.odr, ch, metrics.as_of, cfg)
        if forecast is not None:
            alerts.append(forecast)
    days = cfg.lrr_days
    lrr = _Wording(
        "lrr",
        "Late Response Rate",
        "late reply",
        f"{{n}} of {{d}} buyer messages of the last {days} days were answered late.",
    )
    alerts += _rate_alerts(lrr, metrics.lrr.rate)
    nfr = _Wording(
        "nfr",
        "Negative Feedback Rate",
        "",
        f"{{n}} of {{d}} ratings of the last {cfg.nfr_days} days are negative.",
    )
    alerts += _rate_alerts(nfr, metrics.nfr.rate, breach_limit=cfg.nfr_breach)
    rdr = _Wording(
        "rdr",
        "Return Dissatisfaction Rate",
        "unhappy return",
        f"{{n}} of {{d}} return requests of the last {cfg.rdr_days} days went badly"
        " (late, wrongly rejected or negative feedback).",
    )
    alerts += _rate_alerts(rdr, metrics.rdr.rate)
    alerts += [a for a in (_deadline_alert(i) for i in board) if a is not None]
    stale = _stale_alert(moment, last_orders_import, cfg)
    if stale is not None:
        alerts.append(stale)
    if weekly_review_due:
        alerts.append(weekly_review_alert(moment))
    return sort_alerts(alerts)


def weekly_review_alert(now: datetime) -> Alert:
    """The Monday reminder; its state is the ISO week, so it shows once a week."""
    year, week, _ = to_utc(now).isocalendar()
    return Alert(
        "review.weekly",
        "info",
        "Your weekly ODR review is due",
        "Look through new defects, the ages-out dates and the 14-day forecast.",
        f"{year}-W{week:02d}",
        screen="defects",
        ref="new_since_review",
    )


def sort_alerts(alerts: list[Alert]) -> list[Alert]:
    """Most severe first; within a severity metrics, then deadlines (soonest first), then the rest."""
    return sorted(alerts, key=lambda a: (SEVERITY_ORDER[a.severity], _group(a.key)))


def _group(key: str) -> int:
    if key.startswith("deadline."):
        return 1
    if key.startswith(("data.", "review.")):
        return 2
    return 0
