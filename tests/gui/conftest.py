"""Fixtures for GUI tests: Qt offscreen, sandboxed QSettings (the in-memory keyring
and the temporary Store come from tests/conftest.py), a Bridge and a FixedClock at the worked example's instant.

Shared by every tests/gui module (shell, dashboard, imports, inbox, defects,
settings, warnings); keep fixture names stable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

AS_OF = datetime(2026, 11, 20, 15, 0, 0, tzinfo=UTC)
"""The worked example's instant (shared/samples/seller-a/expected.json)."""

SELLER_A_FILES = (
    "orders-1.txt",
    "orders-2.txt",
    "feedback.txt",
    "returns-fbm.txt",
    "returns-fba.txt",
    "messages.csv",
    "claims.csv",
)


OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing)"
"""Qt's offscreen platform warns on show() and raise_(); harmless, not our warning."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session", autouse=True)
def qt_settings_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """QSettings (window geometry, once-only hints) go to a temp folder, never ~/.config."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("AccountHealthMonitorTests")
    QCoreApplication.setApplicationName("Account Health Monitor Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    return folder


@pytest.fixture
def clean_qsettings(qt_settings_sandbox: Path) -> Iterator[None]:
    """Start a test with empty QSettings (e.g. to see the once-only tray hint)."""
    from PySide6.QtCore import QSettings

    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def clock() -> Any:
    from core.clock import FixedClock

    return FixedClock(AS_OF)


@pytest.fixture
def bridge(qapp: Any) -> Any:
    from gui.bridge import Bridge

    return Bridge()


def import_files(store: Any, paths: list[Path], now: datetime) -> list[Any]:
    """Import files the way the app does; fail loudly when one is refused."""
    from storage.imports.apply import apply_import

    outcomes = [apply_import(store, p, now=now) for p in paths]
    refused = [o for o in outcomes if not o.ok]
    assert not refused, [o.error for o in refused]
    return outcomes


def show_active(qtbot: Any, view: Any, settle: Callable[[], None]) -> Any:
    """Show a screen at 1280x800 as the active window (its Ctrl+F and Ctrl+Z are live),
    its first page loaded."""
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitActive(view):
        view.activateWindow()
    settle()
    return view


@pytest.fixture
def seller_a_store(store: Any, samples: Path) -> Any:
    """The Store with every seller-a sample imported at the worked example's instant."""
    import_files(store, [samples / "seller-a" / n for n in SELLER_A_FILES], AS_OF)
    return store


TRACKED_SINCE = datetime(2026, 8, 1, tzinfo=UTC)
"""Before seller-a's first deadline: imports stamped then make no clock history."""


@pytest.fixture
def seller_a_tracked(store: Any, samples: Path) -> Any:
    """seller-a as imported by a seller who has used the app since summer: every clock is
    current (nothing ran out before the first import), as in the worked example."""
    import_files(store, [samples / "seller-a" / n for n in SELLER_A_FILES], TRACKED_SINCE)
    return store


@pytest.fixture
def performance_file(samples: Path) -> Path:
    return samples / "performance" / "seller-performance-2026-11-20.json"


@pytest.fixture
def settle(qapp: Any) -> Iterator[Callable[[], None]]:
    """`settle()` waits until every background query and write has delivered its result.

    Screens load off the GUI thread (gui.operations); a test clicks, then settles, then
    asserts what the user would see. Every test also settles at its end, so no task of
    one test runs into the next.
    """
    from gui.operations import wait_idle

    def run() -> None:
        assert wait_idle(), "background tasks did not finish within 10 s"

    yield run
    wait_idle()


@pytest.fixture(autouse=True)
def _no_task_outlives_its_test(qapp: Any) -> Iterator[None]:
    yield
    from gui.operations import wait_idle

    wait_idle()


@pytest.fixture(autouse=True)
def _autostart_sandbox(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Screens showing start at login (Settings, first run) read a temp folder, never the
    user's ~/.config/autostart."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
