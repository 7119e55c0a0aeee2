"""Amazon's own red flags as warnings: a Bad figure or a policy breach in its latest report.

Critical when Amazon marks it Bad (breach), a warning when at risk. Whatever the numbers
computed here say, Amazon's status is what Amazon acts on; the warning leads to the Amazon
vs ours screen, where the two sides are compared.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.alerts.alert import Alert, Severity
from core.format import format_date
from core.reconciliation.flags import AmazonFlag

SCREEN = "reconciliation"


def amazon_alert(flag: AmazonFlag) -> Alert | None:
    """The warning one of Amazon's flags raises; None for a figure Amazon is happy with."""
    if not flag.raised:
        return None
    source = (
        "the figures you typed from the Account Health page"
        if flag.typed
        else "Amazon's seller performance report"
    )
    where = f" ({flag.marketplace})" if flag.marketplace else ""
    word = flag.word or ("Bad" if flag.status == "breach" else "At risk")
    title = f"Amazon marks {flag.title} {word}" + (f": {flag.value}" if flag.value else "")
    detail = (
        f"From {source} of {format_date(flag.report_at)}{where}. Amazon acts on its own "
        "status, whatever the numbers computed here say: compare both on the Amazon vs "
        "ours screen."
    )
    market = flag.marketplace_id or "all"
    severity: Severity = "critical" if flag.status == "breach" else "warning"
    state = f"{flag.status}|{flag.said}|{flag.report_at.date().isoformat()}"
    return Alert(f"amazon.{market}.{flag.key}", severity, title, detail, state, screen=SCREEN)


def amazon_alerts(flags: Iterable[AmazonFlag]) -> list[Alert]:
    """One warning per red flag, in the flags' order (worst first)."""
    return [a for a in (amazon_alert(f) for f in flags) if a is not None]
