"""Result objects -> the JSON dicts of spec/cli.md, and text-table rows for people.

The command line's output only: the desktop app's widgets take the typed results
themselves (gui.widgets.metric_text words them). JSON values stay unrounded; instants
are ISO UTC with +00:00, calendar days YYYY-MM-DD. Text rows round rates to 2 decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from core.alerts import Alert, format_duration
from core.clock import iso
from core.deadlines import DeadlineItem
from core.marketplaces import marketplace_name
from core.metrics.result import (
    LrrWindow,
    MetricsResult,
    NfrWindow,
    OdrComponents,
    OdrResult,
    RateResult,
    RdrComponents,
)

JsonDict = dict[str, Any]


def _rate(rate: RateResult, *, window: bool = True, target: bool = True) -> JsonDict:
    out: JsonDict = {
        "value": rate.value,
        "numerator": rate.numerator,
        "denominator": rate.denominator,
    }
    if target:
        out["target"] = rate.target
    out["status"] = rate.status
    out["headroom"] = rate.headroom
    if window:
        out["window_start"] = iso(rate.window_start)
        out["window_end"] = iso(rate.window_end)
    return out


def _odr_components(c: OdrComponents) -> JsonDict:
    return {
        "negative_feedback": c.negative_feedback,
        "a_to_z_claims": c.a_to_z_claims,
        "chargebacks": c.chargebacks,
    }


def _rdr_components(c: RdrComponents) -> JsonDict:
    return {
        "negative_feedback": c.negative_feedback,
        "late": c.late,
        "incorrectly_rejected": c.incorrectly_rejected,
    }


def odr_to_json(odr: OdrResult) -> JsonDict:
    out = _rate(odr.rate)
    out["components"] = _odr_components(odr.components)
    out["by_channel"] = {
        ch: {
            **_rate(scope.rate, window=False, target=False),
            "components": _odr_components(scope.components),
        }
        for ch, scope in odr.by_channel.items()
    }
    out["ages_out"] = [{"order_id": a.order_id, "date": a.day.isoformat()} for a in odr.ages_out]
    out["forecast"] = [
        {
            "date": f.day.isoformat(),
            "value": f.rate.value,
            "numerator": f.rate.numerator,
            "denominator": f.rate.denominator,
        }
        for f in odr.forecast
    ]
    return out


def _lrr_window(w: LrrWindow) -> JsonDict:
    out = _rate(w.rate, target=False)
    out["pending"] = w.pending
    return out


def _nfr_window(w: NfrWindow) -> JsonDict:
    out = _rate(w.rate, target=False)
    del out["headroom"]
    return out


def metrics_to_json(result: MetricsResult, as_of: datetime, marketplace: str | None) -> JsonDict:
    """The `metrics --json` document."""
    lrr = _rate(result.lrr.rate)
    lrr["pending"] = result.lrr.pending
    lrr["by_window"] = {str(n): _lrr_window(w) for n, w in sorted(result.lrr.by_window.items())}
    nfr = _rate(result.nfr.rate)
    nfr["complete"] = result.nfr.complete
    nfr["typed_total"] = result.nfr.typed_total
    nfr["by_window"] = {str(n): _nfr_window(w) for n, w in sorted(result.nfr.by_window.items())}
    rdr = _rate(result.rdr.rate)
    rdr["components"] = _rdr_components(result.rdr.components)
    return {
        "as_of": iso(as_of),
        "marketplace": marketplace_name(marketplace) if marketplace else None,
        "metrics": {
            "order_defect_rate": odr_to_json(result.odr),
            "late_response_rate": lrr,
            "negative_feedback_rate": nfr,
            "return_dissatisfaction_rate": rdr,
        },
    }


def deadline_to_json(item: DeadlineItem) -> JsonDict:
    return {
        "kind": item.kind,
        "ref": item.ref,
        "order_id": item.order_id,
        "due_at": iso(item.due_at),
        "target_at": iso(item.target_at) if item.target_at is not None else None,
        "seconds_left": item.seconds_left,
        "state": item.state,
    }


def board_to_json(items: Sequence[DeadlineItem], now: datetime) -> JsonDict:
    """The `deadlines --json` document."""
    return {"now": iso(now), "items": [deadline_to_json(i) for i in items]}


def alerts_to_json(alerts: Sequence[Alert], now: datetime) -> JsonDict:
    """The `alerts --json` document."""
    return {
        "now": iso(now),
        "alerts": [
            {"key": a.key, "severity": a.severity, "title": a.title, "detail": a.detail}
            for a in alerts
        ],
    }


# --- text tables (rows of strings; the CLI aligns them) ---


def fmt_value(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


METRIC_HEADER = ["metric", "value %", "bad", "of", "target %", "status", "headroom", "window"]


def _row(name: str, rate: RateResult) -> list[str]:
    return [
        name,
        fmt_value(rate.value),
        str(rate.numerator),
        str(rate.denominator),
        fmt_value(rate.target),
        rate.status,
        "-" if rate.headroom is None else str(rate.headroom),
        f"{rate.window_start:%Y-%m-%d %H:%M} .. {rate.window_end:%Y-%m-%d %H:%M}",
    ]


def metrics_rows(result: MetricsResult) -> list[list[str]]:
    """Header + one row per metric (and per ODR channel, LRR/NFR window)."""
    rows = [METRIC_HEADER, _row("ODR", result.odr.rate)]
    for ch, scope in result.odr.by_channel.items():
        rows.append(_row(f"  ODR {ch.upper()}", scope.rate))
    rows.append(_row("LRR", result.lrr.rate))
    for n, lw in sorted(result.lrr.by_window.items()):
        rows.append(_row(f"  LRR {n} d", lw.rate))
    rows.append(_row("NFR", result.nfr.rate))
    for n, nw in sorted(result.nfr.by_window.items()):
        rows.append(_row(f"  NFR {n} d", nw.rate))
    rows.append(_row("RDR", result.rdr.rate))
    return rows


def forecast_rows(result: MetricsResult) -> list[list[str]]:
    rows = [["date", "ODR %", "defective", "orders"]]
    for f in result.odr.forecast:
        rows.append(
            [
                f.day.isoformat(),
                fmt_value(f.rate.value),
                str(f.rate.numerator),
                str(f.rate.denominator),
            ]
        )
    return rows


def ages_out_rows(result: MetricsResult) -> list[list[str]]:
    return [["order", "channel", "ages out"]] + [
        [a.order_id, a.channel.upper(), a.day.isoformat()] for a in result.odr.ages_out
    ]


def board_rows(items: Sequence[DeadlineItem]) -> list[list[str]]:
    rows = [["kind", "order", "due (UTC)", "left", "state"]]
    for i in items:
        left = format_duration(i.seconds_left)
        rows.append(
            [
                i.kind,
                i.order_id or i.ref,
                f"{i.due_at:%Y-%m-%d %H:%M}",
                f"-{left}" if i.seconds_left < 0 else left,
                i.state,
            ]
        )
    return rows


def alerts_rows(alerts: Sequence[Alert]) -> list[list[str]]:
    return [["severity", "warning", "detail"]] + [[a.severity, a.title, a.detail] for a in alerts]


def render_table(rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces."""
    if not rows:
        return ""
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows
    )
