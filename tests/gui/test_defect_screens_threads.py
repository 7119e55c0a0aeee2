"""Defects, Products and Amazon vs ours get their data through Ops: the GUI thread
never opens the database, neither to load a screen nor to write from it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.defects import DefectRow
from gui.views.defects import DefectsView
from gui.views.products import ProductsView
from gui.views.reconciliation import ReconciliationView
from storage.db import Store
from tests.gui.conftest import AS_OF, import_files


@pytest.fixture
def gui_thread_db_use(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every `store.db` taken on the GUI (main) thread, by the caller's function name."""
    uses: list[str] = []
    original = Store.db

    def db(self: Store) -> Any:
        if threading.current_thread() is threading.main_thread():
            uses.append("store.db on the GUI thread")
        return original.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(Store, "db", property(db))
    yield uses


@pytest.fixture
def views(qtbot: Any) -> Iterator[list[Any]]:
    """Keeps each screen alive until the test's teardown has settled its tasks."""
    held: list[Any] = []

    def keep(view: Any) -> Any:
        qtbot.addWidget(view)
        view.show()
        held.append(view)
        return view

    yield [keep]  # type: ignore[list-item]


@pytest.fixture
def with_report(seller_a_store: Any, performance_file: Path) -> Any:
    import_files(seller_a_store, [performance_file], AS_OF)
    return seller_a_store


def test_defects_load_and_write_off_the_gui_thread(
    qtbot: Any,
    with_report: Any,
    bridge: Any,
    clock: Any,
    settle: Any,
    gui_thread_db_use: list[str],
    views: list[Any],
) -> None:
    view = views[0](DefectsView(with_report, bridge, clock))
    assert view.loading and view.model.rowCount() == 0  # the list arrives later
    settle()
    assert view.model.rowCount() == 27 and not view.loading
    assert view.select_ref("CB-11-0001")
    settle()
    row: DefectRow | None = view.current_defect()
    assert row is not None
    view.model.setData(view.model.index(view.model.row_of_ref("CB-11-0001") or 0, 5), "won")
    settle()
    assert view.model.row_at(view.model.row_of_ref("CB-11-0001") or 0).status == "won"
    assert view.notes.model.rowCount() == 1  # the status change, reloaded in the background
    assert gui_thread_db_use == []


def test_products_load_off_the_gui_thread(
    qtbot: Any,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Any,
    gui_thread_db_use: list[str],
    views: list[Any],
) -> None:
    view = views[0](ProductsView(seller_a_store, bridge, clock))
    assert view.loading and view.model.rowCount() == 0
    settle()
    assert view.model.rowCount() == 5 and not view.loading
    assert gui_thread_db_use == []


def test_reconciliation_loads_and_writes_off_the_gui_thread(
    qtbot: Any,
    with_report: Any,
    bridge: Any,
    clock: Any,
    settle: Any,
    gui_thread_db_use: list[str],
    views: list[Any],
) -> None:
    view = views[0](ReconciliationView(with_report, bridge, clock))
    assert view.loading
    settle()
    assert view.odr_model.rowCount() == 7
    view.ahr_input.setText("320")
    assert view.add_reading()
    settle()
    assert view.history_model.rowCount() == 1
    assert gui_thread_db_use == []


def test_screens_reload_only_for_their_changes(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Any, views: list[Any]
) -> None:
    from services.changes import Changes

    defects = views[0](DefectsView(seller_a_store, bridge, clock))
    products = views[0](ProductsView(seller_a_store, bridge, clock))
    settle()
    bridge.changed.emit(Changes(reply_templates=True, messages=True))
    assert not defects.loading and not products.loading
    bridge.changed.emit(Changes(claims=True))
    assert defects.loading and products.loading
    settle()
