"""The Dashboard: one card per metric against its target, with headroom in words,
ages-out, forecast, trend charts, data freshness and Amazon's own figures.

The cards draw the `core.health.Health` the health feed publishes on
`bridge.metrics_changed` (typed results, no JSON), the same numbers the tray shows,
with Amazon's own status beside ours and Amazon's red flags above them; the rest of
the page (freshness by the newest record of each kind, the daily trends, Amazon's
figures, the settings the cards are worded with) is `services.dashboard.dashboard_page`,
loaded in the background when new numbers arrive. Nothing here touches the database on
the GUI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.freshness import rests_on
from core.health import Health
from core.metrics.result import METRIC_KEYS, LrrResult, NfrResult, RateResult
from core.reconciliation.flags import card_flags
from core.settings import MetricSettings
from gui.bridge import Bridge
from gui.display import when
from gui.views.amazon_figures_form import AmazonFiguresDialog, open_figures_form
from gui.views.screen import Screen
from gui.widgets.amazon_flags import AmazonFlagsBox
from gui.widgets.freshness import FreshnessLine
from gui.widgets.metric_card import MetricCard
from gui.widgets.metric_text import (
    SHORT,
    TITLES,
    components_text,
    count_text,
    headroom_sentence,
    pct,
    target_text,
)
from gui.widgets.odr_card import OdrCard
from gui.widgets.page import scroll_page
from gui.widgets.performance_panel import PerformancePanel, comparison_html
from gui.widgets.trend_chart import TrendChart
from services.changes import Changes
from services.dashboard import DashboardPage, dashboard_page, set_feedback_manager_total
from storage.db import Store

METRICS = METRIC_KEYS
INCOMPLETE_NFR_TEXT = (
    "Incomplete: only negative and neutral feedback was imported, so NFR cannot be "
    "computed from the files. Type the total number of ratings Feedback Manager shows "
    "for the last 90 days:"
)


def windows_text(windows: dict[int, RateResult], main_days: int) -> str:
    """'60 days: 1.20 % · 90 days: 0.90 %': the other windows beside the main one."""
    others = sorted(((n, r) for n, r in windows.items() if n != main_days), key=lambda p: p[0])
    return " \u00b7 ".join(f"{n} days: {pct(r.value)}" for n, r in others)


class DashboardView(Screen):
    screen_name = "dashboard"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.health: Health | None = None
        self.page: DashboardPage | None = None

        lay, head = scroll_page(self, "Dashboard")
        head.addWidget(self.updating_label)
        self.as_of_label = QLabel("")
        self.as_of_label.setWordWrap(True)
        self.as_of_label.setAccessibleName("What the numbers are computed for")
        lay.addWidget(self.as_of_label)
        self.freshness = FreshnessLine()
        lay.addWidget(self.freshness)
        self.amazon_flags = AmazonFlagsBox()
        self.amazon_flags.compare_requested.connect(
            lambda: bridge.navigate.emit("reconciliation", "")
        )
        lay.addWidget(self.amazon_flags)
        self.figures_form: AmazonFiguresDialog | None = None

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
            chart = TrendChart(TITLES[key], caption=f"{SHORT[key]} on each day")
            self.trends[key] = chart
            self.cards[key].details.addWidget(chart)
        self.performance = PerformancePanel()
        self.performance.type_requested.connect(self.open_figures_form)
        lay.addWidget(self.performance)
        lay.addStretch(1)

        bridge.metrics_changed.connect(self.show_health)
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

    def wants(self, changes: Changes) -> bool:
        """Metric inputs come back as new numbers (`show_health` reloads then); new daily
        points (the backfill) change the trends, the import history the freshness line."""
        return (changes.imports or changes.snapshots) and not changes.metric_inputs

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Load the page (freshness, trends, Amazon's figures) as of the shown numbers."""
        health = self.health
        now = health.as_of if health is not None else self._clock()
        marketplace = (health.marketplace if health is not None else None) or ""
        live = health.metrics if health is not None else None
        self.fetch(lambda store: dashboard_page(store, now, marketplace, live), self.show_page)

    def show_health(self, health: Health) -> None:
        """New numbers: the cards at once, the rest of the page in the background."""
        self.health = health
        self._show_cards()
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # reloaded when shown (Screen.showEvent)

    def show_page(self, page: DashboardPage) -> None:
        self.page = page
        self.freshness.set_ages(page.ages)
        for key, chart in self.trends.items():
            trend = page.trends[key]
            chart.set_history(trend.points, trend.target)
        self.performance.show_reports(page.amazon)
        self.amazon_label.setText(comparison_html(page.amazon))
        self._show_cards()

    @property
    def settings(self) -> MetricSettings:
        return self.page.settings if self.page is not None else MetricSettings()

    def _show_cards(self) -> None:
        health = self.health
        typed_total = self.settings.feedback_manager_total
        if health is None:
            self._show_nfr_total(None, typed_total)
            return
        metrics = health.metrics
        ages = self.page.ages if self.page is not None else []
        basis = rests_on(ages, ("orders", "messages", "feedback", "returns_fbm"))
        self.as_of_label.setText(
            f"Computed for {when(health.as_of)}" + (f", from {basis}." if basis else ".")
        )
        self.amazon_flags.set_flags(health.amazon)
        self.odr_card.show_odr(
            metrics.odr, health.amazon, rests_on(ages, ("orders", "feedback", "claims"))
        )
        self.cards["late_response_rate"].amazon_pill.set_flags(
            card_flags(health.amazon, "late_response_rate")
        )
        for key, rate in (
            ("late_response_rate", metrics.lrr.rate),
            ("negative_feedback_rate", metrics.nfr.rate),
            ("return_dissatisfaction_rate", metrics.rdr.rate),
        ):
            self.cards[key].set_values(
                value=pct(rate.value),
                status=rate.status,
                target=target_text(key, rate, self.settings.nfr_breach),
                count=count_text(key, rate),
                headroom=headroom_sentence(key, rate),
            )
        self._show_lrr(metrics.lrr)
        self.nfr_windows.setText(
            windows_text({n: w.rate for n, w in metrics.nfr.by_window.items()}, 90)
        )
        self._show_nfr_total(metrics.nfr, typed_total)
        self.rdr_components.setText(components_text(metrics.rdr.components))

    def _show_lrr(self, lrr: LrrResult) -> None:
        text = windows_text({n: w.rate for n, w in lrr.by_window.items()}, 30)
        if lrr.pending:
            s = "s" if lrr.pending != 1 else ""
            text += f"\n{lrr.pending} message{s} still inside the 24 h (not counted yet)."
        self.lrr_windows.setText(text)

    def _show_nfr_total(self, nfr: NfrResult | None, typed_total: int | None) -> None:
        """The Feedback Manager total: asked for when NFR is incomplete, shown when typed."""
        typed = nfr is not None and nfr.typed_total
        incomplete = nfr is not None and not nfr.complete and not typed
        self.nfr_total_box.setVisible(incomplete or typed or typed_total is not None)
        if incomplete:
            headroom = self.cards["negative_feedback_rate"].headroom_label
            headroom.setText(INCOMPLETE_NFR_TEXT)
            headroom.show()
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

    def open_figures_form(self) -> None:
        """Type Amazon's figures from the Account Health page (the same form as on Amazon vs
        ours); saved, they come back as new numbers with Amazon's status."""
        open_figures_form(self, lambda dialog: setattr(self, "figures_form", dialog))

    def save_feedback_total(self) -> None:
        """The typed total becomes NFR's denominator (spec: metrics.md, NFR)."""
        value = self.nfr_total_spin.value()
        self.write(lambda store: set_feedback_manager_total(store, value if value > 0 else None))
