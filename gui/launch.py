"""Start the desktop app from main.py: the window first, then the store behind it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.clock import system_clock

if TYPE_CHECKING:
    from storage.db import Store


def launch(db_path: Path, set_up_logging: Callable[[], None], *, tray: bool = False) -> int:
    """Show the window (or, with `tray`, only the tray), then log set-up and the database.

    Either failing is shown as a dialog and the app exits with 1 (a damaged file comes
    with the newest backup, which the dialog offers to restore). Uncaught errors
    become crash reports for the whole run (gui.crash); one that escapes the start
    itself is reported in a dialog too, and the exit status is 1, never a silent end.
    """
    from gui.app import StoreRefused, run_app
    from gui.crash import CrashReporter

    def open_store() -> Store:
        import sqlite3

        from storage.db import DatabaseDamaged, DatabaseUnusable, Store
        from storage.db_file import explain, newest_backup

        try:
            set_up_logging()
        except OSError as exc:
            raise StoreRefused(
                f"Cannot use the data folder {db_path.parent}: {exc.strerror}."
            ) from exc
        try:
            return Store(db_path)  # read-only by itself where the file cannot be written
        except DatabaseDamaged as exc:
            raise StoreRefused(str(exc), newest_backup(db_path)) from exc
        except (DatabaseUnusable, OSError, sqlite3.Error) as exc:
            raise StoreRefused(explain(exc, db_path) or str(exc)) from exc

    reporter = CrashReporter()
    reporter.install()
    try:
        return run_app(db_path, open_store, system_clock, sys.argv, tray_only=tray)
    except Exception as exc:
        reporter.fatal(exc, "while the app was starting or stopping")
        return 1
    finally:
        reporter.uninstall()
