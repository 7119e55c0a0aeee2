"""The main window: navigation list, banners, the screens, menus and shortcuts.

Closing keeps the app in the tray when there is one (said once by a tray
message); without a tray, closing quits. Geometry is remembered in QSettings.

The window can be built before the database is open (`MainWindow(None, ...)`):
the frame shows at once with an "Opening your data" page, and `attach_store`
fills it in. A cold start then paints in about the time of a bare Qt window;
opening the store and building the dashboard happen after the first paint.
The window reads the database only through background queries (gui.operations).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

# Not `Qt` at module level: PySide6 builds that namespace on first use (~16 ms), and
# the frame must paint before anything it does not need is loaded.
from PySide6.QtCore import QSettings, Signal
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

from gui.screens import LABELS, NAMES, Screens
from gui.window_actions import apply_shortcuts, build_menus

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from core.health import Health
    from gui.bridge import Bridge
    from gui.health_feed import HealthFeed
    from gui.operations import Ops
    from gui.tray import TrayIcon
    from gui.widgets.banner import Banner
    from services.changes import Changes
    from services.shell import KeyStatus
    from storage.db import Store

log = logging.getLogger(__name__)

APP_TITLE = "Account Health Monitor"
GEOMETRY_KEY = "main_window/geometry"
TRAY_HINT_KEY = "main_window/tray_hint_shown"

PII_FALLBACK_TEXT = (
    "Buyer data is encrypted with a key stored in a file next to the database because no "
    "system keyring is available"
)


UPDATING_TEXT = "Updating your data\u2026"

READ_ONLY_TEXT = (
    "Read-only: {path} is on a read-only volume or in a folder you cannot write to. "
    "Everything can be looked at; importing and changes are not possible."
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


def key_notices(status: KeyStatus) -> list[tuple[str, str]]:
    """(text, tooltip) of the banners about where the key is (its problems get a Fix...)."""
    notices = []
    if status.in_file:
        where = f": {status.key_file}" if status.key_file else "."
        notices.append((PII_FALLBACK_TEXT + where, status.fallback_reason))
    return notices


class MainWindow(QMainWindow):
    """`show_screen(name)` switches; `keep_in_tray` decides what closing does."""

    quit_requested = Signal()
    screen_built = Signal(str, object)  # name, the view: made on first use

    def __init__(
        self,
        store: Store | None,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.bridge = bridge
        self.clock = clock
        self.keep_in_tray = False
        self.tray: TrayIcon | None = None  # set by the app when a tray exists
        self.quitting = False
        self.about_dialog: QWidget | None = None
        self.guide_dialog: QWidget | None = None
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

        self.names: list[str] = list(NAMES)
        self.missing: list[str] = []
        self.screens = Screens(self.names, self._build_screen)
        self.home = QStackedWidget()  # "opening", then the first-run page or the dashboard
        self.opening_label = QLabel("Opening your data\u2026")
        self.opening = _centered(self.opening_label)
        self.home.addWidget(self.opening)
        self.stack.addWidget(self.home)
        for position, label in enumerate(LABELS, start=1):
            item = QListWidgetItem(label)
            if position <= 9:
                item.setToolTip(f"{label} (Ctrl+{position})")
            self.nav.addItem(item)
        self.nav.setCurrentRow(0)
        self.nav.currentRowChanged.connect(self._show_row)
        self.menu_actions = build_menus(self)
        self.import_action = self.menu_actions.import_action
        self.quit_action = self.menu_actions.quit_action
        self.screen_actions = self.menu_actions.screen_actions
        self._restore_geometry()
        self.setTabOrder(self.nav, self.stack)
        self._set_ready(False)
        if store is not None:
            self.attach_store(store)

    def attach_store(self, store: Store) -> None:
        """The database is open: the first-run page or dashboard replaces "Opening"."""
        from core.version import VERSION
        from gui.display import follow_settings
        from gui.first_run import FirstRunView
        from gui.health_feed import HealthFeed
        from gui.live_refresh import LiveRefresh
        from gui.operations import Ops
        from services.shell import key_status

        self.store = store
        self.ops: Ops = Ops(store, self.bridge)
        self.health_feed: HealthFeed = HealthFeed(store, self.bridge, self.clock, self)
        self.live_refresh = LiveRefresh(store, self.bridge, self)  # imports by the CLI
        follow_settings(self.ops, self.bridge, self)
        # After the first paint, like the rest: the status bar would cost it ~4 ms.
        self.version_label = QLabel(f"Version {VERSION}")
        self.version_label.setToolTip(f"{APP_TITLE} {VERSION} (Help > About)")
        self.statusBar().addPermanentWidget(self.version_label)
        self.first_run = FirstRunView()
        self.first_run.import_requested.connect(self.open_import_dialog)
        self.first_run.template_requested.connect(self.save_template)
        self.home.addWidget(self.first_run)
        self.screens["dashboard"]  # noqa: B018 - the first screen is built at once
        self.ops.query(key_status, self._show_key_banners, parent=self)
        if store.read_only:
            self.add_banner(READ_ONLY_TEXT.format(path=store.path))
            self.setWindowTitle(f"{APP_TITLE} (read-only)")
        self.update_first_run()
        self.bridge.changed.connect(self._on_changed)
        self.bridge.navigate.connect(self._on_navigate)
        self.bridge.metrics_changed.connect(self._on_metrics)
        self.bridge.job_failed.connect(self._on_job_failed)
        apply_shortcuts(self.menu_actions)
        self._set_ready(True)
        if not store.read_only:
            self.live_refresh.start()
        self._show_row(self.nav.currentRow())

    def show_updating(self) -> None:
        """Opening runs a schema or data step: the page says so (it can take a while)."""
        self.opening_label.setText(UPDATING_TEXT)

    @property
    def ready(self) -> bool:
        """Whether the store is attached (menus and screens work)."""
        return self.store is not None

    def _set_ready(self, ready: bool) -> None:
        """Until the store is open, screens and actions that need it are off."""
        self.nav.setEnabled(ready)
        for action in self.menu_actions.store_actions:
            action.setEnabled(ready)

    # --- building ---------------------------------------------------------------

    def _build_screen(self, name: str) -> QWidget:
        """Make a screen and add it to the stack (the dashboard goes into `home`)."""
        from gui.screens import make_view, placeholder

        if self.store is None:
            raise KeyError(f"{name}: the database is not open yet")
        view = make_view(name, self.store, self.bridge, self.clock)
        if view is None:
            self.missing.append(name)
            view = placeholder(name)
        (self.home if name == "dashboard" else self.stack).addWidget(view)
        self.screen_built.emit(name, view)
        return view

    def _show_row(self, row: int) -> None:
        """Show a screen (built on first show); the dashboard lives in `home`."""
        if self.store is None or not 0 <= row < len(self.names) or self.names[row] == "dashboard":
            self.stack.setCurrentWidget(self.home)
            return
        self.stack.setCurrentWidget(self.screens[self.names[row]])

    def save_template(self, name: str) -> None:
        from gui.views.imports import save_template_dialog

        save_template_dialog(self, name)

    def open_templates(self) -> None:
        inbox = self.screens.get("inbox")
        if inbox is not None:
            self.show_screen("inbox")
            inbox.open_templates_editor()  # type: ignore[attr-defined]

    def refresh_all(self) -> None:
        """F5: everything may have changed (files edited behind our back): every screen,
        the numbers, the tray reload."""
        from services.changes import Changes

        self.bridge.changed.emit(Changes.everything())

    # --- banners ----------------------------------------------------------------

    def _show_key_banners(self, status: KeyStatus) -> None:
        from gui.views.key_backup import KeyProblemBanner

        for text, tooltip in key_notices(status):
            self.add_banner(text, tooltip)
        if status.problem:  # with a Fix... button; it goes once the key is back
            self.key_problem_banner = KeyProblemBanner(self, status.problem)

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

    def _on_changed(self, changes: Changes) -> None:
        if changes.imports:
            self.update_first_run()

    def update_first_run(self) -> None:
        """The first-run page replaces the dashboard until something was imported."""
        from services.shell import has_imports

        if self.store is not None:
            self.ops.query(has_imports, self._show_home, parent=self)

    def _show_home(self, has_data: bool) -> None:
        dashboard = self.screens.get("dashboard")
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

    def _on_metrics(self, health: Health) -> None:
        """The app icon with the worst status as a badge (the taskbar shows it too)."""
        from gui.app_icon import app_status_icon
        from gui.tray import health_status

        self.setWindowIcon(app_status_icon(health_status(health)))

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

    def about(self) -> None:
        """Help > About (gui.about, loaded when asked for)."""
        from gui.about import open_about

        self.about_dialog = open_about(self, self.store, self.ops if self.ready else None)
