"""Warnings before breach (spec/metrics.md, last section), in sentences a seller can trust.

Stateless: the same inputs give the same alerts. Each alert has a stable `key` and a
`state` fingerprint; the notifier re-shows an alert only when its state changes. One
warning per condition: a metric's status and its "one more breaches" are one alert
(`<metric>.status`); the former `<metric>.headroom` keys are gone.
"""

from core.alerts.alert import SEVERITY_ORDER, Alert, Severity, sort_alerts
from core.alerts.evaluate import evaluate_alerts
from core.alerts.reminders import weekly_review_alert
from core.alerts.review_requests import REVIEW_REQUESTS_KEY, review_requests_alert
from core.format import format_duration, format_pct

__all__ = [
    "REVIEW_REQUESTS_KEY",
    "SEVERITY_ORDER",
    "Alert",
    "Severity",
    "evaluate_alerts",
    "format_duration",
    "format_pct",
    "review_requests_alert",
    "sort_alerts",
    "weekly_review_alert",
]
