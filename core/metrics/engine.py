"""compute_metrics: every metric of spec/metrics.md for one as_of, from prepared inputs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from core.clock import to_utc
from core.metrics.forecast import ages_out, forecast
from core.metrics.inputs import Contact, FeedbackKey, MetricInputs, feedback_day_counts
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


def nfr_counts(inputs: MetricInputs) -> Mapping[FeedbackKey, int]:
    """What NFR divides: the loaded counts, else counted from the feedback records."""
    if inputs.feedback_counts is not None:
        return inputs.feedback_counts
    return feedback_day_counts(inputs.feedback)


def lrr_contacts(inputs: MetricInputs, as_of: datetime) -> tuple[Contact, ...]:
    """What LRR counts: the loaded contacts, else found in the messages at as_of."""
    if inputs.contacts is not None:
        return inputs.contacts
    return tuple(contacts_from_messages(inputs.messages, as_of))


def typed_total(inputs: MetricInputs, settings: MetricSettings) -> int | None:
    """The Feedback Manager total the seller typed in: the inputs' own, else the setting."""
    if inputs.feedback_manager_total is not None:
        return inputs.feedback_manager_total
    return settings.feedback_manager_total


def compute_metrics(
    inputs: MetricInputs, as_of: datetime, settings: MetricSettings | None = None
) -> MetricsResult:
    """All four metrics at `as_of`; records dated after as_of do not exist yet."""
    cfg = settings or MetricSettings()
    moment = to_utc(as_of)
    return MetricsResult(
        as_of=moment,
        odr=compute_odr(inputs, moment, cfg),
        lrr=compute_lrr(lrr_contacts(inputs, moment), moment, cfg),
        nfr=compute_nfr(nfr_counts(inputs), moment, cfg, typed_total(inputs, cfg)),
        rdr=compute_rdr(inputs.returns, moment, cfg),
    )
