"""The search box on every other list screen: Ctrl+F focuses it, typing narrows the list to
the rows holding every word (order id, SKU, text), clearing it shows them all again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.notifier import WarningMemory, WarningRow
from gui.models.imports_model import FILE
from gui.models.products_model import KEY
from gui.models.warnings_model import TITLE, WarningsModel
from gui.views.imports import ImportsView
from gui.views.products import ProductsView
from gui.views.reimbursements import ReimbursementsView
from gui.views.review_requests import ReviewRequestsView
from gui.widgets.search_box import SearchBox
from storage.imports.apply import apply_import
from tests.gui.conftest import show_active
from tests.review_request_fixtures import ELIGIBLE, NOW, import_set

Settle = Callable[[], None]
CTRL = Qt.KeyboardModifier.ControlModifier


def type_search(qtbot: Any, box: SearchBox, text: str, settle: Settle) -> None:
    """Ctrl+F, then type as the seller does; the list follows after the pause."""
    qtbot.keyClick(box.window(), Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is box
    box.clear()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: box.applied == text, timeout=2000)
    settle()


def test_warnings_search_title_and_detail(qtbot: Any, qtmodeltester: Any) -> None:
    at = datetime(2026, 11, 20, 15, tzinfo=UTC)

    def row(key: str, title: str, detail: str) -> WarningRow:
        return WarningRow(WarningMemory(key, "s", "warning", title, detail, at, at), "shown")

    model = WarningsModel(
        [
            row("a", "Buyer message overdue", "Order 112-1 waits since Nov 18"),
            row("b", "LRR close to the limit", "7-day LRR is 8 %"),
            row("c", "Buyer message due soon", "Order 113-2, 3 h left"),
        ]
    )
    model.set_search("buyer ORDER")
    assert [model.index(r, TITLE).data() for r in range(model.rowCount())] == [
        "Buyer message overdue",
        "Buyer message due soon",
    ]
    model.set_search("113-2")
    assert model.row_of("c") == 0 and model.row_of("a") == -1
    qtmodeltester.check(model)
    model.set_search("")
    assert model.rowCount() == 3


def test_warnings_screen_has_the_box(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Settle
) -> None:
    from gui.views.warnings import WarningsView

    view = WarningsView(store, bridge, clock)
    qtbot.addWidget(view)
    show_active(qtbot, view, settle)
    type_search(qtbot, view.search, "lrr", settle)
    assert view.model.rowCount() == 0


def test_imports_history_is_searched_page_by_page(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Settle, samples: Path
) -> None:
    for name in ("orders-1.txt", "feedback.txt", "messages.csv"):
        assert apply_import(store, samples / "seller-a" / name, now=NOW).ok
    view = ImportsView(store, bridge, clock)
    qtbot.addWidget(view)
    show_active(qtbot, view, settle)
    assert view.model.rowCount() == 3
    type_search(qtbot, view.search, "feedback", settle)
    assert [view.model.index(r, FILE).data() for r in range(view.model.rowCount())] == [
        "feedback.txt"
    ]
    type_search(qtbot, view.search, "nothing like it", settle)
    assert view.model.rowCount() == 0 and view.table.isVisible()
    assert not view.empty_label.isVisible()  # not "Nothing imported yet"
    view.search.clear()
    settle()
    assert view.model.rowCount() == 3


def test_products_search_sku_and_name(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Settle, qtmodeltester: Any
) -> None:
    view = ProductsView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    show_active(qtbot, view, settle)
    every = view.model.rowCount()
    sku = view.model.rows[0].key
    type_search(qtbot, view.search, sku.lower(), settle)
    keys = [view.proxy.data(view.proxy.index(r, KEY)) for r in range(view.proxy.rowCount())]
    assert sku in keys and len(keys) < every
    qtmodeltester.check(view.model)
    name_word = view.products[-1].product_name.split()[0]
    type_search(qtbot, view.search, name_word, settle)
    assert all(name_word.lower() in p.product_name.lower() for p in view.model.rows)
    view.search.clear()
    assert view.model.rowCount() == every


@pytest.fixture
def reimb_store(store: Any, samples: Path) -> Any:
    for path in sorted((samples / "reimbursements").iterdir()):
        assert apply_import(store, path, now=NOW - timedelta(days=1)).ok
    return store


def test_reimbursements_search_keeps_groups_of_matching_cases(
    qtbot: Any, reimb_store: Any, bridge: Any, clock: Any, settle: Settle, qtmodeltester: Any
) -> None:
    view = ReimbursementsView(reimb_store, bridge, clock)
    qtbot.addWidget(view)
    show_active(qtbot, view, settle)
    cases = [c for _, group in view.model.groups for c in group]
    target = next(c for c in cases if c.sku)
    type_search(qtbot, view.search, target.sku or "", settle)
    found = [c for _, group in view.model.groups for c in group]
    assert target in found and all(c.sku == target.sku for c in found)
    assert view.tree.isExpanded(view.model.index(0, 0))
    qtmodeltester.check(view.model)
    view.search.clear()
    assert sum(len(g) for _, g in view.model.groups) == len(cases)


def test_review_requests_search_order_id(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Settle, qtmodeltester: Any
) -> None:
    import_set(store)
    view = ReviewRequestsView(store, bridge, clock)
    qtbot.addWidget(view)
    show_active(qtbot, view, settle)
    every = [e.order_id for e in view.model.shown()]
    assert set(ELIGIBLE) <= set(every)
    type_search(qtbot, view.search, "202-", settle)
    assert [e.order_id for e in view.model.shown()] == ["202-1000003-0000003"]
    assert "1 order to ask for a review" in view.summary.text()
    qtmodeltester.check(view.model)
    sku = store.db.execute(
        "SELECT sku FROM order_items WHERE order_id = ?", [ELIGIBLE[0]]
    ).fetchone()[0]
    type_search(qtbot, view.search, sku, settle)
    assert ELIGIBLE[0] in [e.order_id for e in view.model.shown()]
    view.search.clear()
    assert [e.order_id for e in view.model.shown()] == every


def test_ctrl_f_in_the_window_focuses_the_shown_screens_search(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Settle
) -> None:
    """Every screen has its own Ctrl+F; only the one on show answers it."""
    from gui.main_window import MainWindow

    window = MainWindow(store, bridge, clock)
    qtbot.addWidget(window)
    settle()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for name in ("inbox", "defects", "imports", "inbox"):
        window.show_screen(name)
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
        assert QApplication.focusWidget() is window.screens[name].search  # type: ignore[attr-defined]
