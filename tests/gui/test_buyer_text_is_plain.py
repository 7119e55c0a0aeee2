"""Issue 15 point 9: buyer- and file-controlled text is shown literally, never as HTML.

The same markup goes through every screen that shows such text: the inbox (subject
column, its tooltip, the thread pane, the triage note), the Defects screen (comment
tooltip, the removal panel), the Imports screen (a refused file's name and sentence),
the Warnings list, the reconciliation tables and the tray balloon.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox

from core.alerts import Alert
from core.model import Feedback, Message
from gui import plain
from gui.models.deadline_model import SUBJECT
from gui.models.defects_model import DETAILS
from gui.models.text_table import TextTableModel
from gui.models.warnings_model import DETAIL
from gui.notifications import Notifier
from gui.views.defects import DefectsView
from gui.views.imports import ImportsView
from gui.views.inbox import InboxView
from gui.views.reconciliation import ReconciliationView
from gui.views.warnings import WarningsView
from storage.db import transaction
from storage.imports import history
from storage.imports.context import ImportContext
from storage.reports.feedback.write import FeedbackWriter
from storage.reports.messages.write import MessageWriter
from tests.gui.conftest import AS_OF
from tests.gui.rendered import shown

MARKUP = "<img src=x><a href=http://evil>click</a>"
ORDER = "114-7777777-7777777"


def literal(value: object, text: str = MARKUP) -> bool:
    """`text` is what the user reads, character for character."""
    return text in shown(value)


def plain_label(label: QLabel, text: str = MARKUP) -> bool:
    return label.textFormat() == Qt.TextFormat.PlainText and text in label.text()


@pytest.fixture
def marked_up(seller_a_store: Any) -> Any:
    """The seller-a data plus a buyer message and a feedback comment full of markup."""
    store = seller_a_store
    db = store.db
    message = Message(
        "M-MARKUP", ORDER, "in", AS_OF - timedelta(hours=2), ORDER,
        subject=f"Order {ORDER}: {MARKUP}", body=f"Broken lid {MARKUP}",
        sender="abc@marketplace.amazon.com", marketplace="Amazon.com",
    )  # fmt: skip
    feedback = Feedback(ORDER, AS_OF.date() - timedelta(days=3), 1, comments=MARKUP)
    with transaction(db):
        import_id = history.start(db, "crafted.txt", "sha", "test", AS_OF)
        ctx = ImportContext(db.conn, store.cipher, import_id, AS_OF, "sha")
        MessageWriter(ctx).write([message])
        FeedbackWriter(ctx).write([feedback])
    return store


def test_inbox_subject_thread_and_triage(
    qtbot: Any, marked_up: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> None:
    inbox = InboxView(marked_up, bridge, clock)
    qtbot.addWidget(inbox)
    inbox.show()
    settle()
    m = inbox.model
    row = next(r for r in range(m.rowCount()) if m.row_at(r).order_id == ORDER)
    assert MARKUP in m.data(m.index(row, SUBJECT))
    assert literal(m.data(m.index(row, SUBJECT), Qt.ItemDataRole.ToolTipRole))
    assert inbox.select_ref(m.row_at(row).ref)
    settle()
    assert MARKUP in inbox.detail.toPlainText()
    assert "<img" not in inbox.detail.toHtml().replace("&lt;img", "")
    assert inbox.triage_panel.why.textFormat() == Qt.TextFormat.PlainText


def test_defects_comment(
    qtbot: Any, marked_up: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> None:
    defects = DefectsView(marked_up, bridge, clock)
    qtbot.addWidget(defects)
    defects.show()
    settle()
    row = defects.model.row_of_ref(ORDER)
    assert row is not None
    assert literal(
        defects.model.data(defects.model.index(row, DETAILS), Qt.ItemDataRole.ToolTipRole)
    )
    assert defects.select_ref(ORDER)
    settle()
    assert MARKUP in defects.removal.comment.toPlainText()
    assert defects.notes.title.textFormat() != Qt.TextFormat.PlainText  # bold label...
    assert "<img" not in defects.notes.title.text()  # ...whose file-given parts are escaped


def test_imports_refusal(
    qtbot: Any,
    store: Any,
    bridge: Any,
    clock: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settle: Callable[[], None],
) -> None:
    shown_boxes: list[str] = []
    monkeypatch.setattr(plain, "warning", lambda _p, _t, text: shown_boxes.append(text))
    name = "<img src=x><a href=evil>click<.a>.csv"  # a file name cannot hold "/"
    bad = tmp_path / name
    bad.write_text(f"colour\tshape\n{MARKUP}\tround\n", encoding="utf-8")
    view = ImportsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.batch_finished, timeout=30000):
        view.import_paths([bad])
    settle()
    assert plain_label(view.status_label, name)
    assert shown_boxes and name in shown_boxes[0]
    box = plain.plain_box(QMessageBox.Icon.Warning, "File refused", shown_boxes[0])
    assert box.textFormat() == Qt.TextFormat.PlainText
    m = view.model
    tips = [m.data(m.index(0, c), Qt.ItemDataRole.ToolTipRole) for c in range(m.columnCount())]
    assert any(literal(t, name) for t in tips)


class FakeTray(QObject):
    messageClicked = Signal()  # noqa: N815 - Qt's name

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, text: str, *_: Any) -> None:  # noqa: N802
        self.messages.append((title, text))


def test_warnings_detail_and_tray_message(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> None:
    tray = FakeTray()
    notifier = Notifier(store, bridge, tray, clock)
    view = WarningsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    bridge.alerts_raised.emit([Alert("import.refused", "warning", "File refused", MARKUP, "s1")])
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    settle()
    assert literal(view.model.data(view.model.index(0, DETAIL), Qt.ItemDataRole.ToolTipRole))
    assert view.model.data(view.model.index(0, DETAIL)) == MARKUP
    (title, text) = tray.messages[0]
    assert "<" not in text and ">" not in text and "&" not in text
    assert text == plain.tray_text(MARKUP) and "img src=x" in text and "click" in text
    assert notifier.last_message is not None


def test_reconciliation_tables_and_labels(
    qtbot: Any, seller_a_store: Any, bridge: Any, clock: Any, settle: Callable[[], None]
) -> None:
    view = ReconciliationView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    settle()
    for label in (view.policy_label, view.ahr_report_label, view.ahr_error):
        label.setText(MARKUP)
        assert plain_label(label)
    model: TextTableModel[list[str]] = TextTableModel(
        ["Metric", "Amazon"], lambda row, col: row[col], tip=lambda _row, _col: MARKUP
    )
    model.set_rows([["ODR", MARKUP]])
    assert model.data(model.index(0, 1)) == MARKUP
    assert literal(model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole))
