"""The main window: navigation list, banners, the screens, menus and shortcuts.

Closing keeps the app in the tray when there is one (said once by a tray
message); without a tray, closing quits. Geometry is remembered in QSettings.

The window can be built before the database is open (`MainWindow(None, ...)`):
the frame shows at once with an "Opening your data" page, and `attach_store`
fills it in. A cold start then paints in about the time of a bare Qt window;
opening the store and building the dashboard happen after the first paint.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

# Not `Qt` at module level: PySide6 builds that namespace on first use (~16 ms), and
# the frame must paint before anything it does not need is loaded.
from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from gui.widgets.banner import Banner

log = logging.getLogger(__name__)

APP_TITLE = "Account Health Monitor"
GEOMETRY_KEY = "main_window/geometry"
TRAY_HINT_KEY = "main_window/tray_hint_shown"

SCREENS: tuple[tuple[str, str, str, str], ...] = (
    # name, label, module, class
    ("dashboard", "Dashboard", "gui.views.dashboard", "DashboardView"),
    ("inbox", "Inbox", "gui.views.inbox", "InboxView"),
    ("defects", "Defects", "gui.views.defects", "DefectsView"),
    ("imports", "Imports", "gui.views.imports", "ImportsView"),
    ("settings", "Settings", "gui.views.settings", "SettingsView"),
    ("reconciliation", "Amazon vs ours", "gui.views.reconciliation", "ReconciliationView"),
    ("products", "Products", "gui.views.products", "ProductsView"),
    ("warnings", "Warnings", "gui.views.warnings", "WarningsView"),
)


class Screens(Mapping[str, QWidget]):
    """The screens by name, each built the first time it is needed.

    Building all eight at start cost ~0.3 s before the window could show; now only
    the dashboard is built then, and a screen is made when it is shown or asked for.
    """

    def __init__(self, names: list[str], build: Callable[[str], QWidget]) -> None:
        self._names = names
        self._build = build
        self._built: dict[str, QWidget] = {}

    def __getitem__(self, name: str) -> QWidget:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._built:
            self._built[name] = self._build(name)
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def is_built(self, name: str) -> bool:
        return name in self._built


PII_FALLBACK_TEXT = (
    "Buyer data is encrypted with a key stored in a file next to the database because no "
    "system keyring is available"
)


def _centered(label: QLabel) -> QWidget:
    """The label in the middle of a page (by stretches, so no `Qt` flags are needed)."""
    page = QWidget()
    page.setAccessibleName(label.text().rstrip("\u2026"))
    column = QVBoxLayout(page)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return page


class MainWindow(QMainWindow):
    """`show_screen(name)` switches; `keep_in_tray` decides what closing does."""

    quit_requested = Signal()
    screen_built = Signal(str, object)  # name, the view: made on first use

    def __init__(
        self,
        store: Any | None,
        bridge: Any,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store: Any = None
        self.bridge = bridge
        self.clock = clock
        self.keep_in_tray = False
        self.tray: Any = None  # set by the app when a tray exists
        self.quitting = False
        self.setWindowTitle(APP_TITLE)
        self.setMinimumSize(800, 560)

        central = QWidget()
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        self.banner_area = QVBoxLayout()
        outer.addLayout(self.banner_area)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        self.nav = QListWidget()
        self.nav.setAccessibleName("Screens")
        self.nav.setFixedWidth(160)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.stack = QStackedWidget()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)

        self.names: list[str] = [name for name, _, _, _ in SCREENS]
        self.missing: list[str] = []
        self.screens = Screens(self.names, self._build_screen)
        self.home = QStackedWidget()  # "opening", then the first-run page or the dashboard
        self.opening = _centered(QLabel("Opening your data\u2026"))
        self.home.addWidget(self.opening)
        self.stack.addWidget(self.home)
        for position, (_, label, _, _) in enumerate(SCREENS, start=1):
            item = QListWidgetItem(label)
            if position <= 9:
                item.setToolTip(f"{label} (Ctrl+{position})")
            self.nav.addItem(item)
        self.nav.setCurrentRow(0)
        self.nav.currentRowChanged.connect(self._show_row)
        self._build_actions()
        self._restore_geometry()
        self.setTabOrder(self.nav, self.stack)
        self._set_ready(False)
        if store is not None:
            self.attach_store(store)

    def attach_store(self, store: Any) -> None:
        """The database is open: the first-run page or dashboard replaces "Opening"."""
        from gui.first_run import FirstRunView
        from gui.tray_icons import status_icon

        self.store = store
        self.setWindowIcon(status_icon("no_data"))
        self.first_run = FirstRunView()
        self.first_run.import_requested.connect(self.open_import_dialog)
        self.first_run.template_requested.connect(self._save_template)
        self.home.addWidget(self.first_run)
        self.screens["dashboard"]  # noqa: B018 - the first screen is built at once
        self._add_key_banner()
        self.update_first_run()
        self.bridge.data_changed.connect(self.update_first_run)
        self.bridge.navigate.connect(self._on_navigate)
        self.bridge.metrics_changed.connect(self._on_metrics)
        self.bridge.job_failed.connect(self._on_job_failed)
        from PySide6.QtGui import QKeySequence

        standard = QKeySequence.StandardKey
        for action, keys in self._shortcuts:
            sequence = getattr(standard, keys[1:]) if keys.startswith("@") else keys
            action.setShortcut(QKeySequence(sequence))
        self._set_ready(True)
        self._show_row(self.nav.currentRow())

    @property
    def ready(self) -> bool:
        """Whether the store is attached (menus and screens work)."""
        return self.store is not None

    def _set_ready(self, ready: bool) -> None:
        """Until the store is open, screens and actions that need it are off."""
        self.nav.setEnabled(ready)
        for action in self._store_actions:
            action.setEnabled(ready)

    # --- building ---------------------------------------------------------------

    def _build_screen(self, name: str) -> QWidget:
        """Make a screen and add it to the stack (the dashboard goes into `home`)."""
        if self.store is None:
            raise KeyError(f"{name}: the database is not open yet")
        _, _, module, cls = SCREENS[self.names.index(name)]
        view = self._make_view(name, module, cls)
        (self.home if name == "dashboard" else self.stack).addWidget(view)
        self.screen_built.emit(name, view)
        return view

    def _make_view(self, name: str, module: str, cls: str) -> QWidget:
        try:
            view_cls = getattr(importlib.import_module(module), cls)
        except (ImportError, AttributeError) as exc:
            from PySide6.QtCore import Qt

            log.error("screen %s is not available: %s", name, exc)
            self.missing.append(name)
            placeholder = QLabel(f"The {name} screen is not available in this build.")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return placeholder
        view: QWidget = view_cls(self.store, self.bridge, self.clock)
        return view

    def _show_row(self, row: int) -> None:
        """Show a screen (built on first show); the dashboard lives in `home`."""
        if self.store is None or not 0 <= row < len(self.names) or self.names[row] == "dashboard":
            self.stack.setCurrentWidget(self.home)
            return
        self.stack.setCurrentWidget(self.screens[self.names[row]])

    def _build_actions(self) -> None:
        self._store_actions: list[QAction] = []
        # Shortcuts are set in attach_store: the first setShortcut builds PySide6's key
        # enums (~40 ms), which the first paint can skip. "@Open" is a standard key.
        self._shortcuts: list[tuple[QAction, str]] = []
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import files\u2026", self)
        self._shortcuts.append((self.import_action, "@Open"))
        self.import_action.triggered.connect(self.open_import_dialog)
        file_menu.addAction(self.import_action)
        self._store_actions.append(self.import_action)
        for name, text in (("messages", "messages.csv"), ("claims", "claims.csv")):
            act = QAction(f"Save {text} template\u2026", self)
            act.triggered.connect(lambda _=False, n=name: self._save_template(n))
            file_menu.addAction(act)
            self._store_actions.append(act)
        templates = QAction("Reply &templates\u2026", self)
        templates.triggered.connect(self._open_templates)
        file_menu.addAction(templates)
        self._store_actions.append(templates)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self._shortcuts.append((self.quit_action, "Ctrl+Q"))
        self.quit_action.triggered.connect(self.request_quit)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu("&View")
        self.screen_actions: dict[str, QAction] = {}
        for i, name in enumerate(self.names):
            act = QAction(self.nav.item(i).text(), self)
            if i < 9:
                self._shortcuts.append((act, f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, n=name: self.show_screen(n))
            view_menu.addAction(act)
            self.addAction(act)  # shortcuts work even with the menu bar hidden
            self.screen_actions[name] = act
            self._store_actions.append(act)
        refresh = QAction("&Refresh", self)
        self._shortcuts.append((refresh, "@Refresh"))
        refresh.triggered.connect(self.bridge.data_changed.emit)
        view_menu.addSeparator()
        view_menu.addAction(refresh)
        self._store_actions.append(refresh)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _save_template(self, name: str) -> None:
        from gui.views.imports import save_template_dialog

        save_template_dialog(self, name)

    def _open_templates(self) -> None:
        inbox = self.screens.get("inbox")
        if inbox is not None:
            self.show_screen("inbox")
            inbox.open_templates_editor()  # type: ignore[attr-defined]

    def _add_key_banner(self) -> None:
        key_store = getattr(self.store, "key_store", None)
        if key_store is None:
            return
        try:
            _ = self.store.cipher  # settles where the key lives
        except Exception:  # a broken key is reported by key_problem below
            log.exception("PII key check failed")
        if getattr(key_store, "location", "keyring") == "file":
            path = getattr(key_store, "key_file", None)
            text = PII_FALLBACK_TEXT + (f": {path}" if path else ".")
            reason = getattr(key_store, "fallback_reason", None) or ""
            self.add_banner(text, reason)
        problem = getattr(self.store, "key_problem", None)
        if problem:
            self.add_banner(str(problem))

    def add_banner(self, text: str, tooltip: str = "") -> Banner:
        from gui.widgets.banner import Banner

        banner = Banner(text, tooltip)
        self.banner_area.addWidget(banner)
        return banner

    @property
    def banners(self) -> list[Banner]:
        from gui.widgets.banner import Banner

        found = []
        for i in range(self.banner_area.count()):
            item = self.banner_area.itemAt(i)
            w = item.widget() if item is not None else None
            if isinstance(w, Banner):
                found.append(w)
        return found

    # --- screens ----------------------------------------------------------------

    def show_screen(self, name: str) -> None:
        if name in self.names:
            self.nav.setCurrentRow(self.names.index(name))

    @property
    def current_screen(self) -> str:
        row = self.nav.currentRow()
        return self.names[row] if 0 <= row < len(self.names) else ""

    def update_first_run(self) -> None:
        """The first-run page replaces the dashboard until something was imported."""
        from storage.imports.history import last_import_times

        if self.store is None:
            return
        dashboard = self.screens.get("dashboard")
        has_data = bool(last_import_times(self.store.db))
        if dashboard is not None:
            self.home.setCurrentWidget(dashboard if has_data else self.first_run)

    @property
    def showing_first_run(self) -> bool:
        return self.store is not None and self.home.currentWidget() is self.first_run

    def open_import_dialog(self) -> None:
        imports = self.screens.get("imports")
        self.show_window()
        self.show_screen("imports")
        if imports is not None and hasattr(imports, "open_files_dialog"):
            imports.open_files_dialog()

    def _on_navigate(self, screen: str, ref: str) -> None:
        fresh = screen in self.screens and not self.screens.is_built(screen)
        self.show_window()
        self.show_screen(screen)
        if fresh:  # the screen did not exist when the signal went out: tell it now
            self.bridge.navigate.emit(screen, ref)

    def _on_job_failed(self, job: str, sentence: str) -> None:
        """Background failures are sentences in the status bar (details are in the log)."""
        self.statusBar().showMessage(sentence, 30_000)

    def _on_metrics(self, payload: Any) -> None:
        from gui.tray import payload_status
        from gui.tray_icons import status_icon

        self.setWindowIcon(status_icon(payload_status(payload)))

    # --- showing, closing, quitting ---------------------------------------------

    def show_window(self) -> None:
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def toggle_visible(self) -> None:
        if self.isVisible() and not self.isMinimized():
            self.hide()
        else:
            self.show_window()

    def request_quit(self) -> None:
        self.quitting = True
        self.quit_requested.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._save_geometry()
        if self.keep_in_tray and not self.quitting:
            event.ignore()
            self.hide()
            self._tell_once_about_tray()
            return
        imports = self.screens.get("imports")
        if imports is not None and hasattr(imports, "shutdown"):
            imports.shutdown()
        event.accept()

    def _tell_once_about_tray(self) -> None:
        settings = QSettings()
        if settings.value(TRAY_HINT_KEY, False, type=bool):
            return
        settings.setValue(TRAY_HINT_KEY, True)
        if self.tray is not None:
            self.tray.showMessage(
                APP_TITLE,
                "Still running in the tray and watching your deadlines. "
                "Right-click the icon and choose Quit to stop it.",
            )

    def _save_geometry(self) -> None:
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {APP_TITLE}",
            f"<b>{APP_TITLE}</b><br>Offline account-health metrics, deadlines and warnings for "
            "Amazon sellers. Your data stays in one file on this computer:<br>"
            f"<code>{self.store.path if self.store is not None else '(opening)'}</code>",
        )
