"""The screens the window offers, in navigation order, each built the first time it is needed.

Building all nine at start cost ~0.3 s before the window could show; now only the
dashboard is built then, and a screen is made when it is shown or asked for. Every
screen takes `(store, bridge, clock)` (gui.views.screen.Screen).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from gui.bridge import Bridge
    from storage.db import Store

log = logging.getLogger(__name__)

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
    ("reimbursements", "Reimbursements", "gui.views.reimbursements", "ReimbursementsView"),
    ("review_requests", "Review requests", "gui.views.review_requests", "ReviewRequestsView"),
)
NAMES: tuple[str, ...] = tuple(name for name, _, _, _ in SCREENS)
LABELS: tuple[str, ...] = tuple(label for _, label, _, _ in SCREENS)


class Screens(Mapping[str, QWidget]):
    """The screens by name; `screens[name]` builds one on first use."""

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

    def built(self) -> dict[str, QWidget]:
        """The screens made so far (the others have nothing to refresh)."""
        return dict(self._built)


def make_view(
    name: str, store: Store, bridge: Bridge, clock: Callable[[], datetime]
) -> QWidget | None:
    """The screen's widget, or None when its module cannot be loaded (logged)."""
    _, _, module, cls = SCREENS[NAMES.index(name)]
    try:
        view_cls = getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError) as exc:
        log.error("screen %s is not available: %s", name, exc)
        return None
    view: QWidget = view_cls(store, bridge, clock)
    return view


def placeholder(name: str) -> QWidget:
    """What shows instead of a screen this build lacks."""
    from PySide6.QtCore import Qt

    label = QLabel(f"The {name} screen is not available in this build.")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
