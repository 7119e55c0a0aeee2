"""The weekly review as a PDF, drawn with Qt's own PDF writer (QPdfWriter, no extra library).

A4 pages: the figures with their targets and status, a trend chart per metric, the
defects new since the last review and the deadlines of the coming week. Times are in
the zone the seller chose (gui.display), words come from core.labels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QFileDialog, QWidget

from core.clock import Clock
from core.format import NO_VALUE, format_pct, format_time_left
from core.labels import label
from core.metrics.result import RateResult
from gui.display import day, when
from gui.operations import Ops
from gui.plain import warning
from gui.widgets.metric_text import count_text
from services.dashboard import Trend
from services.weekly_review import WeeklyReview, weekly_review

DPI = 144
STATUS_COLOURS = {"ok": "#1b7f3b", "warning": "#9a6700", "breach": "#c62828"}
TITLE = "Weekly review"


class _Pages:
    """A painter over the writer's pages that starts a new page when one is full."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer
        self.painter = QPainter(writer)
        self.width = float(writer.width())
        self.bottom = float(writer.height())
        self.y = 0.0

    def font(self, points: float, bold: bool = False) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(points)
        font.setBold(bold)
        self.painter.setFont(font)

    def room(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.writer.newPage()
            self.y = 0.0

    def line(self, text: str, points: float = 10, *, bold: bool = False, colour: str = "") -> None:
        self.font(points, bold)
        height = self.painter.fontMetrics().height() * 1.35
        self.room(height)
        self.painter.setPen(QColor(colour or "#202124"))
        rect = QRectF(0, self.y, self.width, height)
        self.painter.drawText(
            rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
        )
        self.y += height

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], shares: Sequence[float]
    ) -> None:
        """Columns by share of the width; cells elide in the middle; the header repeats."""
        self.font(9)
        metrics = self.painter.fontMetrics()
        height = metrics.height() * 1.5
        lefts = [sum(shares[:i]) * self.width for i in range(len(shares))]
        widths = [s * self.width for s in shares]

        def draw(cells: Sequence[str], bold: bool) -> None:
            self.room(height)
            self.font(9, bold)
            self.painter.setPen(QColor("#202124"))
            for x, w, text in zip(lefts, widths, cells, strict=True):
                shown = self.painter.fontMetrics().elidedText(
                    text, Qt.TextElideMode.ElideMiddle, int(w - 8)
                )
                self.painter.drawText(
                    QRectF(x + 2, self.y, w - 4, height), Qt.AlignmentFlag.AlignVCenter, shown
                )
            self.painter.setPen(QPen(QColor("#dadce0"), 1))
            self.painter.drawLine(QPointF(0, self.y + height), QPointF(self.width, self.y + height))
            self.y += height

        draw(header, True)
        for row in rows:
            if self.y + height > self.bottom:
                self.writer.newPage()
                self.y = 0.0
                draw(header, True)
            draw(row, False)

    def chart(self, rect: QRectF, title: str, trend: Trend) -> None:
        """The metric's stored values over time, its target dashed in red."""
        p = self.painter
        self.font(9, True)
        p.setPen(QColor("#202124"))
        p.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), 20), Qt.AlignmentFlag.AlignLeft, title
        )
        area = rect.adjusted(60, 34, -8, -22)
        points = [(t, v) for t, v in trend.points if v is not None]
        top = _nice_top(max([trend.target * 1.5, *(v for _t, v in points)]))
        self.font(7)
        p.setPen(QPen(QColor("#9aa0a6"), 1))
        p.drawRect(area)
        for value in (0.0, trend.target, top):
            y = area.bottom() - value / top * area.height()
            p.drawText(
                QRectF(rect.left(), y - 8, 56, 16),
                Qt.AlignmentFlag.AlignRight,
                format_pct(value, 1),
            )
        target_y = area.bottom() - trend.target / top * area.height()
        p.setPen(QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(area.left(), target_y), QPointF(area.right(), target_y))
        if len(points) < 2:
            p.setPen(QColor("#5f6368"))
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, "Not enough history yet")
            return
        first, last = points[0][0].timestamp(), points[-1][0].timestamp()
        span = (last - first) or 1.0
        line = [
            QPointF(
                area.left() + (t.timestamp() - first) / span * area.width(),
                area.bottom() - v / top * area.height(),
            )
            for t, v in points
        ]
        p.setPen(QPen(QColor("#1a73e8"), 2))
        p.drawPolyline(line)
        p.setPen(QColor("#5f6368"))
        below = QRectF(area.left(), area.bottom() + 2, area.width(), 18)
        p.drawText(below, Qt.AlignmentFlag.AlignLeft, day(points[0][0]))
        p.drawText(below, Qt.AlignmentFlag.AlignRight, day(points[-1][0]))


