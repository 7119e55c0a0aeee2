"""Every warning that holds at an instant (spec/metrics.md, last section), most severe first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from core.alerts.alert import Alert, sort_alerts
from core.alerts.amazon import amazon_alerts
from core.alerts.rates import Levels, Wording, below_target_levels, forecast_alert, have, rate_alert
from core.alerts.reminders import deadline_alert, stale_alert, weekly_review_alert
from core.clock import to_utc
from core.deadline_history import FirstImports, split_history
from core.deadlines import DeadlineItem
from core.format import UTC_PREFS, DisplayPrefs, count_noun, format_window
from core.labels import label
from core.metrics.common import exact
from core.metrics.result import MetricsResult, OdrComponents, RateResult, RdrComponents
from core.model import CHANNELS
from core.reconciliation.flags import AmazonFlag
from core.settings import MetricSettings

_ODR_ADVICE = "Work through open claims and removable feedback on the Defects screen."
_LRR_ADVICE = "Answer the overdue buyer messages in the Inbox."
_NFR_ADVICE = "Check the negative feedback on the Defects screen for comments Amazon removes."
_RDR_ADVICE = "Decide pending return requests within 48 h."


def _counted(parts: list[tuple[int, str]]) -> str:
    """' (3 with negative feedback, 1 with a chargeback)' for the non-zero parts."""
    shown = [f"{n} {what}" for n, what in parts if n]
    return f" ({', '.join(shown)})" if shown else ""


def _odr_facts(rate: RateResult, c: OdrComponents) -> str:
    parts = [
        (c.negative_feedback, "with negative feedback"),
        (c.a_to_z_claims, "with an A-to-z claim" if c.a_to_z_claims == 1 else "with A-to-z claims"),
        (c.chargebacks, "with a chargeback" if c.chargebacks == 1 else "with chargebacks"),
    ]
    return (
        f"{rate.numerator} of {count_noun(rate.denominator, 'order')} purchased "
        f"{format_window(rate.window_start, rate.window_end)} {have(rate.numerator)} a defect"
        f"{_counted(parts)}."
    )


def _rdr_facts(rate: RateResult, c: RdrComponents, cfg: MetricSettings) -> str:
    verb = "counts" if rate.numerator == 1 else "count"
    parts = [
        (c.late, f"decided after {cfg.return_decision_hours} h"),
        (c.incorrectly_rejected, "rejected although in policy"),
        (c.negative_feedback, "with negative return feedback"),
    ]
    return (
        f"{rate.numerator} of {count_noun(rate.denominator, 'FBM return request')} of the "
        f"last {cfg.rdr_days} days {verb} against you{_counted(parts)}."
    )


def _metric_alerts(metrics: MetricsResult, cfg: MetricSettings) -> list[Alert]:
    """One warning per metric (ODR per channel), plus each channel's forecast crossing."""
    below = below_target_levels
    out: list[Alert | None] = []
    for ch in CHANNELS:
        scope = metrics.odr.by_channel.get(ch)
        if scope is None:
            continue
        name = f"{label('channel_short', ch)} ODR"
        items = ("defective order", "defective orders")
        facts = _odr_facts(scope.rate, scope.components)
        w = Wording(f"odr.{ch}", name, facts, items, _ODR_ADVICE)
        out.append(rate_alert(w, scope.rate, below(scope.rate.target, cfg.warn_ratio)))
        out.append(forecast_alert(metrics.odr, ch, name, metrics.as_of, cfg))
    lrr = metrics.lrr.rate
    lrr_facts = (
        f"{lrr.numerator} of {count_noun(lrr.denominator, 'buyer message')} of the last "
        f"{cfg.lrr_days} days {'was' if lrr.numerator == 1 else 'were'} not answered within "
        f"{cfg.response_hours} hours."
    )
    late = ("late reply", "late replies")
    w = Wording("lrr", "Late Response Rate", lrr_facts, late, _LRR_ADVICE)
    out.append(rate_alert(w, lrr, below(lrr.target, cfg.warn_ratio)))
    nfr = metrics.nfr.rate
    nfr_facts = (
        f"{nfr.numerator} of {count_noun(nfr.denominator, 'rating')} of the last "
        f"{cfg.nfr_days} days {'is' if nfr.numerator == 1 else 'are'} negative (1 or 2 stars)."
    )
    w = Wording("nfr", "Negative Feedback Rate", nfr_facts, None, _NFR_ADVICE)
    out.append(rate_alert(w, nfr, Levels(exact(cfg.nfr_warning), exact(cfg.nfr_breach), True)))
    rdr = metrics.rdr.rate
    facts = _rdr_facts(rdr, metrics.rdr.components, cfg)
    unhappy = ("unhappy return", "unhappy returns")
    w = Wording("rdr", "Return Dissatisfaction Rate", facts, unhappy, _RDR_ADVICE)
    out.append(rate_alert(w, rdr, below(rdr.target, cfg.warn_ratio)))
    return [a for a in out if a is not None]


def evaluate_alerts(
    metrics: MetricsResult,
    board: list[DeadlineItem],
    now: datetime,
    *,
    last_orders_import: datetime | None,
    weekly_review_due: bool,
    settings: MetricSettings | None = None,
    first_imports: FirstImports | None = None,
    prefs: DisplayPrefs = UTC_PREFS,
    amazon: Sequence[AmazonFlag] = (),
) -> list[Alert]:
    """Every warning that holds at `now`, most severe first (a stable order).

    `amazon` are the figures of Amazon's latest report (or typed-in figures): the ones
    Amazon marks Bad or at risk are warnings of their own (core.alerts.amazon).

    `first_imports` (report kind -> first import) makes clocks that ran out before the
    seller's first import history: they raise no warning (core.deadline_history).
    `prefs` sets the zone of the times in the texts; keys and states never depend on it.
    """
    cfg = settings or MetricSettings()
    moment = to_utc(now)
    alerts = _metric_alerts(metrics, cfg) + amazon_alerts(amazon)
    current, _ = split_history(board, first_imports)
    alerts += [a for a in (deadline_alert(i, prefs) for i in current) if a is not None]
    stale = stale_alert(moment, last_orders_import, cfg, prefs)
    if stale is not None:
        alerts.append(stale)
    if weekly_review_due:
        alerts.append(weekly_review_alert(moment))
    return sort_alerts(alerts)
