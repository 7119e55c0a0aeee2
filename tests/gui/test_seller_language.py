"""Issue 17: every screen speaks the seller's language: no raw identifier reaches a view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QWidget

from gui.app import AppShell
from gui.operations import wait_idle
from gui.views.table_sizing import KEY_COLUMNS, ColumnFitter
from tests.gui.conftest import AS_OF
from tests.gui.whole_window import fill, raw_identifiers, visible_texts


@pytest.fixture
def full_shell(
    qtbot: Any, store: Any, clock: Any, samples: Path, settle: Any
) -> Iterator[AppShell]:
    fill(store, samples, AS_OF)
    shell = AppShell(store, clock, tray_available=False, with_jobs=False)
    qtbot.addWidget(shell.window)
    shell.start()
    shell.window.resize(1280, 800)
    yield shell
    shell.shutdown()


def _loaded(settle: Any) -> None:
    settle()
    QTest.qWait(20)  # timers: the columns are fitted once the rows are in
    wait_idle()
    settle()


def _collect(found: dict[str, set[str]], name: str, screen: QWidget, *, tables: bool) -> int:
    seen = 0
    for widget, text in visible_texts(screen, tables=tables):
        seen += 1
        for raw in raw_identifiers(text):
            key = f"{name}: {type(widget).__name__}"
            found.setdefault(key, set()).add(f"{raw} in {text[:80]!r}")
    return seen


def test_no_raw_identifier_on_any_screen(full_shell: AppShell, settle: Any) -> None:
    """Every label, button, combo item, tab, tooltip, header and cell of every screen, and
    the detail panes of the first rows of each list: words, never identifiers."""
    window = full_shell.window
    found: dict[str, set[str]] = {}
    for name in window.names:
        window.show_screen(name)
        _loaded(settle)
        screen = window.screens[name]
        assert _collect(found, name, screen, tables=True) > 5, name
        table = getattr(screen, "table", None) or getattr(screen, "tree", None)
        if name in ("inbox", "defects", "reimbursements") and table is not None:
            rows = table.model().rowCount()
            assert rows > 0, name
            for row in range(min(rows, 25)):
                table.setCurrentIndex(table.model().index(row, 0))
                _loaded(settle)
                _collect(found, f"{name} row {row}", screen, tables=False)
    assert not found, "\n".join(f"{k}: {sorted(v)}" for k, v in sorted(found.items()))


def test_the_walk_sees_a_raw_identifier() -> None:
    assert raw_identifiers("Status: info_requested, CR-DEFECTIVE, MFN") == [
        "info_requested",
        "CR-D",
        "MFN",
    ]
    assert raw_identifiers("Mail buyer_1@example.com or see report_file.txt") == []


def _typical(view: QAbstractItemView, col: int) -> int:
    """The header's width, or the median width of the first rows' texts if wider."""
    model = view.model()
    metrics = view.fontMetrics()
    texts = [model.data(model.index(r, col)) for r in range(min(model.rowCount(), 50))]
    widths = sorted(metrics.horizontalAdvance(str(t)) for t in texts if t)
    median = widths[len(widths) // 2] if widths else 0
    title = metrics.horizontalAdvance(str(model.headerData(col, Qt.Orientation.Horizontal)))
    return max(title, median) + 12


def test_key_columns_fit_at_1280x800(full_shell: AppShell, settle: Any) -> None:
    """Each list's key columns are at least as wide as their typical text and all of them
    are in view without scrolling sideways; long text elides (full text in a tooltip)."""
    window = full_shell.window
    assert (window.width(), window.height()) == (1280, 800)
    checked = []
    for name in window.names:
        window.show_screen(name)
        _loaded(settle)
        for view in window.screens[name].findChildren(QAbstractItemView):
            key = view.property(KEY_COLUMNS)
            if not key or not view.isVisible() or view.model().rowCount() == 0:
                continue
            fitter = view.findChild(ColumnFitter)
            assert fitter is not None
            header = fitter.header
            for col in key:
                typical = _typical(view, col)
                if col in fitter.elastic:  # long text elides in the middle
                    typical = min(typical, 220)
                assert header.sectionSize(col) >= typical, (name, col, header.sectionSize(col))
                right = header.sectionViewportPosition(col) + header.sectionSize(col)
                assert right <= view.viewport().width() + 1, (name, col, right)
            checked.append(name)
    assert {"inbox", "defects", "imports", "products", "reimbursements"} <= set(checked)


def test_no_check_box_or_button_is_cut_at_1280x800(full_shell: AppShell, settle: Any) -> None:
    """A check box or button narrower than its text shows half a word ("New since last
    review (nev"): every visible one gets at least its own width on every screen."""
    from PySide6.QtWidgets import QAbstractButton

    window = full_shell.window
    cut = []
    for name in window.names:
        window.show_screen(name)
        _loaded(settle)
        for button in window.screens[name].findChildren(QAbstractButton):
            if button.isVisible() and button.text() and button.width() < button.sizeHint().width():
                cut.append((name, button.text(), button.width(), button.sizeHint().width()))
    assert cut == []
