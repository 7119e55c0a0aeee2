"""The inbox's history lines: clocks that ran out before the first import, one line a kind.

"19 messages from before your first import have no reply on file" with the bulk action
that settles them ("Mark all as answered in Seller Central") and "Review them one by
one", which lists them in the table (core.deadline_history). Most were answered in
Seller Central long ago; the files only lack the replies.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.deadline_history import HISTORY_BULK_ACTION, REVIEW_ONE_BY_ONE
from core.deadlines import DeadlineKind
from gui.models.deadline_model import DeadlineModel

BULK_KINDS = frozenset({"message", "return"})
"""Kinds whose bulk action has a mark in the app (answered, decided); the others are
reviewed one by one (an A-to-z claim is answered in Seller Central)."""
HIDE_AGAIN = "Hide them again"


class HistoryLine(QWidget):
    """One kind's sentence with its two buttons."""

    def __init__(self, kind: DeadlineKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bulk = QPushButton(HISTORY_BULK_ACTION[kind], self)
        self.bulk.setObjectName(f"history_bulk_{kind}")
        self.bulk.setVisible(kind in BULK_KINDS)
        self.review = QPushButton(REVIEW_ONE_BY_ONE, self)
        self.review.setObjectName(f"history_review_{kind}")
        self.review.setCheckable(True)
        self.review.toggled.connect(self._worded)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bulk)
        layout.addWidget(self.review)

    def _worded(self, listed: bool) -> None:
        self.review.setText(HIDE_AGAIN if listed else REVIEW_ONE_BY_ONE)


class HistoryPanel(QFrame):
    """Every kind's history line, hidden when nothing is history; "Review them one by
    one" lists the kind's rows in the model's table."""

    bulk_requested = Signal(str)  # kind

    def __init__(self, model: DeadlineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._summary: Sequence[tuple[DeadlineKind, str]] = ()
        self.setObjectName("history_panel")
        self.setStyleSheet(
            "QFrame#history_panel { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self.lines: dict[str, HistoryLine] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self.hide()

    def review(self, kind: str, listed: bool = True) -> None:
        """List one kind's history in the table, or hide it again."""
        self._model.expand_history(kind, listed)
        self.show_history(self._summary)

    def reveal(self, ref: str) -> None:
        """List the history the row of `ref` belongs to, if it is one."""
        kind = self._model.history_kind(ref)
        if kind is not None:
            self.review(kind)

    def show_history(self, summary: Sequence[tuple[DeadlineKind, str]]) -> None:
        """One line per (kind, sentence); a listed kind offers "Hide them again"."""
        self._summary = summary
        listed = {k for k, _ in summary if self._model.history_expanded(k)}
        for kind in [k for k in self.lines if k not in dict(summary)]:
            self.lines.pop(kind).deleteLater()
        for kind, sentence in summary:
            line = self.lines.get(kind)
            if line is None:
                line = HistoryLine(kind, self)
                line.bulk.clicked.connect(lambda _=False, k=kind: self.bulk_requested.emit(k))
                line.review.toggled.connect(lambda on, k=kind: self.review(k, on))
                self.lines[kind] = line
                self._layout.addWidget(line)
            line.label.setText(sentence)
            line.review.blockSignals(True)
            line.review.setChecked(kind in listed)
            line._worded(kind in listed)
            line.review.blockSignals(False)
        self.setVisible(bool(summary))
