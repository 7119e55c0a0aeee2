"""Buyer- and file-controlled text is shown as it is, never read as HTML (issue 15, point 9).

Qt guesses: a QLabel, a QMessageBox and a tooltip treat text that looks like markup
(`<img src=x>`, `<a href=...>`) as rich text, so a buyer's subject or a cell of a report
could draw images, links or fake layout. Labels and message boxes that show such text are
set to plain text; tooltips, which have no such switch, get the text escaped inside an
explicit rich-text paragraph that keeps its line breaks and spaces.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

_TRAY_SAFE = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06"})


def plain_tip(text: str | None) -> str | None:
    """A tooltip that shows `text` literally (None for no tooltip)."""
    if not text:
        return None
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def plain_labels(*labels: QLabel) -> None:
    """These labels show their text as it is, whatever it looks like."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def tray_text(text: str) -> str:
    """Text for a tray balloon: some desktops read notification text as markup and Qt's
    own balloon guesses, so the three markup characters become look-alikes (‹ › ＆)."""
    return text.translate(_TRAY_SAFE)


def plain_box(
    icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None = None
) -> QMessageBox:
    """A message box whose text is plain text (QMessageBox's static functions guess)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warning(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.warning, but plain text; tests replace this function."""
    plain_box(QMessageBox.Icon.Warning, title, text, parent).exec()
