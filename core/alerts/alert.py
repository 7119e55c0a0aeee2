"""The warning record the tray, the warnings screen and `alerts --json` share, and its order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["info", "warning", "critical"]
SEVERITY_ORDER: dict[str, int] = {"critical": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Alert:
    key: str  # stable, e.g. "odr.afn.status", "deadline.message.M-17"
    severity: Severity
    title: str
    detail: str
    state: str  # fingerprint: the alert is re-shown only when this changes
    screen: str = "dashboard"  # where a click on the tray message leads
    ref: str = ""  # the row to select there


def sort_alerts(alerts: list[Alert]) -> list[Alert]:
    """Most severe first; within a severity metrics, then deadlines (soonest first), then the rest."""
    return sorted(alerts, key=lambda a: (SEVERITY_ORDER[a.severity], _group(a.key)))


def _group(key: str) -> int:
    if key.startswith("deadline."):
        return 1
    if key.startswith(("data.", "review.", "review_requests.")):
        return 2
    return 0
