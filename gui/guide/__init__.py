"""Help > Guide (F1): a page per screen and a glossary, in a local QTextBrowser.

Plain local HTML built into the app: nothing is fetched, links only move between the
guide's own pages ("#glossary", "#inbox") and glossary entries.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.guide.glossary import DEADLINES, METRICS, glossary_html
from gui.guide.pages import PAGES

GLOSSARY = "glossary"
TITLE = "Account Health Monitor guide"


def page_names() -> list[str]:
    return [*PAGES, GLOSSARY]


def page_html(name: str) -> str:
    """The HTML of a screen's page or of the glossary (an unknown name: the glossary)."""
    if name in PAGES:
        title, body = PAGES[name]
        return f"<h2>{title}</h2>{body}"
    return glossary_html()


class GuideDialog(QDialog):
    """The pages on the left, the chosen one on the right; `show_page(name)` switches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(900, 620)
        self.names = page_names()
        self.pages = QListWidget(self)
        self.pages.addItems([PAGES[n][0] if n in PAGES else "Glossary" for n in self.names])
        self.pages.setFixedWidth(180)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # our own links only; nothing leaves the app
        self.browser.anchorClicked.connect(self._follow)
        self.pages.currentRowChanged.connect(self._show_row)
        row = QHBoxLayout()
        row.addWidget(self.pages)
        row.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)

    @property
    def current(self) -> str:
        row = self.pages.currentRow()
        return self.names[row] if 0 <= row < len(self.names) else ""

    def show_page(self, name: str, anchor: str = "") -> None:
        row = self.names.index(name) if name in self.names else len(self.names) - 1
        if self.pages.currentRow() != row:
            self.pages.setCurrentRow(row)
        else:
            self._show_row(row)
        if anchor:
            self.browser.scrollToAnchor(anchor)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.names):
            self.browser.setHtml(page_html(self.names[row]))

    def _follow(self, url: QUrl) -> None:
        """'#inbox' opens that page; '#odr' the glossary at that entry."""
        target = url.fragment() or url.toString().lstrip("#")
        if target in self.names:
            self.show_page(target)
        elif target in {e[0] for e in (*METRICS, *DEADLINES)}:
            self.show_page(GLOSSARY, target)


def open_guide(parent: QWidget, screen: str) -> GuideDialog:
    """Help > Guide or F1: the guide at the page of the screen shown."""
    dialog = GuideDialog(parent)
    dialog.show_page(screen or "dashboard")
    dialog.show()
    dialog.raise_()
    return dialog
