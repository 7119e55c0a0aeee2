"""The Dashboard: one card per metric against its target, with headroom in words,
ages-out, forecast, trend charts, data freshness and Amazon's own figures.

Reads storage.health.Health (from bridge.metrics_changed or its own refresh)
through core.serialize's JSON dict, the same shape the CLI prints.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.freshness import FreshnessLine
from gui.widgets.metric_card import ChannelPanel, MetricCard
from gui.widgets.metric_text import (
    SHORT,
    TITLES,
    ages_out_sentence,
    components_text,
    count_text,
    forecast_points,
    forecast_sentence,
    headroom_sentence,
    metrics_json,
    pct,
    target_text,
)
from gui.widgets.performance_text import (
    ahr_text,
    odr_comparison,
    odr_window,
    shipping_figures,
    window_text,
)
from gui.widgets.sparkline import Sparkline
from gui.widgets.trend_chart import TrendChart

log = logging.getLogger(__name__)

METRICS = (
    "order_defect_rate",
    "late_response_rate",
    "negative_feedback_rate",
    "return_dissatisfaction_rate",
)
TREND_DAYS = 180
NO_PERFORMANCE_TEXT = (
    "Import Amazon's seller performance report (JSON) to see the shipping metrics, the "
    "Account Health Rating and Amazon's ODR beside the one computed here."
)


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

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(12, 8, 12, 12)
        lay.setSpacing(10)

        head = QHBoxLayout()
        head.addWidget(QLabel("<h2>Dashboard</h2>"))
        head.addStretch(1)
        self.as_of_label = QLabel("")
        head.addWidget(self.as_of_label)
        lay.addLayout(head)
        self.freshness = FreshnessLine()
        lay.addWidget(self.freshness)

        self.cards: dict[str, MetricCard] = {}
        self.trends: dict[str, TrendChart] = {}
        self._build_odr(lay)
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
        self._build_performance(lay)
        lay.addStretch(1)

        bridge.metrics_changed.connect(self.show_health)
        bridge.data_changed.connect(self._schedule_refresh)
        self.refresh()

    # --- building ----------------------------------------------------------------

    def _build_odr(self, lay: QVBoxLayout) -> None:
        card = MetricCard("Order Defect Rate (ODR)")
        self.cards["order_defect_rate"] = card
        self.odr_card = card
        panels = QHBoxLayout()
        self.channel_panels: dict[str, ChannelPanel] = {
            "afn": ChannelPanel("FBA (fulfilled by Amazon)"),
            "mfn": ChannelPanel("FBM (fulfilled by you)"),
        }
        for panel in self.channel_panels.values():
            panels.addWidget(panel, 1)
        card.details.addLayout(panels)
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        left = QVBoxLayout()
        self.components_label = card.add_line(muted=True)
        card.details.removeWidget(self.components_label)
        left.addWidget(self.components_label)
        self.ages_out_label = QLabel()
        self.ages_out_label.setWordWrap(True)
        left.addWidget(self.ages_out_label)
        self.forecast_label = QLabel()
        self.forecast_label.setWordWrap(True)
        left.addWidget(self.forecast_label)
        self.sparkline = Sparkline()
        self.sparkline.setAccessibleName("ODR forecast, next 14 days")
        left.addWidget(self.sparkline)
        self.amazon_label = QLabel()
        self.amazon_label.setWordWrap(True)
        self.amazon_label.setAccessibleName("Amazon's ODR compared")
        left.addWidget(self.amazon_label)
        left.addStretch(1)
        grid.addLayout(left, 0, 0)
        chart = TrendChart(TITLES["order_defect_rate"])
        self.trends["order_defect_rate"] = chart
        grid.addWidget(chart, 0, 1)
        card.details.addLayout(grid)
        lay.addWidget(card)

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

    def _build_performance(self, lay: QVBoxLayout) -> None:
        self.performance_title = QLabel("<h3>Amazon's figures</h3>")
        lay.addWidget(self.performance_title)
        self.performance_hint = QLabel(NO_PERFORMANCE_TEXT)
        self.performance_hint.setWordWrap(True)
        lay.addWidget(self.performance_hint)
        self.performance_area = QWidget()
        self.performance_grid = QGridLayout(self.performance_area)
        self.performance_grid.setContentsMargins(0, 0, 0, 0)
        self.performance_grid.setSpacing(10)
        lay.addWidget(self.performance_area)
        self.shipping_cards: list[MetricCard] = []
        self.ahr_card: MetricCard | None = None

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
        from storage.health import compute_health

        self.show_health(compute_health(self.store.db, self.clock()))

    def show_health(self, health: Any) -> None:
        from storage.repository.settings import load_settings

        self._dirty = False
        db = self.store.db
        settings = load_settings(db)
        self.data = metrics_json(health)
        as_of: datetime = getattr(health, "as_of", None) or self.clock()
        self.as_of_label.setText(f"Computed for {as_of.astimezone():%b %d, %Y %H:%M}")
        self._show_odr(self.data.get("order_defect_rate", {}))
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

    def _show_odr(self, odr: Mapping[str, Any]) -> None:
        self._show_rate("order_defect_rate", 10.0)
        target = odr.get("target")
        urgent: tuple[int, str] | None = None
        for ch, panel in self.channel_panels.items():
            scope = dict((odr.get("by_channel") or {}).get(ch) or {})
            scope.setdefault("target", target)
            panel.value_label.setText(pct(scope.get("value")))
            panel.pill.set_status(scope.get("status"))
            panel.count_label.setText(count_text("order_defect_rate", scope) if scope else "")
            panel.components_label.setText(components_text(scope))
            sentence = headroom_sentence("order_defect_rate", scope, ch) if odr else ""
            panel.headroom_label.setText(sentence)
            panel.setAccessibleDescription(f"{pct(scope.get('value'))}. {sentence}")
            room = scope.get("headroom")
            if scope.get("denominator") and room is not None:
                rank = -1 if scope.get("status") == "breach" else int(room)
                if urgent is None or rank < urgent[0]:
                    urgent = (rank, sentence)
        if urgent is not None:
            self.odr_card.headroom_label.setText(urgent[1])
        self.components_label.setText(
            "Defects in the window: " + components_text(odr) if odr.get("components") else ""
        )
        self.ages_out_label.setText(ages_out_sentence(odr) if odr else "")
        self.forecast_label.setText(forecast_sentence(odr) if odr else "")
        self.sparkline.set_points(forecast_points(odr), target)
        window = ""
        if odr.get("window_start") and odr.get("window_end"):
            window = f"orders of {window_text({'date_from': odr['window_start'], 'date_to': _day_before(odr['window_end'])})}"
        self.odr_card.target_label.setText(
            " \u00b7 ".join(x for x in (target_text("order_defect_rate", odr), window) if x)
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
        from storage.repository.imports import last_import_times

        self.freshness.set_times(last_import_times(self.store.db), now, stale_days)

    def _show_trends(self, as_of: datetime, marketplace: str) -> None:
        from storage.health import metric_history

        since = as_of - timedelta(days=TREND_DAYS)
        for key, chart in self.trends.items():
            try:
                points = metric_history(self.store.db, key, "", marketplace, since)
            except Exception:  # a chart must never take the dashboard down
                log.exception("trend history for %s failed", key)
                points = []
            target = self.data.get(key, {}).get("target")
            chart.set_history([(t, v) for t, v, _ in points], target)

    def _show_performance(self, now: datetime, settings: Any) -> None:
        from storage.repository.records import latest_performance

        snapshots = latest_performance(self.store.db)
        self._clear_performance()
        self.performance_hint.setVisible(not snapshots)
        if not snapshots:
            self.amazon_label.setText("")
            return
        row = 0
        for snap in snapshots:
            from core.marketplaces import find_marketplace

            market = find_marketplace(str(snap.get("marketplace_id", "")))
            imported = str(snap.get("imported_at", ""))[:10]
            if len(snapshots) > 1 or market is not None:
                label = QLabel(
                    f"<b>{market.name if market else snap.get('marketplace_id')}</b> \u2014 "
                    f"seller performance report imported {imported}"
                )
                self.performance_grid.addWidget(label, row, 0, 1, 5)
                row += 1
            for col, fig in enumerate(shipping_figures(snap)):
                card = MetricCard(fig.title, big=False)
                card.set_values(
                    value=fig.value,
                    status=fig.status,
                    target=fig.target,
                    count=" \u00b7 ".join(x for x in (fig.count, fig.window) if x),
                )
                self.performance_grid.addWidget(card, row, col)
                self.shipping_cards.append(card)
            head, status, detail = ahr_text(snap)
            ahr = MetricCard("Account Health Rating", big=False)
            ahr.set_values(value=head, status=status, count=detail)
            self.performance_grid.addWidget(ahr, row, 4)
            self.ahr_card = ahr
            row += 1
        self.amazon_label.setText(self._comparison_text(snapshots[0], now, settings))

    def _clear_performance(self) -> None:
        while self.performance_grid.count():
            item = self.performance_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.shipping_cards = []
        self.ahr_card = None

    def _comparison_text(self, snapshot: Mapping[str, Any], now: datetime, settings: Any) -> str:
        """Our ODR recomputed over exactly Amazon's window, so the two can be compared."""
        from storage.health import compute_health

        window = odr_window(snapshot)
        if window is None:
            return ""
        start, end = window
        lag = (now.replace(hour=0, minute=0, second=0, microsecond=0) - end).days
        if lag < 0:
            return ""
        same_window = dataclasses.replace(
            settings, odr_window_days=(end - start).days, odr_lag_days=lag
        )
        try:
            health = compute_health(self.store.db, now, settings=same_window)
        except Exception:
            log.exception("ODR for Amazon's window failed")
            return ""
        ours = metrics_json(health).get("order_defect_rate", {}).get("by_channel", {})
        lines = odr_comparison(snapshot, ours)
        if not lines:
            return ""
        span = window_text(
            {"date_from": start.isoformat(), "date_to": (end - timedelta(days=1)).isoformat()}
        )
        return f"<b>Amazon's ODR vs here, orders of {span}</b><br>" + "<br>".join(lines)


def _day_before(text: str) -> str:
    from core.clock import parse_iso

    return (parse_iso(text) - timedelta(days=1)).isoformat()
