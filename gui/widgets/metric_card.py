"""A dashboard card: title, status pill, big value, target, counts and sentences.

The value is always shown with its status word (never colour alone); extra
widgets (channel panels, charts, input fields) go into `details`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.metrics.result import OdrScope
from gui.widgets.metric_text import components_text, count_text, pct
from gui.widgets.pill import AmazonPill, StatusPill

ODR = "order_defect_rate"


def _wrapping(text: str = "", *, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:  # secondary facts: a touch smaller, same high-contrast colour
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        label.setFont(font)
    return label


class MetricCard(QFrame):
    """One metric. `value_label`, `pill`, `headroom_label` are read by tests."""

    def __init__(self, title: str, parent: QWidget | None = None, *, big: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("metricCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#metricCard { border: 1px solid palette(mid); border-radius: 6px;"
            " background: palette(base); }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(4)
        head = QHBoxLayout()
        self.title_label = QLabel(title)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.pill = StatusPill()
        self.amazon_pill = AmazonPill()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.amazon_pill, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)

        row = QHBoxLayout()
        self.value_label = QLabel("\u2014")
        vfont = QFont(self.value_label.font())
        vfont.setPointSizeF(vfont.pointSizeF() * (1.9 if big else 1.35))
        vfont.setBold(True)
        self.value_label.setFont(vfont)
        self.target_label = _wrapping(muted=True)
        row.addWidget(self.value_label)
        if big:  # wide cards: the target beside the value; narrow ones: below it
            row.addSpacing(8)
            row.addWidget(self.target_label, 1, Qt.AlignmentFlag.AlignVCenter)
            outer.addLayout(row)
        else:
            row.addStretch(1)
            outer.addLayout(row)
            outer.addWidget(self.target_label)

        self.count_label = _wrapping(muted=True)
        self.headroom_label = _wrapping()
        outer.addWidget(self.count_label)
        outer.addWidget(self.headroom_label)
        self.details = QVBoxLayout()
        self.details.setSpacing(4)
        outer.addLayout(self.details)
        outer.addStretch(1)
        self.setAccessibleName(title)

    def set_values(
        self,
        *,
        value: str,
        status: str | None,
        target: str = "",
        count: str = "",
        headroom: str = "",
    ) -> None:
        self.value_label.setText(value)
        self.pill.set_status(status)
        self.target_label.setText(target)
        self.target_label.setVisible(bool(target))
        self.count_label.setText(count)
        self.count_label.setVisible(bool(count))
        self.headroom_label.setText(headroom)
        self.headroom_label.setVisible(bool(headroom))
        self.setAccessibleDescription(" ".join(x for x in (value, target, headroom) if x))

    def add_line(self, text: str = "", *, muted: bool = False) -> QLabel:
        label = _wrapping(text, muted=muted)
        self.details.addWidget(label)
        return label


class ChannelPanel(QFrame):
    """FBA or FBM ODR inside the ODR card: value, pill, counts and headroom."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channelPanel")
        self.setStyleSheet(
            "QFrame#channelPanel { border: 1px solid palette(midlight); border-radius: 4px; }"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        head = QHBoxLayout()
        self.title_label = QLabel(title)
        f = self.title_label.font()
        f.setBold(True)
        self.title_label.setFont(f)
        self.pill = StatusPill()
        self.amazon_pill = AmazonPill()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.pill)
        head.addWidget(self.amazon_pill)
        lay.addLayout(head)
        self.value_label = QLabel("\u2014")
        vf = QFont(self.value_label.font())
        vf.setPointSizeF(vf.pointSizeF() * 1.35)
        vf.setBold(True)
        self.value_label.setFont(vf)
        lay.addWidget(self.value_label)
        self.count_label = _wrapping(muted=True)
        self.components_label = _wrapping(muted=True)
        self.headroom_label = _wrapping()
        lay.addWidget(self.count_label)
        lay.addWidget(self.components_label)
        lay.addWidget(self.headroom_label)
        self.setAccessibleName(title)

    def show_scope(self, scope: OdrScope | None, headroom: str) -> None:
        """One channel's ODR: value, status, counts, components and its headroom sentence."""
        value = pct(scope.rate.value if scope is not None else None)
        self.value_label.setText(value)
        self.pill.set_status(scope.rate.status if scope is not None else None)
        self.count_label.setText(count_text(ODR, scope.rate) if scope is not None else "")
        self.components_label.setText(components_text(scope.components) if scope else "")
        self.headroom_label.setText(headroom)
        self.setAccessibleDescription(f"{value}. {headroom}")
