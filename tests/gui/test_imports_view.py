"""The Imports screen: good files add history rows, bad files say why, Cancel rolls back."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.import_history import ImportAttempt
from gui import plain
from gui.models.imports_model import ImportsModel
from gui.operations import wait_idle
from gui.views import imports as imports_module
from gui.views.imports import CANCELLED_TEXT, ImportsView
from services.changes import Changes


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record the plain-text warning boxes instead of blocking on them."""
    shown: list[tuple[str, str]] = []

    def warning(parent: Any, title: str, text: str, *args: Any) -> Any:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(plain, "warning", warning)
    return shown


@pytest.fixture
def view(qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any) -> ImportsView:
    v = ImportsView(store, bridge, clock)
    qtbot.addWidget(v)
    v.show()
    settle()
    return v


def run_batch(qtbot: Any, view: ImportsView, paths: list[Path]) -> tuple[list[Any], bool]:
    with qtbot.waitSignal(view.batch_finished, timeout=30000) as blocker:
        assert view.import_paths(paths) is not None
    assert wait_idle()  # the history reloads in the background
    outcomes, cancelled = blocker.args
    return outcomes, cancelled


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, 20, hour, minute, second, tzinfo=UTC)


def cell(model: ImportsModel, row: int, col: int) -> str:
    return str(model.data(model.index(row, col)))