def _nice_top(value: float) -> float:
    """The chart's top: the largest value rounded up to a step a reader expects."""
    step = 0.5 if value <= 2 else 1.0 if value <= 5 else 5.0
    return max(step, math.ceil(value / step) * step)


def _figure(key: str, rate: RateResult) -> list[str]:
    status = label("status", rate.status)
    return [
        label("metric", key),
        format_pct(rate.value),
        f"{format_pct(rate.target)}",
        status,
        count_text(key, rate),
    ]


def write_review_pdf(review: WeeklyReview, path: Path) -> None:
    """Write the review to `path` (OSError when the file cannot be written)."""
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{TITLE}, {day(review.health.as_of)}")
    writer.setCreator("Account Health Monitor")
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
        )
    )
    pages = _Pages(writer)
    if not pages.painter.isActive():
        raise OSError(f"cannot write {path}")
    try:
        _draw(pages, review)
    finally:
        pages.painter.end()


def _draw(pages: _Pages, review: WeeklyReview) -> None:
    health = review.health
    last = day(review.last_review) if review.last_review else "never"
    pages.line(TITLE, 18, bold=True)
    pages.line(
        f"Computed for {when(health.as_of)} \u00b7 last review: {last}", 10, colour="#5f6368"
    )
    pages.y += 10
    pages.line("Figures", 13, bold=True)
    rates = health.metrics.rates()
    keys = (
        "order_defect_rate",
        "late_response_rate",
        "negative_feedback_rate",
        "return_dissatisfaction_rate",
    )
    rows = [_figure(k, rates[(k, "")]) for k in keys]
    pages.table(
        ["Metric", "Value", "Target", "Status", "Counted"], rows, (0.26, 0.09, 0.07, 0.12, 0.46)
    )
    pages.y += 12
    pages.line("Trends", 13, bold=True)
    cell_w, cell_h = pages.width / 2, 190.0
    for i, key in enumerate(keys):
        if i % 2 == 0:
            pages.room(cell_h)
        rect = QRectF((i % 2) * cell_w, pages.y, cell_w - 12, cell_h - 10)
        pages.chart(rect, label("metric", key), review.trends.get(key, Trend([], 0.0)))
        if i % 2 == 1:
            pages.y += cell_h
    pages.y += 8
    new = [r for r in review.new_defects if not r.neutral]  # 3 stars: not a defect
    pages.line(f"Defects new since the last review ({len(new)})", 13, bold=True)
    if new:
        pages.table(
            ["Kind", "Order", "Date", "In ODR", "Why not / details"],
            [
                [
                    label("defect_kind", r.kind),
                    r.order_id,
                    when(r.at),
                    "Yes" if r.counts else "No",
                    r.why_not or r.details,
                ]
                for r in new
            ],
            (0.17, 0.2, 0.22, 0.11, 0.3),
        )
    else:
        pages.line("None: nothing new arrived since the last review.", 10)
    pages.y += 12
    coming = review.coming
    pages.line(f"Deadlines of the coming week ({len(coming)})", 13, bold=True)
    if coming:
        pages.table(
            ["Kind", "Order", "Due", "Time left"],
            [
                [
                    label("deadline_kind", i.kind),
                    i.order_id or NO_VALUE,
                    when(i.due_at),
                    format_time_left(i.seconds_left),
                ]
                for i in coming
            ],
            (0.25, 0.25, 0.28, 0.22),
        )
    else:
        pages.line("No deadline falls in the next 7 days.", 10)


def ask_pdf_path(parent: QWidget, name: str) -> str:
    """Where to save (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save the weekly review", name, "PDF (*.pdf)")
    return path


def export_review(
    parent: QWidget, ops: Ops, clock: Clock, done: Callable[[str], None] | None = None
) -> None:
    """Ask where, read the review in the background, then draw it; `done(sentence)`."""
    now = clock()
    chosen = ask_pdf_path(parent, f"weekly-review-{now:%Y-%m-%d}.pdf")
    if not chosen:
        return
    path = Path(chosen)

    def write(review: WeeklyReview) -> None:
        try:
            write_review_pdf(review, path)
        except OSError as exc:
            warning(parent, TITLE, f"Could not write {path}: {exc}.")
            return
        if done is not None:
            done(f"Saved the weekly review to {path}.")

    ops.query(lambda store: weekly_review(store, now), write, parent=parent)
