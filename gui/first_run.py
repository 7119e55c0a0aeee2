"""What a new user sees instead of empty tables: which reports to import and how.

It also offers start at login (off by default), since a tray monitor is only useful
when it is always running; gui.desktop.autostart writes or removes the one file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

SetAutostart = Callable[[bool], Path]
"""gui.desktop.autostart.set_autostart for this user (tests point it at a temp home)."""

REPORTS: tuple[tuple[str, str], ...] = (
    (
        "Orders",
        "Seller Central \u2192 Reports \u2192 Fulfillment \u2192 All Orders: download the last "
        "90 days as a tab-delimited text file. Needed for the Order Defect Rate.",
    ),
    (
        "Feedback",
        "Performance \u2192 Feedback \u2192 Feedback Manager \u2192 download (all ratings, so the "
        "Negative Feedback Rate can be computed).",
    ),
    (
        "Returns",
        "Reports \u2192 Return Reports for seller-fulfilled (FBM) returns; Reports \u2192 "
        "Fulfillment \u2192 Customer Returns for FBA returns.",
    ),
    (
        "Seller performance report",
        "Amazon's own figures as a JSON file (GET_V2_SELLER_PERFORMANCE_REPORT), shown beside "
        "the numbers computed here.",
    ),
    (
        "Buyer messages",
        "Export Amazon's buyer-message e-mails from your mail program (.eml or .mbox), or fill "
        "in the messages.csv template. Needed for the Late Response Rate and the 24-hour clock.",
    ),
    (
        "A-to-z claims and chargebacks",
        "Amazon has no export: fill in the claims.csv template (or add claims by hand on the "
        "Defects screen).",
    ),
)


log = logging.getLogger(__name__)


class FirstRunView(QWidget):
    """Shown while the database holds no imported report."""

    import_requested = Signal()
    template_requested = Signal(str)  # "messages" / "claims"

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        set_autostart: SetAutostart | None = None,
        autostart_enabled: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        if set_autostart is None or autostart_enabled is None:
            from gui.desktop import autostart

            set_autostart = set_autostart or autostart.set_autostart
            autostart_enabled = autostart_enabled or autostart.autostart_enabled
        self._set_autostart = set_autostart
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(24, 16, 24, 16)
        title = QLabel("<h1>Welcome to Account Health Monitor</h1>")
        lay.addWidget(title)
        intro = QLabel(
            "This program computes your Amazon account-health metrics on this computer, from "
            "report files you download from Seller Central. Nothing is sent anywhere. "
            "There is no data yet: import these reports to start (any order, as many files as "
            "you like; the kind of each file is recognised automatically)."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        for name, how in REPORTS:
            label = QLabel(f"<b>{name}</b><br>{how}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(12, 4, 0, 4)
            lay.addWidget(label)
        row = QHBoxLayout()
        self.import_button = QPushButton("&Import files\u2026")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.messages_button = QPushButton("Save &messages.csv template\u2026")
        self.messages_button.clicked.connect(lambda: self.template_requested.emit("messages"))
        self.claims_button = QPushButton("Save c&laims.csv template\u2026")
        self.claims_button.clicked.connect(lambda: self.template_requested.emit("claims"))
        for b in (self.import_button, self.messages_button, self.claims_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addSpacing(8)
        lay.addLayout(row)
        hint = QLabel("You can also drop files onto the Imports screen (Ctrl+4).")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        lay.addSpacing(12)
        self.autostart_box = QCheckBox("&Start Account Health Monitor when I log in")
        self.autostart_box.setToolTip(
            "It then starts in the tray only and keeps watching your deadlines. "
            "You can change this later in Settings."
        )
        self.autostart_box.setChecked(autostart_enabled())
        self.autostart_box.toggled.connect(self._autostart_toggled)
        lay.addWidget(self.autostart_box)
        self.autostart_note = QLabel()
        self.autostart_note.setWordWrap(True)
        self.autostart_note.hide()
        lay.addWidget(self.autostart_note)
        lay.addStretch(1)

    def _autostart_toggled(self, enabled: bool) -> None:
        """Write or remove the start-at-login entry; a failure is a sentence, the box goes back."""
        try:
            path = self._set_autostart(enabled)
        except (OSError, ValueError) as exc:  # the same sentence as Settings; details: the log
            from gui.views.settings_desktop import failure_sentence

            log.warning("start at login could not be changed: %s", exc)
            self.autostart_note.setText(failure_sentence(enabled, exc))
            self.autostart_note.show()
            self.autostart_box.blockSignals(True)
            self.autostart_box.setChecked(not enabled)
            self.autostart_box.blockSignals(False)
            return
        self.autostart_note.setText(
            f"It will start in the tray when you log in ({path})."
            if enabled
            else "It will not start when you log in."
        )
        self.autostart_note.show()
