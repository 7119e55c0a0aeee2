"""The inbox on a long list and off the GUI thread: pages, a cheap tick, no database here."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.clock import FixedClock
from core.inbox import InboxRow
from gui.models.deadline_model import COUNTDOWN, DUE, ORDER, PAGE, DeadlineModel
from gui.views.inbox import InboxView
from storage.db import Store

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
N = 2 * PAGE + 500


def rows(n: int = N) -> list[InboxRow]:
    return [
        InboxRow(
            kind="message",
            ref=f"M{i:05d}",
            order_id=f"111-{i:07d}-0000000",
            due_at=NOW + timedelta(minutes=i - n // 2),
            subject=f"subject {n - i}",
        )
        for i in range(n)
    ]


@pytest.fixture
def model(qapp: Any) -> DeadlineModel:
    m = DeadlineModel(FixedClock(NOW))
    m.set_rows(rows())
    return m


def test_the_view_learns_rows_a_page_at_a_time(model: DeadlineModel) -> None:
    assert model.rowCount() == PAGE and model.canFetchMore()
    assert model.counts()["all"] == N  # the counts cover every row
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    model.fetchMore()
    assert model.rowCount() == N and not model.canFetchMore()
    model.set_filter("overdue")
    assert model.rowCount() == PAGE and model.counts()["overdue"] == N // 2


def test_a_row_past_the_pages_is_fetched_to_select_it(model: DeadlineModel) -> None:
    assert model.row_of_ref(f"M{N - 1:05d}") == N - 1
    assert model.rowCount() == N
    assert model.row_at(N - 1).ref == f"M{N - 1:05d}"


def test_sorting_keeps_a_persistent_row_past_the_page(model: DeadlineModel) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(model.index(0, ORDER))
    model.sort(DUE, Qt.SortOrder.DescendingOrder)  # row 0 moves to the very end
    assert kept.isValid() and kept.row() == N - 1
    assert model.rowCount() == N
    assert model.data(model.index(kept.row(), ORDER)) == "111-0000000-0000000"


def test_a_tick_repaints_only_the_rows_asked_for(model: DeadlineModel) -> None:
    spans: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, _roles: spans.append((a.row(), a.column(), b.row(), b.column()))
    )
    model.tick(10, 40)
    model.tick(0, -1)  # nothing visible
    model.tick(PAGE - 5, PAGE + 50)  # clipped to the fetched rows
    assert spans == [(10, COUNTDOWN, 40, COUNTDOWN), (PAGE - 5, COUNTDOWN, PAGE - 1, COUNTDOWN)]


def test_a_long_list_passes_the_modeltester(qtmodeltester: Any, model: DeadlineModel) -> None:
    qtmodeltester.check(model)
    model.sort(COUNTDOWN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_the_screen_ticks_only_the_rows_it_shows(
    qtbot: Any, store: Any, bridge: Any, settle: Callable[[], None]
) -> None:
    clock = FixedClock(NOW)
    view = InboxView(store, bridge, clock)
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    qtbot.waitExposed(view)
    settle()
    view.model.set_rows(rows())
    spans: list[tuple[int, int]] = []
    view.model.dataChanged.connect(lambda a, b, _roles: spans.append((a.row(), b.row())))
    clock.advance(timedelta(seconds=1))
    view._tick()
    assert len(spans) == 1
    first, last = spans[0]
    assert first == 0 and 0 < last < 100  # a screenful, not thousands


def test_a_selected_row_past_the_page_stays_selected_after_a_reload(
    qtbot: Any, store: Any, bridge: Any, settle: Callable[[], None]
) -> None:
    view = InboxView(store, bridge, FixedClock(NOW))
    qtbot.addWidget(view)
    settle()
    view.model.set_rows(rows())
    far = f"M{N - 3:05d}"
    assert view.select_ref(far)
    view.model.set_rows(rows())  # a reload: a model reset
    current = view.current_row()
    assert current is not None and current.ref == far
    assert view.table.currentIndex().row() == N - 3


@pytest.fixture
def db_on_gui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every `store.db` taken on this (the GUI) thread."""
    gui = threading.current_thread()
    taken: list[str] = []
    real = Store.db

    def guarded(self: Store) -> Any:
        if threading.current_thread() is gui:
            taken.append("".join(traceback.format_stack(limit=8)))
        return real.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(Store, "db", property(guarded))
    yield taken


def test_the_inbox_loads_and_writes_off_the_gui_thread(
    qtbot: Any,
    seller_a_tracked: Any,
    bridge: Any,
    clock: Any,
    settle: Callable[[], None],
    db_on_gui_thread: list[str],
) -> None:
    view = InboxView(seller_a_tracked, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    assert view.loading and view.model.rowCount() == 0  # the page is on its way
    settle()
    assert not view.loading and view.model.rowCount() == 20
    assert view.select_ref("M11-00201")
    assert "112-3776041-0233998" in view.detail.toPlainText()  # the thread came with the page
    view.change_type("M11-00201", "cancellation_request")
    settle()
    assert view.triage_panel.status.text() == "Marked as Cancellation request."
    view.mark_done()
    settle()
    assert view.model.rowCount() == 19
    view.open_templates_editor()
    settle()
    assert view.templates_editor is not None and view.templates_editor.names()
    assert view.reply_pane.template_names()
    view.templates_editor.close()
    assert db_on_gui_thread == []
