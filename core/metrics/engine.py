"""compute_metrics: every metric of spec/metrics.md for one as_of, from prepared inputs."""

from __future__ import annotations

from datetime import datetime

from core.clock import to_utc
from core.metrics.forecast import ages_out, forecast
from core.metrics.inputs import MetricInputs, feedback_day_counts
from core.metrics.lrr import compute_lrr, contacts_from_messages
from core.metrics.nfr import compute_nfr
from core.metrics.odr import day_window, defective_orders, scopes
from core.metrics.rdr import compute_rdr
from core.metrics.result import MetricsResult, OdrResult
from core.settings import MetricSettings


def compute_odr(inputs: MetricInputs, as_of: datetime, settings: MetricSettings) -> OdrResult:
    """ODR over the lagging purchase-date window, by channel, with ages-out and forecast."""
    defective = defective_orders(inputs, as_of)
    days = day_window(as_of.date(), settings)
    overall, by_channel = scopes(defective, inputs.order_counts, days, settings)
    return OdrResult(
        rate=overall.rate,
        components=overall.components,
        by_channel=by_channel,
        ages_out=ages_out(defective, days, settings),
        forecast=forecast(defective, inputs.order_counts, as_of, settings),
        defective_orders=defective,
    )


def compute_metrics(
    inputs: MetricInputs, as_of: datetime, settings: MetricSettings | None = None
) -> MetricsResult:
    """All four metrics at `as_of`; records dated after as_of do not exist yet."""
    cfg = settings or MetricSettings()
    moment = to_utc(as_of)
    feedback_counts = inputs.feedback_counts
    if feedback_counts is None:
        feedback_counts = feedback_day_counts(inputs.feedback)
    contacts = inputs.contacts
    if contacts is None:
        contacts = tuple(contacts_from_messages(inputs.messages, moment))
    typed = inputs.feedback_manager_total
    if typed is None:
        typed = cfg.feedback_manager_total
    return MetricsResult(
        as_of=moment,
        odr=compute_odr(inputs, moment, cfg),
        lrr=compute_lrr(contacts, moment, cfg),
        nfr=compute_nfr(feedback_counts, moment, cfg, typed),
        rdr=compute_rdr(inputs.returns, moment, cfg),
    )