def table_count(store: Any, table: str) -> int:
    return int(store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_empty_history_explains_what_to_do(view: ImportsView) -> None:
    assert view.model.rowCount() == 0
    assert view.empty_label.isVisible()
    assert "All Orders report" in view.empty_label.text()
    assert not view.table.isVisible()


def test_importing_a_good_file_adds_a_history_row(
    qtbot: Any, view: ImportsView, bridge: Any, samples: Path, dialogs: list[Any]
) -> None:
    finished: list[Any] = []
    bridge.import_finished.connect(finished.append)
    with qtbot.waitSignal(bridge.changed, timeout=30000) as changed:
        outcomes, cancelled = run_batch(qtbot, view, [samples / "seller-a" / "claims.csv"])
    assert changed.args == [Changes(claims=True, imports=True)]
    assert not cancelled and [o.ok for o in outcomes] == [True]
    assert [o.file for o in finished] == ["claims.csv"]
    m = view.model
    assert m.rowCount() == 1 and view.table.isVisible()
    assert cell(m, 0, 1) == "claims.csv"
    assert cell(m, 0, 2) == "claims.csv"
    assert (cell(m, 0, 3), cell(m, 0, 4), cell(m, 0, 5)) == ("12", "0", "0")
    assert cell(m, 0, 6) == "Imported"
    assert "12 added, 0 updated, 0 unchanged" in view.status_label.text()
    assert not dialogs
    assert not view.busy and not view.progress_bar.isVisible()


def test_reimporting_the_same_file_is_all_unchanged(
    qtbot: Any, view: ImportsView, samples: Path, dialogs: list[Any]
) -> None:
    path = samples / "seller-a" / "claims.csv"
    run_batch(qtbot, view, [path])
    outcomes, _ = run_batch(qtbot, view, [path])
    assert (outcomes[0].added, outcomes[0].unchanged) == (0, 12)
    assert view.model.rowCount() == 2
    assert cell(view.model, 0, 5) == "12"


def test_a_refused_file_shows_its_sentence_in_history_and_a_dialog(
    qtbot: Any, view: ImportsView, tmp_path: Path, dialogs: list[Any]
) -> None:
    bad = tmp_path / "mystery.txt"
    bad.write_text("colour\tshape\nred\tround\n", encoding="utf-8")
    outcomes, _ = run_batch(qtbot, view, [bad])
    assert not outcomes[0].ok
    sentence = outcomes[0].error
    assert sentence and "mystery.txt" in sentence
    m = view.model
    assert cell(m, 0, 6) == "Refused"
    assert cell(m, 0, 7) == sentence
    assert m.data(m.index(0, 6), Qt.ItemDataRole.ForegroundRole) is not None  # red, and a word
    assert len(dialogs) == 1
    title, text = dialogs[0]
    assert title == "File refused"
    assert sentence in text and "Nothing from this file was imported" in text
    assert sentence in view.status_label.text()


def test_good_and_bad_files_in_one_batch(
    qtbot: Any, view: ImportsView, samples: Path, tmp_path: Path, dialogs: list[Any], store: Any
) -> None:
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    outcomes, _ = run_batch(qtbot, view, [bad, samples / "seller-a" / "claims.csv"])
    assert [o.ok for o in outcomes] == [False, True]
    assert table_count(store, "claims") == 12
    assert view.model.rowCount() == 2
    assert len(dialogs) == 1 and "empty.csv" in dialogs[0][1]


def test_cancel_rolls_the_file_back_and_says_so(
    qtbot: Any,
    view: ImportsView,
    samples: Path,
    store: Any,
    dialogs: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Hold the worker just before it starts the file, so Cancel lands mid-import.
    entered, gate = threading.Event(), threading.Event()

    def slow_estimate(path: Path) -> int:
        entered.set()
        gate.wait(10)
        return 1000

    monkeypatch.setattr("gui.import_worker.estimate_rows", slow_estimate)
    with qtbot.waitSignal(view.batch_finished, timeout=30000) as blocker:
        view.import_paths([samples / "seller-a" / "orders-1.txt"])
        assert view.progress_bar.isVisible() and view.cancel_button.isEnabled()
        assert entered.wait(10)
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
        gate.set()
    assert wait_idle()
    outcomes, cancelled = blocker.args
    assert [o.ok for o in outcomes] == [False]
    assert cancelled
    assert table_count(store, "orders") == 0
    assert table_count(store, "order_items") == 0
    assert CANCELLED_TEXT in view.status_label.text()
    assert cell(view.model, 0, 6) == "Cancelled"
    assert not dialogs  # a cancel is not a refusal


def test_dropping_files_imports_them(
    qtbot: Any, view: ImportsView, samples: Path, dialogs: list[Any]
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(samples / "seller-a" / "claims.csv"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.batch_finished, timeout=30000):
        view.dropEvent(event)
    assert wait_idle()
    assert cell(view.model, 0, 1) == "claims.csv"


def test_file_dialog_imports_every_chosen_file(
    qtbot: Any,
    view: ImportsView,
    samples: Path,
    dialogs: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chosen = [str(samples / "seller-a" / n) for n in ("claims.csv", "returns-fba.txt")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (chosen, "")))
    with qtbot.waitSignal(view.batch_finished, timeout=30000) as blocker:
        qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert [o.file for o in blocker.args[0]] == ["claims.csv", "returns-fba.txt"]
    assert view.model.rowCount() == 2


@pytest.mark.parametrize(
    ("button", "name"),
    [("messages_template_button", "messages"), ("claims_template_button", "claims")],
)
def test_template_buttons_save_the_blank_csv(
    qtbot: Any,
    view: ImportsView,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    button: str,
    name: str,
) -> None:
    from storage.imports.templates import TEMPLATES

    dest = tmp_path / f"my-{name}.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(dest), ""))
    )
    qtbot.mouseClick(getattr(view, button), Qt.MouseButton.LeftButton)
    assert dest.read_text(encoding="utf-8").splitlines()[0] == TEMPLATES[name].strip()


def test_template_dialog_cancelled_writes_nothing(
    qtbot: Any, view: ImportsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert imports_module.save_template_dialog(view, "claims") is None


def test_imports_model_passes_modeltester(qtmodeltester: Any) -> None:
    rows = [
        ImportAttempt(1, "a.txt", "orders", at(15, 0, 0), at(15, 0, 1), 3, 1, 0, "ok"),
        ImportAttempt(
            2,
            "b.txt",
            None,
            at(15, 1),
            at(15, 1),
            outcome="refused",
            error="b.txt: the file is empty.",
        ),
        ImportAttempt(
            3,
            "c.txt",
            "orders",
            at(15, 2),
            at(15, 2),
            outcome="cancelled",
            error="c.txt: import cancelled.",
        ),
    ]
    model = ImportsModel(rows)
    qtmodeltester.check(model)
    assert cell(model, 1, 2) == "unknown"
    assert cell(model, 1, 3) == ""  # no counts for a refused file
    assert cell(model, 2, 7).startswith("Cancelled")
    model.set_rows([])
    qtmodeltester.check(model)


def test_an_orders_import_broadcasts_its_changes_and_computes_no_metrics(
    qtbot: Any, view: ImportsView, bridge: Any, samples: Path, dialogs: list[Any]
) -> None:
    changed: list[Changes] = []
    metrics: list[Any] = []
    bridge.changed.connect(changed.append)
    bridge.metrics_changed.connect(metrics.append)
    run_batch(qtbot, view, [samples / "seller-a" / "orders-1.txt"])
    assert changed == [Changes(orders=True, imports=True)]
    assert changed[0].metric_inputs
    assert metrics == []  # the health feed recomputes from the broadcast, not this screen


def test_a_batch_broadcasts_every_kind_once_and_a_refusal_only_the_history(
    qtbot: Any, view: ImportsView, bridge: Any, samples: Path, tmp_path: Path, dialogs: list[Any]
) -> None:
    changed: list[Changes] = []
    bridge.changed.connect(changed.append)
    seller = samples / "seller-a"
    run_batch(qtbot, view, [seller / "feedback.txt", seller / "returns-fba.txt"])
    assert changed == [Changes(feedback=True, returns=True, imports=True)]
    bad = tmp_path / "mystery.txt"
    bad.write_text("colour\tshape\nred\tround\n", encoding="utf-8")
    run_batch(qtbot, view, [bad])
    assert changed[1:] == [Changes(imports=True)]
    assert not changed[1].metric_inputs


def test_a_hidden_imports_screen_reloads_when_shown(
    qtbot: Any, view: ImportsView, store: Any, bridge: Any, samples: Path, settle: Any
) -> None:
    from services.imports import import_file

    view.hide()
    done = import_file(store, samples / "seller-a" / "claims.csv", datetime.now(UTC))
    bridge.changed.emit(done.changes)  # e.g. the watched folder imported a file
    settle()
    assert view.model.rowCount() == 0  # not loaded while hidden
    view.show()
    settle()
    assert cell(view.model, 0, 1) == "claims.csv"


def add_history(store: Any, count: int) -> None:
    store.db.conn.executemany(
        "INSERT INTO imports (file_name, sha256, kind, started_at, finished_at, outcome) "
        "VALUES (?, 'x', 'orders', '2026-11-20T15:00:00+00:00', "
        "'2026-11-20T15:00:00+00:00', 'ok')",
        [(f"file-{i:04d}.txt",) for i in range(count)],
    )
    store.db.conn.commit()


def test_a_long_history_loads_page_by_page(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any
) -> None:
    from services.imports import HISTORY_PAGE

    add_history(store, 2 * HISTORY_PAGE + 50)
    view = ImportsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    settle()
    model = view.model
    assert model.rowCount() == HISTORY_PAGE and model.canFetchMore()
    assert cell(model, 0, 1) == f"file-{2 * HISTORY_PAGE + 49:04d}.txt"  # newest first
    view.table.scrollToBottom()  # the view asks for the next page
    settle()
    assert model.rowCount() == 2 * HISTORY_PAGE
    assert cell(model, HISTORY_PAGE, 1) == f"file-{HISTORY_PAGE + 49:04d}.txt"
    model.fetchMore()
    settle()
    assert model.rowCount() == 2 * HISTORY_PAGE + 50 and not model.canFetchMore()
    assert cell(model, model.rowCount() - 1, 1) == "file-0000.txt"


def test_a_reload_drops_a_page_still_on_its_way(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any
) -> None:
    from services.imports import HISTORY_PAGE

    add_history(store, HISTORY_PAGE + 10)
    view = ImportsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    settle()
    view.model.fetchMore()
    assert not view.model.canFetchMore()  # one page at a time
    view.refresh()  # e.g. an import finished meanwhile
    settle()
    assert view.model.rowCount() == HISTORY_PAGE and view.model.canFetchMore()


def test_the_imports_screen_never_reads_the_database_on_the_gui_thread(
    qtbot: Any,
    store: Any,
    bridge: Any,
    clock: Any,
    samples: Path,
    settle: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.gui.db_guard import gui_thread_db_calls

    add_history(store, 300)
    with gui_thread_db_calls(monkeypatch) as calls:
        view = ImportsView(store, bridge, clock)
        qtbot.addWidget(view)
        view.show()
        settle()
        view.model.fetchMore()
        settle()
        run_batch(qtbot, view, [samples / "seller-a" / "claims.csv"])
    assert calls == []
    assert cell(view.model, 0, 1) == "claims.csv"


def test_a_paged_model_passes_modeltester_while_it_fetches(qtmodeltester: Any) -> None:
    from services.pages import Page

    rows = [
        ImportAttempt(i, f"f{i}.txt", "orders", at(15, 0), at(15, 0), i, 0, 0, "ok")
        for i in range(25)
    ]
    asked: list[tuple[int, Any]] = []  # pages on their way, delivered by hand below
    model = ImportsModel()
    model.load_page = lambda offset, deliver: asked.append((offset, deliver))
    model.set_page(Page.cut(rows, 0, 10))
    qtmodeltester.check(model)
    if not asked:
        model.fetchMore()
    stale_offset, stale = asked.pop()
    model.set_page(Page.cut(rows, 0, 10))  # a reload drops the page still on its way
    stale(Page.cut(rows[stale_offset:], stale_offset, 10))
    assert model.rowCount() == 10  # the stale page was not appended
    while asked or model.canFetchMore():
        if not asked:  # (the tester asks for pages too)
            model.fetchMore()
        assert not model.canFetchMore()  # one page at a time
        offset, deliver = asked.pop()
        deliver(Page.cut(rows[offset:], offset, 10))
    assert model.rowCount() == 25 and not model.more and not asked
    assert [cell(model, r, 1) for r in range(25)] == [f"f{i}.txt" for i in range(25)]


def test_the_history_names_the_report_and_shows_its_notes(
    qtbot: Any, view: ImportsView, tmp_path: Path, dialogs: list[Any]
) -> None:
    from tests.fixtures.report_files import ORDERS_CURRENT, order_row, write_table

    rows = [
        order_row(ORDERS_CURRENT, order_status="Shipped - Delivered to Buyer"),
        order_row(ORDERS_CURRENT, amazon_order_id="112-0000002-0000002"),
        order_row(
            ORDERS_CURRENT, amazon_order_id="S01-0000003-0000003", sales_channel="Non-Amazon"
        ),
    ]
    path = write_table(tmp_path / "orders.txt", ORDERS_CURRENT, rows)
    outcomes, _ = run_batch(qtbot, view, [path])
    assert outcomes[0].ok and not dialogs
    m = view.model
    assert cell(m, 0, 2) == "All Orders"
    message = cell(m, 0, 7)
    assert message.startswith("2 orders (2 lines); 1 row had a status we did not recognise")
    assert "1 Multi-Channel row skipped" in message
    assert view.status_label.text().startswith(
        "orders.txt: All Orders: 2 orders (2 lines): 2 added, 0 updated, 0 unchanged; 1 row had"
    )
