"""The Warnings screen: its model passes qtmodeltester; Snooze and Open do what they say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.alerts import Alert
from core.notifier import WarningMemory, WarningRow
from gui.models.warnings_model import KEY_ROLE, STATE, TITLE, WarningsModel
from gui.notifications import Notifier
from gui.views.warnings import WarningsView
from storage.repository.warnings import (
    get_warning,
    mark_resolved,
    set_paused_until,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def alert(key: str, severity: str = "warning", **kw: str) -> Alert:
    return Alert(key, severity, f"Title {key}", f"Detail {key}", "s", **kw)  # type: ignore[arg-type]


def rows() -> list[WarningRow]:
    def mem(key: str, **kw: Any) -> WarningMemory:
        return WarningMemory(key, "s", "critical", f"T {key}", "D", NOW, NOW, **kw)

    return [
        WarningRow(mem("a"), "shown"),
        WarningRow(mem("b", snoozed_until=NOW + timedelta(hours=1)), "snoozed"),
        WarningRow(mem("c", resolved_at=NOW), "resolved"),
    ]


def test_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = WarningsModel(rows())
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 5
    assert model.index(0, TITLE).data() == "T a"
    assert model.index(1, STATE).data().startswith("Snoozed until ")
    assert model.index(2, STATE).data() == "Resolved"
    assert model.index(2, 0).data(KEY_ROLE) == "c"
    assert model.headerData(TITLE, Qt.Orientation.Horizontal) == "Warning"
    empty = WarningsModel()
    qtmodeltester.check(empty)


@pytest.fixture
def screen(store: Any, bridge: Any, clock: Any, qtbot: Any) -> tuple[WarningsView, Notifier]:
    notifier = Notifier(store, bridge, None, clock)  # connected first, like the app
    view = WarningsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.show()  # the notifier records in the background; its broadcast reloads the list
    bridge.alerts_raised.emit(
        [
            alert("deadline.message.M1", "critical", screen="inbox", ref="M1"),
            alert("lrr.status", screen="dashboard"),
        ]
    )
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    return view, notifier


def test_lists_what_the_tray_showed(screen: tuple[WarningsView, Notifier]) -> None:
    view, _ = screen
    titles = {view.model.index(r, TITLE).data() for r in range(view.model.rowCount())}
    assert titles == {"Title deadline.message.M1", "Title lrr.status"}
    assert not view.snooze_hour.isEnabled() and not view.open_button.isEnabled()


def test_snooze_one_hour_and_until_tomorrow(
    screen: tuple[WarningsView, Notifier], store: Any, clock: Any, qtbot: Any, settle: Any
) -> None:
    view, _ = screen
    assert view.select_key("lrr.status")
    assert view.snooze_hour.isEnabled()
    view.show()  # a hidden screen reloads when it is next shown
    qtbot.mouseClick(view.snooze_hour, Qt.MouseButton.LeftButton)
    settle()
    mem = get_warning(store.db, "lrr.status")
    assert mem is not None and mem.snoozed_until == clock() + timedelta(hours=1)
    row = view.model.row_of("lrr.status")
    assert view.model.index(row, STATE).data().startswith("Snoozed until")
    assert view.selected_key() == "lrr.status"  # selection survives the refresh

    qtbot.mouseClick(view.snooze_tomorrow, Qt.MouseButton.LeftButton)
    settle()
    mem = get_warning(store.db, "lrr.status")
    assert mem is not None and mem.snoozed_until is not None
    local = mem.snoozed_until.astimezone()
    assert local.hour == 8 and local.date() > clock().astimezone().date()


def test_open_navigates_to_the_screen_and_row_of_the_warning(
    screen: tuple[WarningsView, Notifier], bridge: Any, qtbot: Any
) -> None:
    view, _ = screen
    view.select_key("deadline.message.M1")
    assert view.open_button.isEnabled()
    with qtbot.waitSignal(bridge.navigate) as nav:
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert nav.args == ["inbox", "M1"]


def test_resolved_warnings_cannot_be_snoozed(
    screen: tuple[WarningsView, Notifier], store: Any, clock: Any, settle: Any
) -> None:
    view, _ = screen
    mark_resolved(store.db, ["lrr.status"], clock())
    view.refresh()
    settle()
    view.select_key("lrr.status")
    assert not view.snooze_hour.isEnabled() and not view.snooze_tomorrow.isEnabled()
    assert not view.snooze_selected(clock() + timedelta(hours=1))


def test_shows_the_pause(
    screen: tuple[WarningsView, Notifier], store: Any, clock: Any, settle: Any
) -> None:
    view, _ = screen
    assert view.paused.isHidden()
    set_paused_until(store.db, clock() + timedelta(hours=1))
    view.refresh()
    settle()
    assert not view.paused.isHidden() and "paused until" in view.paused.text()


def test_an_empty_list_explains_itself(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any
) -> None:
    from gui.views.warnings import EMPTY_TEXT, WarningsView

    view = WarningsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    settle()
    assert view.empty.isVisible() and view.empty.text() == EMPTY_TEXT
    assert not view.table.isVisible()


def test_columns_are_not_sized_by_reading_every_row(qtbot: Any, settle: Any) -> None:
    from PySide6.QtWidgets import QTableView

    from gui.views.table_sizing import fixed_widths

    def mem(i: int) -> WarningMemory:
        return WarningMemory(f"k{i}", "s", "warning", f"Title {i}", "Detail", NOW, NOW)

    asked: set[int] = set()

    class Counting(WarningsModel):
        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            asked.add(index.row())
            return super().data(index, role)

    model = Counting()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    fixed_widths(table, {0: "2026-12-31 23:59"})
    table.resize(800, 300)
    table.show()
    model.set_rows([WarningRow(mem(i), "shown") for i in range(500)])
    qtbot.wait(50)
    assert asked and max(asked) < 50  # only the rows on screen


def test_the_warnings_screen_never_reads_the_database_on_the_gui_thread(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.db_guard import gui_thread_db_calls

    with gui_thread_db_calls(monkeypatch) as calls:
        view = WarningsView(store, bridge, clock)
        qtbot.addWidget(view)
        view.show()
        settle()
        view.refresh()
        settle()
    assert calls == []
    assert view.empty.isVisible()
