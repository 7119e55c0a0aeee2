"""What a user reads in a tooltip or label: Qt's rich-text guess applied, markup rendered."""

from __future__ import annotations

from PySide6.QtGui import Qt, QTextDocument


def shown(value: object) -> str:
    """The text Qt draws for a tooltip or auto-format label holding `value`."""
    text = "" if value is None else str(value)
    if not Qt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()
