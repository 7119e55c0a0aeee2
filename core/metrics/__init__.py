"""The metric engine (spec/metrics.md): pure functions from MetricInputs to results."""

from core.metrics.common import below_target_status, exact, headroom, rate_value
from core.metrics.engine import compute_metrics, compute_odr
from core.metrics.history import DailyPoint, daily_history
from core.metrics.inputs import MetricInputs
from core.metrics.result import (
    METRIC_KEYS,
    AgesOut,
    DefectiveOrder,
    ForecastDay,
    LrrResult,
    LrrWindow,
    MetricsResult,
    NfrResult,
    NfrWindow,
    OdrComponents,
    OdrResult,
    OdrScope,
    RateResult,
    RdrComponents,
    RdrResult,
    Status,
)

__all__ = [
    "METRIC_KEYS",
    "AgesOut",
    "DailyPoint",
    "DefectiveOrder",
    "ForecastDay",
    "LrrResult",
    "LrrWindow",
    "MetricInputs",
    "MetricsResult",
    "NfrResult",
    "NfrWindow",
    "OdrComponents",
    "OdrResult",
    "OdrScope",
    "RateResult",
    "RdrComponents",
    "RdrResult",
    "Status",
    "below_target_status",
    "compute_metrics",
    "compute_odr",
    "daily_history",
    "exact",
    "headroom",
    "rate_value",
]
