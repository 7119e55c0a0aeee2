"""Start the desktop app from main.py: open the store, then hand over to Qt."""

from __future__ import annotations

import sys
from pathlib import Path

from core.clock import system_clock


def launch(db_path: Path) -> int:
    """Open (create, migrate) the database; a refusal is shown as a dialog."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gui.app import run_app
    from storage.db import DatabaseTooNew, MigrationFailed, Store

    try:
        store = Store(db_path)
    except (DatabaseTooNew, MigrationFailed, OSError) as exc:
        app = QApplication.instance() or QApplication(sys.argv)
        QMessageBox.critical(None, "Account Health Monitor", str(exc))
        del app
        return 1
    return run_app(store, system_clock, sys.argv)
