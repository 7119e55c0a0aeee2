"""Help > About: version, folders (with buttons that open them), the key, licence, runtimes."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from core.version import VERSION
from gui.about import CHECKING, AboutDialog, key_sentence
from gui.app_icon import app_icon
from gui.crash import LOG_HANDLER
from gui.main_window import MainWindow
from services.about import AboutFacts, about_facts
from services.shell import KeyStatus


@pytest.fixture
def log_to_file(tmp_path: Path) -> Iterator[Path]:
    """A file handler on the root logger, as main.configure_logging adds."""
    path = tmp_path / "logs" / "account-health.log"
    path.parent.mkdir()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.set_name(LOG_HANDLER)
    logging.getLogger().addHandler(handler)
    yield path
    logging.getLogger().removeHandler(handler)
    handler.close()


def texts(dialog: QDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_help_about_opens_our_dialog_with_every_fact(
    qtbot: Any, store: Any, bridge: Any, clock: Any, settle: Any, log_to_file: Path
) -> None:
    window = MainWindow(store, bridge, clock)
    qtbot.addWidget(window)
    settle()
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu()
    about = next(a for a in help_menu.actions() if a.text() == "&About")
    about.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog) and not isinstance(dialog, QMessageBox)
    assert dialog.isVisible() and dialog.windowTitle() == "About Account Health Monitor"
    assert dialog.windowIcon().cacheKey() == app_icon().cacheKey()  # ours, not an error icon
    assert dialog.key_label.text() == CHECKING  # read in the background
    settle()
    shown = texts(dialog)
    assert dialog.version_label.text() == VERSION
    assert dialog.data_label.text() == str(store.path.parent)
    assert dialog.log_label.text() == str(log_to_file)
    assert dialog.key_label.text().startswith('In the system keyring (service "account-health')
    assert "MIT License" in dialog.licence_label.text()
    for runtime in (f"Qt {qVersion()}", f"PySide6 {PySide6.__version__}"):
        assert runtime in shown
    assert f"SQLite {sqlite3.sqlite_version}" in shown
    dialog.close()


def test_the_buttons_open_the_data_and_log_folders(qtbot: Any, tmp_path: Path) -> None:
    opened: list[Path] = []
    log_path = tmp_path / "logs" / "account-health.log"
    dialog = AboutDialog(data_folder=tmp_path / "data", log_path=log_path, opener=opened.append)
    qtbot.addWidget(dialog)
    dialog.data_button.click()
    dialog.log_button.click()
    assert opened == [tmp_path / "data", tmp_path / "logs"]


def test_before_the_data_is_open_the_folder_buttons_are_off(qtbot: Any) -> None:
    dialog = AboutDialog(data_folder=None, log_path=None, opener=lambda p: None)
    qtbot.addWidget(dialog)
    assert not dialog.data_button.isEnabled() and not dialog.log_button.isEnabled()
    assert dialog.data_label.text() == "(the data is still opening)"
    assert dialog.log_label.text() == "(no log file)"


def test_about_during_the_start_needs_no_store(qtbot: Any, bridge: Any, clock: Any) -> None:
    window = MainWindow(None, bridge, clock)
    qtbot.addWidget(window)
    window.about()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    assert dialog.key_label.text() == "(the data is still opening)"
    dialog.close()
    QApplication.processEvents()


def test_the_key_sentence_says_file_or_keyring(tmp_path: Path, store: Any) -> None:
    facts = about_facts(store)
    assert facts.database == store.path and facts.keyring_service == "account-health-monitor"
    key = tmp_path / "x.sqlite3.key"
    in_file = KeyStatus(True, key, "the system keyring is not available (no backend)", "")
    assert key_sentence(AboutFacts(tmp_path, in_file, "s")) == (
        f"In a file beside the database: {key} because the system keyring is not available "
        "(no backend)."
    )
    problem = KeyStatus(False, None, "", "The key of this database is missing.")
    assert key_sentence(AboutFacts(tmp_path, problem, "s")).endswith(
        "one entry per database). The key of this database is missing."
    )


def test_the_log_file_is_the_one_main_sets_up(tmp_path: Path) -> None:
    import main
    from gui.crash import log_file

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        main.configure_logging(tmp_path / "data", debug=False)
        assert log_file() == tmp_path / "data" / "account-health.log"
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
    assert log_file() is None
