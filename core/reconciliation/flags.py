"""Amazon's own verdicts in its latest report: every figure's status, and the red flags.

Amazon's status decides, whatever the numbers computed here say: a report that marks FBM
ODR Bad, or a policy in breach ("Product condition customer complaints: 1"), must reach the
dashboard's cards and the warnings, not only the Amazon vs ours screen. The snapshot is a
stored report or typed-in figures (core.reconciliation.typed); both read the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.marketplaces import marketplace_name
from core.reconciliation.amazon import AmazonFigure, figures_of, report_time
from core.reconciliation.shipping import (
    SHIPPING,
    policy_rows,
    warning_rows,
)
from core.reconciliation.text import CHANNEL_NAMES, ODR, amazon_status, pct, plural

RAISED = ("breach", "warning")
_RANK = {"breach": 0, "warning": 1, "ok": 2, "no_data": 3}
OUR_METRICS = {ODR: "order_defect_rate", "lateResponseRate": "late_response_rate"}
"""Amazon's names of the figures that have a card of ours on the dashboard."""


@dataclass(frozen=True, slots=True)
class AmazonFlag:
    """One figure of Amazon's with Amazon's own status (ok / warning / breach)."""

    key: str  # stable: "orderDefectRate.mfn", "productConditionCustomerComplaints", "ahr"
    title: str  # "FBM Order Defect Rate"
    value: str  # the figure: "1.00 % (3 of 301 orders)", "1 complaint", "" when none
    word: str  # Amazon's word for it: "Bad", "Good", "At risk", "" when none
    status: str  # ok / warning / breach
    marketplace_id: str
    report_at: datetime
    typed: bool = False  # typed in from the Account Health page, not a report
    metric: str = ""  # our card's metric key ("order_defect_rate"), "" when none
    channel: str = ""

    @property
    def raised(self) -> bool:
        """A red flag: Amazon marks it Bad (breach) or at risk (warning)."""
        return self.status in RAISED

    @property
    def marketplace(self) -> str:
        return marketplace_name(self.marketplace_id) if self.marketplace_id else ""

    @property
    def said(self) -> str:
        """'1.00 % (3 of 301 orders), Bad': the figure and Amazon's word."""
        return ", ".join(x for x in (self.value, self.word) if x) or "no status"

    @property
    def text(self) -> str:
        """'FBM Order Defect Rate: 1.00 % (3 of 301 orders), Bad'."""
        return f"{self.title}: {self.said}"


def _word(raw: str) -> str:
    """Amazon's word as a reader sees it: 'BAD' -> 'Bad', 'AT_RISK' -> 'At risk'."""
    return raw.replace("_", " ").strip().capitalize()


def _rate_flag(fig: AmazonFigure, title: str, base: dict[str, Any]) -> AmazonFlag:
    value = pct(fig.rate * 100) if fig.rate is not None else ""
    counts = fig.counts
    if fig.name == ODR and "orderWithDefects" in counts and "orderCount" in counts:
        value += f" ({counts['orderWithDefects']} of {plural(counts['orderCount'], 'order')})"
    key = f"{fig.name}.{fig.channel}" if fig.channel else fig.name
    metric = OUR_METRICS.get(fig.name, "")
    return AmazonFlag(
        key, title, value, _word(fig.status), amazon_status(fig.status), **base, metric=metric,
        channel=fig.channel,
    )  # fmt: skip


def amazon_flags(snapshot: Mapping[str, Any]) -> list[AmazonFlag]:
    """Every figure of the snapshot that carries a status, worst first (then as listed)."""
    figures = figures_of(snapshot)
    base: dict[str, Any] = {
        "marketplace_id": str(snapshot.get("marketplace_id") or ""),
        "report_at": report_time(snapshot),
        "typed": snapshot.get("source") == "typed",
    }
    flags: list[AmazonFlag] = []
    for fig in figures:
        if fig.name == ODR and fig.channel in CHANNEL_NAMES:
            title = f"{CHANNEL_NAMES[fig.channel]} Order Defect Rate"
            flags.append(_rate_flag(fig, title, base))
    titles = {s.name: s.title for s in SHIPPING}
    for fig in figures:
        if fig.name in titles and fig.status:
            flags.append(_rate_flag(fig, titles[fig.name], base))
    for row in policy_rows(figures):
        value, word = plural(row.defects, "complaint"), _word(_raw(figures, row.name))
        flags.append(AmazonFlag(row.name, row.title, value, word, row.status, **base))
    for w in warning_rows(figures):
        value = str(w.count) if w.count is not None else ""
        flags.append(AmazonFlag(w.name, w.title, value, _word(w.said), w.status, **base))
    flags += _account_flags(snapshot, base)
    flags.sort(key=lambda f: _RANK.get(f.status, 3))
    return flags


def _raw(figures: Iterable[AmazonFigure], name: str) -> str:
    return next((f.status for f in figures if f.name == name), "")


def _account_flags(snapshot: Mapping[str, Any], base: dict[str, Any]) -> list[AmazonFlag]:
    """The Account Health Rating and the account's own status, when the snapshot has them."""
    out = []
    ahr_raw = str(snapshot.get("ahr_status") or "")
    score = snapshot.get("ahr_score")
    if ahr_raw or score is not None:
        value = str(score) if score is not None else ""
        out.append(
            AmazonFlag(
                "ahr",
                "Account Health Rating",
                value,
                _word(ahr_raw),
                amazon_status(ahr_raw),
                **base,
            )  # fmt: skip
        )
    account = str(snapshot.get("account_status") or "")
    if account:
        out.append(
            AmazonFlag(
                "account", "Account status", "", _word(account), amazon_status(account), **base
            )  # fmt: skip
        )
    return out


def red_flags(flags: Iterable[AmazonFlag]) -> list[AmazonFlag]:
    """The flags Amazon raises (breach or warning), worst first."""
    return [f for f in flags if f.raised]


def card_flags(
    flags: Iterable[AmazonFlag], metric: str, channel: str | None = None
) -> list[AmazonFlag]:
    """Amazon's figures for one of our cards (`channel=None`: every channel of it)."""
    return [f for f in flags if f.metric == metric and (channel is None or f.channel == channel)]
