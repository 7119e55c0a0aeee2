"""Settings: start at login, the same switch as on the first-run page.

Not part of the Save/Revert form: the entry is a file outside the database, written
or removed the moment the box is clicked (gui.desktop.autostart), so the box always
shows what is really in place.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from gui.desktop import autostart
from gui.desktop.files import NotOurFile

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #9f1c1c"


def failure_sentence(enabled: bool, exc: Exception) -> str:
    """One sentence for a refused change; the exception itself goes to the log."""
    doing = "turn on" if enabled else "turn off"
    if isinstance(exc, NotOurFile):
        why = "another program's file of the same name is in the way and was left alone"
    elif isinstance(exc, ValueError):
        why = "this installation's path cannot be written into a start-up entry"
    elif enabled:
        why = "the start-up folder cannot be written"
    else:
        why = "the start-up entry cannot be removed"
    return f"Could not {doing} start at login: {why}."


class AutostartBox(QGroupBox):
    """A checkbox that writes or removes this user's start-at-login entry at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Desktop", parent)
        layout = QVBoxLayout(self)
        self.box = QCheckBox("Start Account Health Monitor when I &log in", self)
        self.box.setToolTip(
            "It then starts in the tray only and keeps watching your deadlines. "
            "Takes effect at once; there is nothing to save."
        )
        self.box.toggled.connect(self._toggled)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.box)
        layout.addWidget(self.note)
        self.load()

    def load(self) -> None:
        """Show whether our entry is in place now (someone may have removed it by hand)."""
        self._show_checked(autostart.autostart_enabled())

    def _show_checked(self, on: bool) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(on)
        self.box.blockSignals(False)

    def _toggled(self, enabled: bool) -> None:
        """Write or remove the entry; a failure is a sentence and the box goes back."""
        try:
            path = autostart.set_autostart(enabled)
        except (OSError, ValueError) as exc:  # NotOurFile is an OSError
            log.warning("could not change start at login to %s", enabled, exc_info=exc)
            self._show_checked(not enabled)
            self.note.setStyleSheet(ERROR_STYLE)
            self.note.setText(failure_sentence(enabled, exc))
            self.note.show()
            return
        self.note.setStyleSheet("")
        self.note.setText(
            f"It will start in the tray when you log in ({path})."
            if enabled
            else "It will not start when you log in."
        )
        self.note.show()
