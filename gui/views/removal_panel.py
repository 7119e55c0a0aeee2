"""The feedback-removal checker for the selected feedback: verdict, evidence, clock, actions.

Amazon removes only four kinds of feedback and only for 90 days, so the panel shows which
reason applies (with the words that prove it highlighted), why a mixed comment does not
qualify, how long is left, and records what the seller did in the defect's notes history.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.defects import REASON_LABELS, removal_verdict
from core.feedback_check import Reason, RemovalVerdict, Span, removal_window
from core.format import format_time_left
from core.model import Channel, Feedback
from gui.bridge import Bridge
from gui.display import day, when
from gui.operations import Ops
from services.changes import Changes
from services.defects import mark_refused, mark_removed, request_removal
from storage.db import Store

log = logging.getLogger(__name__)

HIGHLIGHT = {
    "obscene": "#ffc9c9",
    "personal_info": "#c9dcff",
    "product_review": "#ffe9a3",
    "fba_fulfilment": "#c8ecc8",
}
TEXT_COLOUR = "#1a1a1a"
GOOD, BAD, MUTED = "#1b6e1b", "#9f1c1c", "#5a5a5a"
NEUTRAL_NOTE = (
    "neutral - not an ODR defect: 3-star feedback never counts toward the Order Defect Rate, "
    "but it lowers your feedback score and can be removed for the same reasons."
)
Record = Callable[[Store, str, datetime], Changes]


def highlighted_html(comment: str, reasons: list[Reason]) -> str:
    """The comment as HTML with each reason's span on its colour (overlaps: first wins)."""
    spans: list[tuple[Span, str]] = []
    for r in reasons:
        if r.span is None or r.span[0] >= r.span[1]:
            continue
        if any(r.span[0] < s[1] and s[0] < r.span[1] for s, _ in spans):
            continue
        spans.append((r.span, HIGHLIGHT.get(r.code, "#eeeeee")))
    spans.sort()
    out, pos = [], 0
    for (start, end), colour in spans:
        out.append(html.escape(comment[pos:start]))
        out.append(
            f'<span style="background-color: {colour}; color: {TEXT_COLOUR}">'
            f"{html.escape(comment[start:end])}</span>"
        )
        pos = end
    out.append(html.escape(comment[pos:]))
    return "".join(out).replace("\n", "<br>")


def verdict_headline(feedback: Feedback, verdict: RemovalVerdict) -> tuple[str, str]:
    """(text, colour) of the one-line verdict."""
    if feedback.removed:
        return "Removed by Amazon: it counts nowhere.", GOOD
    if not verdict.applicable:
        return "Struck through by Amazon: nothing to request.", MUTED
    if verdict.eligible:
        return "Eligible for a removal request.", GOOD
    return "Not eligible for removal.", BAD


