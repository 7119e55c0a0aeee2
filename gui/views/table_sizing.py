"""Column widths: from a sample text, or fitted to what the table shows (issue 17).

`ResizeToContents` asks the model for every row's text on each reset (thousands of
`data()` calls on the GUI thread); instead a list gets widths from its header and a
typical value (`fixed_widths`), or `fit_columns` measures the first rows once, caps each
column at a sensible maximum, gives the rest of the width to the long-text columns
(elided in the middle, the full text in a tooltip) and remembers what the seller dragged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QTreeView,
)

from gui.plain import plain_tip

PADDING = 24  # the cell's margins and a sort arrow
MEASURED_ROWS = 50  # rows read to size a column: the first screenfuls
MAX_WIDTH = 280  # no column but the long-text ones grows past this by itself
MIN_ELASTIC = 140  # a long-text column never shrinks below this to make room
COMFORT = 320  # a long-text column this wide reads well: then no column scrolls away
KEY_COLUMNS = "key_columns"  # the table's property naming the columns that must fit
SETTINGS_GROUP = "tables"


def fixed_widths(table: QTableView, samples: Mapping[int, str]) -> None:
    """Each column as wide as its header or its sample text, whichever is wider."""
    model = table.model()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = table.fontMetrics()
    for col in range(model.columnCount()):
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        text = max((title, samples.get(col, "")), key=metrics.horizontalAdvance)
        header.resizeSection(col, metrics.horizontalAdvance(text) + PADDING)


class ElidedTipDelegate(QStyledItemDelegate):
    """A cell cut short by its column shows its whole text as a (plain) tooltip."""

    def helpEvent(  # noqa: N802
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            own = index.data(Qt.ItemDataRole.ToolTipRole)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            tip = plain_tip(text) if isinstance(text, str) and not own else None
            cut = tip and view.fontMetrics().horizontalAdvance(text) + PADDING > option.rect.width()
            if tip and cut:
                QToolTip.showText(event.globalPos(), tip, view)
                return True
        return super().helpEvent(event, view, option, index)


def content_width(view: QAbstractItemView, col: int, rows: int = MEASURED_ROWS) -> int:
    """The width the header and the widest of the first `rows` cells of `col` need (a
    tree's child rows too, with their indentation in the first column)."""
    model = view.model()
    metrics = view.fontMetrics()
    indent = view.indentation() if isinstance(view, QTreeView) and col == 0 else 0
    title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
    widest = metrics.horizontalAdvance(title)
    for index, depth in _first_rows(model, rows):
        text = model.index(index.row(), col, index.parent()).data(Qt.ItemDataRole.DisplayRole)
        if text is not None:
            widest = max(widest, metrics.horizontalAdvance(str(text)) + indent * (depth + 1))
    return widest + PADDING


def _first_rows(model: QAbstractItemModel, limit: int) -> list[tuple[QModelIndex, int]]:
    """(index in column 0, depth) of the first `limit` rows, children after their parent."""
    found: list[tuple[QModelIndex, int]] = []
    stack = [(QModelIndex(), -1)]
    while stack and len(found) < limit:
        parent, depth = stack.pop()
        count = min(model.rowCount(parent), limit)
        children = [model.index(r, 0, parent) for r in range(count)]
        for child in reversed(children):
            stack.append((child, depth + 1))
        if parent.isValid():
            found.append((parent, depth))
    return found


class ColumnFitter(QObject):
    """Sizes a table's columns once its first rows arrive, and keeps the seller's widths.

    `elastic` columns hold long text (a subject, a reason, a message): they share what
    the other columns leave of the visible width and elide in the middle. `key` columns
    must stay on screen at 1280x800 (a test checks them).
    """

    def __init__(
        self,
        view: QTableView | QTreeView,
        name: str,
        *,
        elastic: Sequence[int] = (),
        key: Sequence[int] = (),
        maxima: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.name = name
        self.elastic = tuple(elastic)
        self.key = tuple(key)
        self.maxima = dict(maxima or {})
        self.fitted = False
        self.by_hand = False  # the seller dragged a column: keep their widths
        self._spreading = False
        view.setProperty(KEY_COLUMNS, list(key))
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        if type(view.itemDelegate()) is QStyledItemDelegate:
            view.setItemDelegate(ElidedTipDelegate(view))
        if isinstance(view, QTableView):
            view.setWordWrap(False)
        header = self.header
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save)
        self._watch(view.model())
        view.viewport().installEventFilter(self)

    @property
    def header(self) -> QHeaderView:
        view = self.view
        return view.horizontalHeader() if isinstance(view, QTableView) else view.header()

    def _watch(self, model: QAbstractItemModel | None) -> None:
        if model is None:
            return
        model.modelReset.connect(self._rows_arrived)
        model.rowsInserted.connect(self._rows_arrived)
        model.layoutChanged.connect(self._rows_arrived)
        if model.rowCount() > 0:
            self._rows_arrived()

    def _rows_arrived(self, *_args: object) -> None:
        if not self.fitted and self.view.model().rowCount() > 0:
            QTimer.singleShot(0, self.fit)

    def fit(self) -> None:
        """Restore the seller's widths, or size every column to the rows shown."""
        if self.fitted or self.view.model().rowCount() == 0:
            return
        self.fitted = True
        state = QSettings().value(self._key)
        if state is not None and self.header.restoreState(state):
            self.by_hand = True
            self._follow()
            return
        self.refit()
        self._follow()

    def refit(self) -> None:
        """Each column as wide as its content (up to its maximum); the long-text columns
        share the remaining width."""
        header = self.header
        for col in range(self.view.model().columnCount()):
            if col not in self.elastic and not header.isSectionHidden(col):
                width = content_width(self.view, col)
                header.resizeSection(col, min(width, self.maxima.get(col, MAX_WIDTH)))
        self.spread()

    def spread(self) -> None:
        """The long-text columns share what the others leave of the visible width."""
        header = self.header
        visible = [c for c in self.elastic if not header.isSectionHidden(c)]
        shown = [c for c in visible if not self.key or c in self.key]
        for col in visible:  # a long-text column that may scroll into view: its content
            if col not in shown:
                header.resizeSection(
                    col, max(MIN_ELASTIC, min(content_width(self.view, col), 2 * MAX_WIDTH))
                )
        if not shown:
            return
        width = self.view.viewport().width() - 2

        def room(columns: Sequence[int]) -> int:
            used = sum(
                header.sectionSize(c)
                for c in columns
                if c not in shown and not header.isSectionHidden(c)
            )
            return (width - used) // len(shown)

        every = room(range(header.count()))  # a wide window: every column in view
        share = every if every >= COMFORT or not self.key else room(self.key)
        share = max(MIN_ELASTIC, share)
        self._spreading = True
        for col in shown:
            header.resizeSection(col, share)
        self._spreading = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A wider or narrower window: the long-text columns take up the change, until
        the seller sets widths by hand."""
        if event.type() == QEvent.Type.Resize and self.fitted and not self.by_hand:
            self.spread()
        return False

    def _follow(self) -> None:
        header = self.header
        header.sectionResized.connect(self._resized)
        header.sectionMoved.connect(self._save_timer.start)

    def _resized(self, *_args: object) -> None:
        if self._spreading or not self.view.isVisible():
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:  # the seller drags
            self.by_hand = True
            self._save_timer.start()

    @property
    def _key(self) -> str:
        return f"{SETTINGS_GROUP}/{self.name}/header"

    def save(self) -> None:
        QSettings().setValue(self._key, self.header.saveState())


def fit_columns(
    view: QTableView | QTreeView,
    name: str,
    *,
    elastic: Sequence[int] = (),
    key: Sequence[int] = (),
    maxima: Mapping[int, int] | None = None,
) -> ColumnFitter:
    """Fit `view`'s columns to their content once rows arrive (see ColumnFitter)."""
    return ColumnFitter(view, name, elastic=elastic, key=key, maxima=maxima)
