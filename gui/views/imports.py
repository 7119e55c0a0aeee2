"""The Imports screen: drop or choose report files, watch progress, read the history.

Imports run in an ImportThread (own connection); Cancel rolls the running file
back. A refused file is shown in the history with its sentence and in a dialog.
After a batch the screen broadcasts what the files changed (`bridge.changed`); the
numbers are recomputed by whoever listens for that, never here. The history is
loaded in the background, a page at a time as the table scrolls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from gui import plain
from gui.bridge import Bridge
from gui.export import export_button
from gui.import_worker import ImportThread
from gui.models.imports_model import COLUMNS, FILE, KIND, MESSAGE, ImportsModel
from gui.models.paged import page_loader
from gui.views.screen import Screen
from gui.views.table_sizing import fit_columns
from gui.widgets.search_box import SearchBox
from services.changes import Changes
from services.imports import (
    ImportAttempt,
    ImportOutcome,
    import_history_page,
    import_line,
    save_blank_template,
)
from services.pages import Page
from storage.db import Store

FILE_FILTER = "Seller Central reports (*.txt *.tsv *.csv *.json *.xml *.eml *.mbox);;All files (*)"
CANCELLED_TEXT = "Cancelled - nothing was imported."
TEMPLATE_FILES = {"messages": "messages.csv", "claims": "claims.csv"}


def save_template_dialog(parent: QWidget, name: str) -> Path | None:
    """Ask where to save a blank CSV template and write it; None when the user cancels."""
    suggested = str(Path.home() / TEMPLATE_FILES[name])
    dest, _ = QFileDialog.getSaveFileName(
        parent, f"Save the {TEMPLATE_FILES[name]} template", suggested, "CSV files (*.csv)"
    )
    if not dest:
        return None
    try:
        return save_blank_template(name, Path(dest), overwrite=True)
    except (OSError, ValueError) as exc:
        plain.warning(parent, "Template not saved", f"The template could not be saved: {exc}")
        return None


def outcome_sentence(outcome: ImportOutcome) -> str:
    """One line per file, as the CLI prints it (the report's name, counts and notes)."""
    if outcome.ok:
        return import_line(outcome) + "."
    return str(outcome.error or f"{outcome.file} was not imported.")


class ImportsView(Screen):
    """`import_paths()` starts a batch; `busy` is True while it runs."""

    screen_name = "imports"
    batch_finished = Signal(object, bool)  # outcomes, cancelled (after the GUI updated)

    def __init__(
        self,
        store: Store,
        bridge: Bridge,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.worker: ImportThread | None = None
        self._estimate = 0
        self._failure: str | None = None
        self.setAcceptDrops(True)

        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel("<h2>Imports</h2>"), 1)
        head.addWidget(self.updating_label)
        lay.addLayout(head)
        intro = QLabel(
            "Drop report files anywhere on this screen, or choose <b>Import files\u2026</b> "
            "(Ctrl+O). The kind of each file is recognised from its content. A file is "
            "imported whole or not at all, and importing the same data again changes nothing."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)

        buttons = QHBoxLayout()
        self.import_button = QPushButton("&Import files\u2026")
        self.import_button.clicked.connect(self.open_files_dialog)
        self.messages_template_button = QPushButton("Save &messages.csv template\u2026")
        self.messages_template_button.clicked.connect(
            lambda: save_template_dialog(self, "messages")
        )
        self.claims_template_button = QPushButton("Save c&laims.csv template\u2026")
        self.claims_template_button.clicked.connect(lambda: save_template_dialog(self, "claims"))
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.messages_template_button)
        buttons.addWidget(self.claims_template_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)

        progress_row = QHBoxLayout()
        self.progress_label = QLabel("")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.progress_label, 2)
        progress_row.addWidget(self.progress_bar, 3)
        progress_row.addWidget(self.cancel_button)
        lay.addLayout(progress_row)
        self._show_progress(False)

        self.status_label = QLabel("")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # refusals quote files
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setAccessibleName("Import result")
        lay.addWidget(self.status_label)

        self._search = ""
        self.search = SearchBox(self, self._search_for, "Search file, report or message (Ctrl+F)")
        history_head = QHBoxLayout()
        history_head.addWidget(QLabel("<b>History</b>"), 1)
        history_head.addWidget(self.search)
        lay.addLayout(history_head)
        self.model = ImportsModel(parent=self)
        self.model.load_page = page_loader(
            self.ops,
            self,
            lambda store, offset: import_history_page(store, offset, search=self._search),
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.columns = fit_columns(
            self.table,
            "imports",
            elastic=(MESSAGE,),
            key=tuple(range(len(COLUMNS))),
            maxima={FILE: 190, KIND: 190},
        )
        self.table.setAccessibleName("Import history")
        buttons.addWidget(export_button(self, self.table, "imports"))
        self.empty_label = QLabel(
            "Nothing imported yet. Start with the All Orders report, then feedback, returns, "
            "the seller performance report, buyer messages and claims."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.table.hide()
        lay.addWidget(self.empty_label)
        lay.addWidget(self.table, 1)
        self.refresh()

    # --- history --------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.imports

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Load the newest page of the history (of what the search finds) in the background."""
        search = self._search
        self.fetch(lambda store: import_history_page(store, search=search), self._show_history)

    def _search_for(self, text: str) -> None:
        self._search = text
        self.refresh()

    def _show_history(self, page: Page[ImportAttempt]) -> None:
        self.model.set_page(page)
        empty = self.model.rowCount() == 0 and not self._search
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)

    # --- starting -------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def open_files_dialog(self) -> None:
        if self.busy:
            return
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import report files", str(Path.home()), FILE_FILTER
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if not self.busy and _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = _local_files(event.mimeData().urls())
        if paths and not self.busy:
            event.acceptProposedAction()
            self.import_paths(paths)

    def import_paths(self, paths: Sequence[Path]) -> ImportThread | None:
        """Start importing; returns the running thread (tests wait on it)."""
        if self.busy or not paths:
            return None
        thread = ImportThread(self._store, paths, self._clock, self)
        thread.file_started.connect(self._on_file_started)
        thread.progress.connect(self._on_progress)
        thread.failed.connect(self._on_failed)
        thread.batch_done.connect(self._on_batch_done)
        self.worker = thread
        self.status_label.setText("")
        self.import_button.setEnabled(False)
        self._show_progress(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()
        thread.start()
        return thread

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling\u2026")

    # --- progress -------------------------------------------------------------

    def _show_progress(self, visible: bool) -> None:
        self.progress_label.setVisible(visible)
        self.progress_bar.setVisible(visible)
        self.cancel_button.setVisible(visible)

    def _on_file_started(self, index: int, name: str, estimate: int) -> None:
        total = len(self.worker.paths) if self.worker else 1
        prefix = f"File {index + 1} of {total}: " if total > 1 else ""
        self.progress_label.setText(f"{prefix}{name}")
        self._estimate = estimate
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("reading\u2026")

    def _on_progress(self, index: int, rows: int) -> None:
        if self._estimate > 0:
            self.progress_bar.setValue(min(99, int(rows * 100 / self._estimate)))
        self.progress_bar.setFormat(f"{rows:,} rows")

    def _on_failed(self, sentence: str) -> None:
        self._failure = sentence

    def _on_batch_done(self, outcomes: list[ImportOutcome], cancelled: bool) -> None:
        worker = self.worker
        failure, self._failure = self._failure, None
        skip = None
        changes = Changes()
        if worker is not None:
            skip = worker.cancelled_index
            changes = worker.changes
            worker.wait()
            worker.deleteLater()
        self.worker = None
        self._show_progress(False)
        self.import_button.setEnabled(True)

        imported = [o for o in outcomes if o.ok]
        refused = [o for i, o in enumerate(outcomes) if not o.ok and i != skip]
        lines = [outcome_sentence(o) for i, o in enumerate(outcomes) if i != skip]
        if cancelled:
            lines.append(
                CANCELLED_TEXT
                if not imported
                else "Cancelled - the file being read and any later files were not imported."
            )
        if failure:
            lines.append(failure)
        self.status_label.setText("\n".join(lines))

        for outcome in outcomes:
            self._bridge.import_finished.emit(outcome)
        if changes:
            self._bridge.changed.emit(changes)  # the history, and the kinds the files held
        if refused:
            plain.warning(
                self,
                "File refused" if len(refused) == 1 else "Files refused",
                "\n\n".join(outcome_sentence(o) for o in refused)
                + "\n\nNothing from "
                + ("this file" if len(refused) == 1 else "these files")
                + " was imported.",
            )
        self.batch_finished.emit(outcomes, cancelled)

    def shutdown(self) -> None:
        """Cancel and wait for a running import (app quit)."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()


def _local_files(urls: Iterable[QUrl]) -> list[Path]:
    return [
        Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).is_file()
    ]
