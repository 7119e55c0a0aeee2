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
    "return": "returns",
    "claim_info": "defects",
    "appeal": "defects",
    "feedback_removal": "feedback",
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


def _rate_alerts(
    short: str,
    label: str,
    unit: str,
    rate: RateResult,
    *,
    has_headroom: bool = True,
    breach_limit: float | None = None,
) -> list[Alert]:
    """Status warning/breach, and 'one more ... breaches' when headroom is 0.

    `breach_limit` is for NFR, whose target (warning) and breach limits differ.
    """
    alerts: list[Alert] = []
    if rate.value is None:
        return alerts
    value, target = format_pct(rate.value), format_pct(rate.target)
    detail = f"{rate.numerator} of {rate.denominator} {unit} since {format_day(rate.window_start)}."
    if rate.status == "breach":
        alerts.append(
            Alert(
                f"{short}.status",
                "critical",
                f"{label} is {value}, over the {format_pct(breach_limit or rate.target)} limit",
                detail,
                "breach",
            )
        )
    elif rate.status == "warning":
        alerts.append(
            Alert(
                f"{short}.status",
                "warning",
                f"{label} is {value}, close to the {target} limit",
                detail,
                "warning",
            )
        )
    if has_headroom and rate.status != "breach" and rate.numerator > 0 and rate.headroom == 0:
        one_more = {
            "orders": "defective order",
            "buyer messages": "late reply",
            "return requests": "unhappy return",
        }[unit]
        alerts.append(
            Alert(
                f"{short}.headroom",
                "warning",
                f"One more {one_more} puts your {label} over {target}",
                detail,
                f"n={rate.numerator}",
            )
        )
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
    """Every warning that holds at `now`, most severe first."""
    cfg = settings or MetricSettings()
    moment = to_utc(now)
    alerts: list[Alert] = []
    for ch in CHANNELS:
        scope = metrics.odr.by_channel.get(ch)
        if scope is None or scope.rate.denominator == 0:
            continue
        alerts += _rate_alerts(f"odr.{ch}", f"{CHANNEL_LABEL[ch]} ODR", "orders", scope.rate)
        forecast = _forecast_alert(metrics.odr, ch, metrics.as_of, cfg)
        if forecast is not None:
            alerts.append(forecast)
    alerts += _rate_alerts("lrr", "Late Response Rate", "buyer messages", metrics.lrr.rate)
    alerts += _rate_alerts(
        "nfr",
        "Negative Feedback Rate",
        "ratings",
        metrics.nfr.rate,
        has_headroom=False,
        breach_limit=cfg.nfr_breach,
    )
    alerts += _rate_alerts(
        "rdr", "Return Dissatisfaction Rate", "return requests", metrics.rdr.rate
    )
    alerts += [a for a in (_deadline_alert(i) for i in board) if a is not None]
    stale = _stale_alert(moment, last_orders_import, cfg)
    if stale is not None:
        alerts.append(stale)
    if weekly_review_due:
        year, week, _ = moment.isocalendar()
        alerts.append(
            Alert(
                "review.weekly",
                "info",
                "Your weekly ODR review is due",
                "Look through new defects, the ages-out dates and the 14-day forecast.",
                f"{year}-W{week:02d}",
            )
        )
    alerts.sort(key=lambda a: (SEVERITY_ORDER[a.severity], a.key))
    return alerts
