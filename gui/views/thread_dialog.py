"""The selected inbox item as readable text: a message thread, or what to do next.

Split out of the inbox so the screen module holds layout and actions only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from core.countdown import kind_label
from core.inbox import InboxRow
from core.model import Message
from gui.display import when

NEXT_STEP = {
    "return": "Authorise, refund or close this return request in Seller Central "
    "(Orders > Manage Returns) within 48 hours of the request, then mark it decided here.",
    "claim_info": "Amazon asked for information about this A-to-z claim. Answer in Seller "
    "Central (Performance > A-to-z Guarantee Claims) before the deadline, or Amazon decides "
    "without you.",
    "appeal": "This claim was granted against you. You can appeal within 30 days of the "
    "decision; gather tracking, photos and the message history (see the Defects screen), "
    "then log the appeal here.",
    "feedback_removal": "Negative feedback can be removed on request within 90 days when it "
    "is a product review, contains obscenities or personal information, or is about an "
    "FBA delivery. Request the removal in Seller Central, then mark it requested here.",
}


def thread_html(row: InboxRow, threads: Mapping[str, Sequence[Message]]) -> str:
    """The selected item as HTML: the whole thread for a message, else what to do next."""
    head = f"<h3>{escape(kind_label(row.kind))}</h3>"
    if row.order_id:
        head += f"<p>Order <b>{escape(row.order_id)}</b></p>"
    if row.kind != "message":
        body = f"<p>{escape(row.subject)}</p>" if row.subject else ""
        return head + body + f"<p>{escape(NEXT_STEP.get(row.kind, ''))}</p>"
    parts = [head]
    for m in threads.get(row.thread_id, []):
        who = "Buyer" if m.direction == "in" else "You"
        if m.automated:
            who += " (automated)"
        at = when(m.timestamp)
        mark = " &#9664;" if m.message_id == row.ref else ""
        parts.append(
            f"<hr><p><b>{who}</b> &middot; {at}{mark}<br><i>{escape(m.subject)}</i></p>"
            f"<p>{escape(m.body).replace(chr(10), '<br>')}</p>"
        )
    if len(parts) == 1:
        parts.append(f"<p><i>{escape(row.subject)}</i></p><p>(message text not available)</p>")
    return "".join(parts)


class ThreadDialog(QDialog):
    """A non-modal window with a whole message thread, oldest first."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 480)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
