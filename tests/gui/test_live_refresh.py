"""The open window picks up imports made by another process within seconds, no F5
(gui.live_refresh, services.live: PRAGMA data_version, then the import attempts)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gui.live_refresh import POLL_MS
from gui.main_window import MainWindow
from services.changes import Changes
from storage.db import Store
from storage.imports.apply import apply_import
from tests.gui.conftest import AS_OF

ROOT = Path(__file__).resolve().parents[2]
Settle = Callable[[], None]


def cli_import(db: Path, *files: Path) -> None:
    """`main.py import` in a process of its own (the key goes to a file beside the db)."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(db), "import", *map(str, files)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_an_import_by_the_cli_reaches_the_open_window(
    qtbot: Any, tmp_path: Path, samples: Path, bridge: Any, clock: Any, settle: Settle
) -> None:
    db = tmp_path / "live.sqlite3"
    cli_import(db, samples / "seller-a" / "claims.csv")  # the database and its key file
    store = Store(db)
    window = MainWindow(store, bridge, clock)
    qtbot.addWidget(window)
    window.show()
    live = window.live_refresh
    assert live.timer.isActive() and live.timer.interval() == POLL_MS <= 3000
    qtbot.waitUntil(lambda: live._seen is not None, timeout=5000)  # the starting point
    seen: list[Changes] = []
    numbers: list[Any] = []
    bridge.changed.connect(seen.append)
    bridge.metrics_changed.connect(numbers.append)

    cli_import(db, samples / "seller-a" / "orders-2.txt", samples / "seller-a" / "feedback.txt")
    qtbot.waitUntil(lambda: bool(seen), timeout=3 * POLL_MS + 2000)  # no F5
    settle()
    assert seen[0] == Changes(imports=True, orders=True, feedback=True)
    assert numbers  # the health feed recomputed the numbers from it
    assert numbers[-1].metrics.odr.rate.denominator > 0
    dashboard = window.screens["dashboard"]
    assert "Orders: Nov 20" in dashboard.freshness.text()  # type: ignore[attr-defined]
    live.stop()
    store.close()


def test_the_windows_own_import_is_not_announced_twice(
    qtbot: Any, seller_a_store: Any, samples: Path, bridge: Any, clock: Any, settle: Settle
) -> None:
    window = MainWindow(seller_a_store, bridge, clock)
    qtbot.addWidget(window)
    live = window.live_refresh
    live.timer.stop()  # polled by hand here
    settle()
    assert live._seen is not None
    seen: list[Changes] = []
    bridge.changed.connect(seen.append)
    outcome = apply_import(seller_a_store, samples / "email" / "inbox.mbox", now=AS_OF)
    assert outcome.ok  # made by this process: its screen already broadcast it
    live.poll()
    settle()
    assert seen == []
    assert live._seen == outcome.import_id
    live.stop()


def test_an_import_here_in_another_database_does_not_hide_one_made_elsewhere(
    tmp_path: Path, samples: Path
) -> None:
    """Import ids restart in every database: id 1 made here in one file is not id 1 of
    another file made by the CLI (this once made the live refresh miss that import)."""
    from services.live import DataVersion, outside_changes

    here = Store(tmp_path / "here.sqlite3")
    assert apply_import(here, samples / "seller-a" / "claims.csv", now=AS_OF).ok  # id 1 here
    here.close()
    db = tmp_path / "elsewhere.sqlite3"
    cli_import(db, samples / "seller-a" / "claims.csv")  # id 1 there
    probe = DataVersion(db)
    start = outside_changes(probe, None)
    cli_import(db, samples / "seller-a" / "feedback.txt")  # id 2 there
    found = outside_changes(probe, start.seen)
    probe.close()
    assert found.changes == Changes(imports=True, feedback=True)
