"""Amazon's seller performance report beside our own numbers, every difference in words.

Our ODR is recomputed by the metric engine over exactly Amazon's window, so a gap between
the two figures is explained instead of hidden: orders not imported, defects Amazon has not
counted yet, a rule Amazon applies differently, or Amazon's rounding. Shipping metrics and
the Account Health Rating are Amazon's alone; they are judged against their targets here.
"""

from __future__ import annotations

from core.reconciliation.ahr_text import (
    AhrSummary,
    ahr_summary,
    assurance_sentence,
    band_sentence,
    check_ahr_score,
    parse_ahr_score,
)
from core.reconciliation.amazon import (
    AmazonFigure,
    figures_of,
    find_figure,
    odr_windows,
    report_time,
)
from core.reconciliation.odr import (
    ChannelReconciliation,
    Explanation,
    Gap,
    OdrSide,
    WindowData,
    coverage_gaps,
    gap_sentence,
    reconcile_channel,
    window_settings,
)
from core.reconciliation.serialize import ahr_to_json, reconciliation_to_json
from core.reconciliation.shipping import (
    SHIPPING,
    PolicyRow,
    Reconciliation,
    ShippingRow,
    ShippingSpec,
    WarningRow,
    policy_rows,
    reconcile_snapshot,
    shipping_row,
    warning_rows,
)
from core.reconciliation.text import (
    AMAZON_STATUS,
    CHANNEL_NAMES,
    GAP_MIN_EXPECTED,
    LATE_DEFECT_DAYS,
    ODR,
    amazon_status,
    pct,
    plural,
    short_day,
    span_text,
)

__all__ = [
    "AMAZON_STATUS",
    "AhrSummary",
    "AmazonFigure",
    "CHANNEL_NAMES",
    "ChannelReconciliation",
    "Explanation",
    "GAP_MIN_EXPECTED",
    "Gap",
    "LATE_DEFECT_DAYS",
    "ODR",
    "OdrSide",
    "PolicyRow",
    "Reconciliation",
    "SHIPPING",
    "ShippingRow",
    "ShippingSpec",
    "WarningRow",
    "WindowData",
    "ahr_summary",
    "ahr_to_json",
    "amazon_status",
    "assurance_sentence",
    "band_sentence",
    "check_ahr_score",
    "coverage_gaps",
    "figures_of",
    "find_figure",
    "gap_sentence",
    "odr_windows",
    "parse_ahr_score",
    "pct",
    "plural",
    "policy_rows",
    "reconcile_channel",
    "reconcile_snapshot",
    "reconciliation_to_json",
    "report_time",
    "shipping_row",
    "short_day",
    "span_text",
    "warning_rows",
    "window_settings",
]
