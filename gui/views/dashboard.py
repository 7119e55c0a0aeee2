"""The Dashboard: one card per metric against its target, with headroom in words,
ages-out, forecast, trend charts, data freshness and Amazon's own figures.

Reads core.health.Health (from bridge.metrics_changed or its own refresh)
through core.serialize's JSON dict, the same shape the CLI prints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.freshness import FreshnessLine
from gui.widgets.metric_card import MetricCard
from gui.widgets.metric_text import (
    SHORT,
    TITLES,
    components_text,
    count_text,
    headroom_sentence,
    metrics_json,
    pct,
    target_text,
)
from gui.widgets.odr_card import OdrCard
from gui.widgets.page import scroll_page
from gui.widgets.performance_panel import PerformancePanel, load_comparison_html
from gui.widgets.trend_chart import TrendChart

log = logging.getLogger(__name__)

METRICS = (
    "order_defect_rate",
    "late_response_rate",
    "negative_feedback_rate",
    "return_dissatisfaction_rate",
)
TREND_DAYS = 180


class DashboardView(QWidget):
    def __init__(
        self,
        store: Any,
        bridge: Any,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.bridge = bridge
        self.clock = clock
        self.data: dict[str, Any] = {}
        self._dirty = False

        lay, head = scroll_page(self, "Dashboard")
        self.as_of_label = QLabel("")
        head.addWidget(self.as_of_label)
        self.freshness = FreshnessLine()
        lay.addWidget(self.freshness)

        self.cards: dict[str, MetricCard] = {}
        self.trends: dict[str, TrendChart] = {}
        self.odr_card = OdrCard()
        self.cards["order_defect_rate"] = self.odr_card
        self.trends["order_defect_rate"] = self.odr_card.trend
        self.channel_panels = self.odr_card.channel_panels
        self.components_label = self.odr_card.components_label
        self.ages_out_label = self.odr_card.ages_out_label
        self.forecast_label = self.odr_card.forecast_label
        self.amazon_label = self.odr_card.amazon_label
        lay.addWidget(self.odr_card)
        row = QHBoxLayout()
        row.setSpacing(10)
        for key in METRICS[1:]:
            card = MetricCard(f"{TITLES[key]} ({SHORT[key]})")
            self.cards[key] = card
            row.addWidget(card, 1)
        lay.addLayout(row)
        self.lrr_windows = self.cards["late_response_rate"].add_line(muted=True)
        self.nfr_windows = self.cards["negative_feedback_rate"].add_line(muted=True)
        self._build_nfr_total(self.cards["negative_feedback_rate"])
        self.rdr_components = self.cards["return_dissatisfaction_rate"].add_line(muted=True)
        for key in METRICS[1:]:
            chart = TrendChart(TITLES[key])
            self.trends[key] = chart
            self.cards[key].details.addWidget(chart)
        self.performance = PerformancePanel()
        lay.addWidget(self.performance)
        lay.addStretch(1)

        bridge.metrics_changed.connect(self.show_health)
        bridge.data_changed.connect(self._schedule_refresh)
        self.refresh()

    # --- building ----------------------------------------------------------------

    def _build_nfr_total(self, card: MetricCard) -> None:
        box = QWidget()
        row = QVBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.nfr_total_label = QLabel()
        self.nfr_total_label.setWordWrap(True)
        row.addWidget(self.nfr_total_label)
        line = QHBoxLayout()
        self.nfr_total_spin = QSpinBox()
        self.nfr_total_spin.setRange(0, 100_000_000)
        self.nfr_total_spin.setGroupSeparatorShown(True)
        self.nfr_total_spin.setSpecialValueText("not set")
        self.nfr_total_spin.setAccessibleName("Feedback Manager total ratings")
        self.nfr_total_spin.setToolTip(
            "Feedback Manager shows how many ratings you received in the last 90 days."
        )
        self.nfr_total_button = QPushButton("Use this total")
        self.nfr_total_button.clicked.connect(self.save_feedback_total)
        line.addWidget(self.nfr_total_spin, 1)
        line.addWidget(self.nfr_total_button)
        row.addLayout(line)
        self.nfr_total_box = box
        card.details.addWidget(box)

    @property
    def shipping_cards(self) -> list[MetricCard]:
        return self.performance.shipping_cards

    @property
    def ahr_card(self) -> MetricCard | None:
        return self.performance.ahr_card

    @property
    def performance_hint(self) -> QLabel:
        return self.performance.hint

    # --- data --------------------------------------------------------------------

    def _schedule_refresh(self) -> None:
        """Coalesce: an import emits data_changed and then metrics_changed."""
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self._refresh_if_dirty)

    def _refresh_if_dirty(self) -> None:
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        from services.health import current_health

        self.show_health(current_health(self.store, self.clock()))

    def show_health(self, health: Any) -> None:
        from storage.repository.settings import load_settings

        self._dirty = False
        db = self.store.db
        settings = load_settings(db)
        self.data = metrics_json(health)
        as_of: datetime = getattr(health, "as_of", None) or self.clock()
        self.as_of_label.setText(f"Computed for {as_of.astimezone():%b %d, %Y %H:%M}")
        self.odr_card.show_odr(self.data.get("order_defect_rate", {}))
        self._show_rate("late_response_rate", settings.nfr_breach)
        self._show_rate("negative_feedback_rate", settings.nfr_breach)
        self._show_rate("return_dissatisfaction_rate", settings.nfr_breach)
        self._show_lrr_nfr_rdr_details(settings.feedback_manager_total)
        self._show_freshness(as_of, settings.stale_days)
        self._show_trends(as_of, getattr(health, "marketplace", None) or "")
        self._show_performance(as_of, settings)

    def _show_rate(self, key: str, nfr_breach: float) -> None:
        m = self.data.get(key, {})
        self.cards[key].set_values(
            value=pct(m.get("value")),
            status=m.get("status"),
            target=target_text(key, m, nfr_breach),
            count=count_text(key, m) if m else "",
            headroom=headroom_sentence(key, m) if m else "",
        )

    def _show_lrr_nfr_rdr_details(self, typed_total: int | None) -> None:
        lrr = self.data.get("late_response_rate", {})
        windows = lrr.get("by_window") or {}
        parts = [f"{n} days: {pct(w.get('value'))}" for n, w in windows.items() if n != "30"]
        pending = lrr.get("pending")
        text = " \u00b7 ".join(parts)
        if pending:
            text += f"\n{pending} message{'s' if pending != 1 else ''} still inside the 24 h (not counted yet)."
        self.lrr_windows.setText(text)

        nfr = self.data.get("negative_feedback_rate", {})
        nwin = nfr.get("by_window") or {}
        self.nfr_windows.setText(
            " \u00b7 ".join(
                f"{n} days: {pct(w.get('value'))}" for n, w in nwin.items() if n != "90"
            )
        )
        typed = bool(nfr.get("typed_total"))
        incomplete = bool(nfr) and nfr.get("complete") is False and not typed
        self.nfr_total_box.setVisible(incomplete or typed or typed_total is not None)
        if incomplete:
            self.cards["negative_feedback_rate"].headroom_label.setText(
                "Incomplete: only negative and neutral feedback was imported, so NFR cannot be "
                "computed from the files. Type the total number of ratings Feedback Manager shows "
                "for the last 90 days:"
            )
            self.cards["negative_feedback_rate"].headroom_label.show()
            self.nfr_total_label.hide()
        else:
            self.nfr_total_label.setText(
                f"Uses the Feedback Manager total you typed ({typed_total:,} ratings)."
                if typed and typed_total
                else "Feedback Manager total (optional):"
            )
            self.nfr_total_label.show()
        if typed_total is not None and not self.nfr_total_spin.hasFocus():
            self.nfr_total_spin.setValue(int(typed_total))

        rdr = self.data.get("return_dissatisfaction_rate", {})
        self.rdr_components.setText(components_text(rdr))

    def save_feedback_total(self) -> None:
        """The typed total becomes NFR's denominator (spec: metrics.md, NFR)."""
        from storage.repository.settings import set_setting

        value = self.nfr_total_spin.value()
        set_setting(self.store.db, "feedback_manager_total", value if value > 0 else None)
        self.bridge.data_changed.emit()

    def _show_freshness(self, now: datetime, stale_days: int) -> None:
        from storage.imports.history import last_import_times

        self.freshness.set_times(last_import_times(self.store.db), now, stale_days)

    def _show_trends(self, as_of: datetime, marketplace: str) -> None:
        from services.health import metric_history

        since = as_of - timedelta(days=TREND_DAYS)
        for key, chart in self.trends.items():
            try:
                points = metric_history(self.store, key, "", marketplace, since)
            except Exception:  # a chart must never take the dashboard down
                log.exception("trend history for %s failed", key)
                points = []
            target = self.data.get(key, {}).get("target")
            chart.set_history([(t, v) for t, v, _ in points], target)

    def _show_performance(self, now: datetime, settings: Any) -> None:
        """Amazon's latest figures, and our ODR over exactly Amazon's window beside them."""
        from storage.repository.records import latest_performance

        snapshots = latest_performance(self.store.db)
        self.performance.show_snapshots(snapshots)
        text = ""
        if snapshots:
            try:
                text = load_comparison_html(self.store.db, now, settings)
            except Exception:  # the comparison must never take the dashboard down
                log.exception("ODR for Amazon's window failed")
        self.amazon_label.setText(text)