class RemovalPanel(QWidget):
    """Shows one feedback's removal verdict; the buttons write through `ops`."""

    written = Signal()  # a status was recorded (the screen reloads on the broadcast)

    def __init__(
        self,
        store: Store,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops or Ops(store, Bridge())
        self._clock = clock
        self._feedback: Feedback | None = None
        self._verdict: RemovalVerdict | None = None
        self._status = "open"

        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.neutral = QLabel(NEUTRAL_NOTE, self)
        self.neutral.setWordWrap(True)
        self.neutral.setStyleSheet(
            f"background: #eeeeee; color: {TEXT_COLOUR}; border: 1px solid #9a9a9a; padding: 4px"
        )
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.comment = QTextBrowser(self)
        self.comment.setAccessibleName("Feedback comment")
        self.comment.setMaximumHeight(80)
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.deadline = QLabel(self)
        self.deadline.setWordWrap(True)
        self.requested_button = QPushButton("Removal &requested", self)
        self.requested_button.setToolTip(
            "You sent a removal request in Seller Central (stops the 90-day countdown)."
        )
        self.requested_button.clicked.connect(self.mark_requested)
        self.removed_button = QPushButton("Removed by &Amazon", self)
        self.removed_button.setToolTip("Amazon removed it: it leaves ODR and NFR.")
        self.removed_button.clicked.connect(self.mark_removed)
        self.refused_button = QPushButton("Request re&fused", self)
        self.refused_button.setToolTip("Amazon kept the feedback after your request.")
        self.refused_button.clicked.connect(self.mark_refused)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {BAD}")

        buttons = QGridLayout()  # two rows: the pane stays narrow beside the defect list
        buttons.addWidget(self.requested_button, 0, 0)
        buttons.addWidget(self.removed_button, 0, 1)
        buttons.addWidget(self.refused_button, 1, 0)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.neutral, self.verdict, self.comment, self.reasons, self.note):
            layout.addWidget(w)
        layout.addWidget(self.deadline)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.show_feedback(None)

    # -- showing ---------------------------------------------------------------------------
    def show_feedback(
        self, feedback: Feedback | None, channel: Channel | None = None, status: str = "open"
    ) -> None:
        """Check `feedback` (None clears the panel) with its order's channel."""
        self._feedback, self._status = feedback, status
        self.error.clear()
        if feedback is None:
            self._verdict = None
            self.title.setText("Select a feedback to check whether Amazon would remove it.")
            for w in (self.neutral, self.verdict, self.comment, self.reasons, self.note):
                w.hide()
            self.deadline.clear()
            self._sync_buttons()
            return
        verdict = removal_verdict(feedback, channel)
        self._verdict = verdict
        stars = "1 star" if feedback.rating == 1 else f"{feedback.rating} stars"
        where = {"afn": "FBA", "mfn": "FBM"}.get(channel or "", "channel unknown")
        self.title.setText(
            f"<b>Removal check</b>: {stars} on {day(feedback.feedback_date)}, "
            f"order {feedback.order_id} ({where})"
        )
        self.neutral.setVisible(feedback.rating == 3)
        text, colour = verdict_headline(feedback, verdict)
        self.verdict.setText(f"<b>{html.escape(text)}</b>")
        self.verdict.setStyleSheet(f"color: {colour}")
        self.comment.setHtml(highlighted_html(feedback.comments or "(no comment)", verdict.reasons))
        self.reasons.setText(self._reasons_html(verdict))
        self.reasons.setVisible(bool(verdict.reasons))
        self.note.setText(verdict.note)
        for w in (self.verdict, self.comment, self.note):
            w.show()
        self._show_window(feedback)
        self._sync_buttons()

    def _reasons_html(self, verdict: RemovalVerdict) -> str:
        items = []
        for r in verdict.reasons:
            colour = HIGHLIGHT.get(r.code, "#eeeeee")
            label = REASON_LABELS.get(r.code, r.code).capitalize()
            items.append(
                f'<span style="background-color: {colour}; color: {TEXT_COLOUR}">'
                f"&nbsp;{html.escape(label)}&nbsp;</span> {html.escape(r.explanation)}"
            )
        return "<br>".join(items)

    def _show_window(self, feedback: Feedback) -> None:
        applicable = self._verdict is not None and self._verdict.applicable
        if feedback.removed or self._status == "removed" or not applicable:
            self.deadline.setText("")
            return
        w = removal_window(feedback.feedback_date, self._clock())
        due = when(w.due_at)
        if self._status == "removal_requested" or feedback.removal_requested:
            self.deadline.setText(f"Removal requested; Amazon's 90-day window ran to {due}.")
        elif w.open:
            self.deadline.setText(
                f"Request removal by {due} ({format_time_left(w.seconds_left)}); "
                "Amazon accepts requests for 90 days after the feedback."
            )
        else:
            self.deadline.setText(
                f"The 90-day window closed on {due}: Amazon no longer accepts a request."
            )

    def _sync_buttons(self) -> None:
        fb, v, status = self._feedback, self._verdict, self._status
        live = fb is not None and v is not None and v.applicable and not fb.removed
        requested = status == "removal_requested" or bool(fb and fb.removal_requested)
        window_open = fb is not None and removal_window(fb.feedback_date, self._clock()).open
        self.requested_button.setEnabled(
            live
            and window_open
            and status not in ("removal_requested", "removed")
            and not requested
        )
        self.removed_button.setEnabled(live and status != "removed")
        self.refused_button.setEnabled(live and status == "removal_requested")

    # -- writing ---------------------------------------------------------------------------
    def mark_requested(self) -> bool:
        """A removal request went out; the reasons cited are kept in the notes."""
        verdict = self._verdict
        return self._record(
            lambda store, order_id, at: request_removal(store, order_id, at, verdict),
            "removal_requested",
        )

    def mark_removed(self) -> bool:
        return self._record(mark_removed, "removed")

    def mark_refused(self) -> bool:
        """Amazon kept it: the defect is lost, and the notes say why."""
        return self._record(mark_refused, "lost")

    def _record(self, write: Record, status: str) -> bool:
        """Start the write; False when no feedback is shown. A failure is a sentence."""
        fb = self._feedback
        if fb is None:
            return False
        order_id, at = fb.order_id, self._clock()

        def recorded(_changes: Changes) -> None:
            if self._feedback is not None and self._feedback.order_id == order_id:
                self._status = status
                self._sync_buttons()
            self.written.emit()

        def failed(exc: Exception) -> None:
            log.error("could not record the removal status", exc_info=exc)
            self.error.setText(f"The status could not be saved: {exc}")

        self._ops.write(
            lambda store: write(store, order_id, at), parent=self, success=recorded, failure=failed
        )
        return True
