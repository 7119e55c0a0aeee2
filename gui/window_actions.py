"""The main window's menus, actions and shortcuts.

Shortcuts are set only once the store is open (`apply_shortcuts`): the first
`setShortcut` builds PySide6's key enums (~40 ms), which the first paint can skip.
Actions that need the database stay disabled until then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from gui.screens import LABELS, NAMES

if TYPE_CHECKING:
    from gui.main_window import MainWindow


class WindowActions:
    """The actions others reach for (a plain class: `dataclasses` costs the first paint)."""

    def __init__(
        self,
        import_action: QAction,
        quit_action: QAction,
        refresh_action: QAction,
        screen_actions: dict[str, QAction],
        store_actions: list[QAction],  # off until the store is open
        shortcuts: list[tuple[QAction, str]],  # "@Name" is a standard key
    ) -> None:
        self.import_action = import_action
        self.quit_action = quit_action
        self.refresh_action = refresh_action
        self.screen_actions = screen_actions
        self.store_actions = store_actions
        self.shortcuts = shortcuts


def build_menus(window: MainWindow) -> WindowActions:
    """File (import, templates, quit), View (screens, refresh) and Help menus."""

    def action(text: str, slot: object, keys: str = "") -> QAction:
        act = QAction(text, window)
        act.triggered.connect(slot)
        if keys:
            shortcuts.append((act, keys))
        return act

    shortcuts: list[tuple[QAction, str]] = []
    file_menu = window.menuBar().addMenu("&File")
    import_action = action("&Import files\u2026", window.open_import_dialog, "@Open")
    file_menu.addAction(import_action)
    store_actions = [import_action]
    for name, text in (("messages", "messages.csv"), ("claims", "claims.csv")):
        act = action(f"Save {text} template\u2026", lambda _=False, n=name: window.save_template(n))
        file_menu.addAction(act)
        store_actions.append(act)
    templates = action("Reply &templates\u2026", window.open_templates)
    file_menu.addAction(templates)
    store_actions.append(templates)
    export = action("&Export table as CSV\u2026", lambda: export_current(window), "Ctrl+E")
    review = action("Export weekly &review (PDF)\u2026", lambda: export_weekly_review(window))
    for act in (export, review):
        file_menu.addAction(act)
        store_actions.append(act)
    file_menu.addSeparator()
    quit_action = action("&Quit", window.request_quit, "Ctrl+Q")
    file_menu.addAction(quit_action)

    view_menu = window.menuBar().addMenu("&View")
    screen_actions: dict[str, QAction] = {}
    for i, (name, label) in enumerate(zip(NAMES, LABELS, strict=True)):
        keys = f"Ctrl+{i + 1}" if i < 9 else ""
        act = action(label, lambda _=False, n=name: window.show_screen(n), keys)
        view_menu.addAction(act)
        window.addAction(act)  # shortcuts work even with the menu bar hidden
        screen_actions[name] = act
        store_actions.append(act)
    refresh = action("&Refresh", window.refresh_all, "@Refresh")
    view_menu.addSeparator()
    view_menu.addAction(refresh)
    store_actions.append(refresh)

    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction(action("&Guide", lambda: show_guide(window), "F1"))
    help_menu.addAction(action("&About", window.about))
    return WindowActions(
        import_action, quit_action, refresh, screen_actions, store_actions, shortcuts
    )


def apply_shortcuts(actions: WindowActions) -> None:
    from PySide6.QtGui import QKeySequence

    standard = QKeySequence.StandardKey
    for act, keys in actions.shortcuts:
        sequence = getattr(standard, keys[1:]) if keys.startswith("@") else keys
        act.setShortcut(QKeySequence(sequence))


def export_current(window: MainWindow) -> None:
    """File > Export: the table of the screen shown, as it is shown."""
    from gui.export import export_view, main_view

    name = window.current_screen
    view = main_view(window.screens[name]) if name and window.ready else None
    if view is None:
        window.statusBar().showMessage("This screen has no table to export.", 8000)
        return
    path = export_view(window, view, name.replace("_", "-"))
    if path is not None:
        window.statusBar().showMessage(f"Saved {path}.", 8000)


def export_weekly_review(window: MainWindow) -> None:
    """File > Export weekly review: the PDF of the weekly review, at the window's clock."""
    from gui.review_pdf import export_review

    if window.ready:
        export_review(window, window.ops, window.clock, window.statusBar().showMessage)


def show_guide(window: MainWindow) -> None:
    """Help > Guide, F1: the page of the screen shown."""
    from gui.guide import open_guide

    window.guide_dialog = open_guide(window, window.current_screen)
