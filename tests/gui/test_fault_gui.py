"""The faults as the window shows them: a lost key's banner and Fix..., the key backup in
Settings, restoring a backup made with another key, and a read-only database."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

import gui.views.key_backup as key_backup_view
import gui.views.settings_backups as backups_view
from gui.main_window import MainWindow
from gui.operations import wait_idle
from gui.views.settings import SettingsView
from services.keys import export_key
from storage.cipher import PLACEHOLDER
from storage.db import Store
from storage.repository import records
from tests.conftest import MemoryKeyring
from tests.gui.conftest import AS_OF, import_files
from tests.safety import SELLER_A

PASSPHRASE = "a long passphrase only I know"


def _seller(path: Path) -> Store:
    store = Store(path)
    import_files(store, [SELLER_A / "orders-1.txt", SELLER_A / "feedback.txt"], AS_OF)
    return store


def _answer_key_dialogs(monkeypatch: pytest.MonkeyPatch, key_file: Path | None) -> None:
    for module in (key_backup_view, backups_view):
        monkeypatch.setattr(module, "choose_key_backup", lambda _parent: key_file)
        monkeypatch.setattr(module, "ask_passphrase", lambda _parent, confirm: PASSPHRASE)


@pytest.fixture
def lost_key(tmp_path: Path, memory_keyring: MemoryKeyring) -> tuple[Store, Path]:
    """A database whose key is gone from the keyring, and the key backup made before."""
    db = tmp_path / "data" / "account-health.sqlite3"
    with _seller(db) as store:
        exported = export_key(store, tmp_path / "key.json", PASSPHRASE)
    memory_keyring.items.clear()
    return Store(db), exported


def test_a_lost_key_shows_its_sentence_with_a_fix_button(
    qtbot: Any, lost_key: tuple[Store, Path], bridge: Any, clock: Any, settle: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from gui.views.key_backup import KeyFixDialog

    store, exported = lost_key
    window = MainWindow(store, bridge, clock)
    qtbot.addWidget(window)
    settle()
    [banner] = window.banners
    problem = store.key_problem
    assert problem is not None and problem in banner.label.text()
    assert "key import" in banner.label.text()
    [fix_button] = [b for b in banner.findChildren(QPushButton) if b.text() == "&Fix..."]
    _answer_key_dialogs(monkeypatch, exported)
    shown: list[str] = []

    def run_dialog(dialog: KeyFixDialog) -> int:
        shown.append(dialog.text.text())
        dialog.import_button.click()
        settle()
        return 1

    monkeypatch.setattr(KeyFixDialog, "exec", run_dialog)
    fix_button.click()
    settle()
    assert shown == [problem]
    assert banner.isHidden()
    assert store.key_problem is None
    assert PLACEHOLDER not in {f.rater_email for f in records.list_feedback(store)}
    store.close()


def test_check_again_finds_a_key_put_back(
    qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring, bridge: Any, clock: Any,
    settle: Any,
) -> None:  # fmt: skip
    from gui.operations import Ops
    from gui.views.key_backup import KeyFixDialog

    db = tmp_path / "account-health.sqlite3"
    _seller(db).close()
    kept = dict(memory_keyring.items)
    memory_keyring.items.clear()
    store = Store(db)
    _ = store.cipher
    assert store.key_problem
    dialog = KeyFixDialog(store.key_problem, Ops(store, bridge))
    qtbot.addWidget(dialog)
    dialog.check_button.click()
    settle()
    assert not dialog.fixed  # still missing
    memory_keyring.items.update(kept)  # the keyring is unlocked / the entry restored
    dialog.check_button.click()
    settle()
    assert dialog.fixed and store.key_problem is None
    store.close()


def test_settings_exports_and_imports_the_key(
    qtbot: Any, tmp_path: Path, bridge: Any, clock: Any, settle: Any,
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from storage.key_backup import read_key_backup

    store = _seller(tmp_path / "data" / "account-health.sqlite3")
    view = SettingsView(store, bridge, clock)
    qtbot.addWidget(view)
    settle()
    assert "encryption key" in view.backup_info.text()  # backups say what reading them needs
    target = tmp_path / "key.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _answer_key_dialogs(monkeypatch, target)
    assert view.key_box.export_key()
    settle()
    assert store.key_store.key() == read_key_backup(target, PASSPHRASE)
    assert "Key exported" in view.message.text()
    memory_keyring.items.clear()
    store.forget_key()
    _ = store.cipher
    assert store.key_problem
    assert view.key_box.import_key()
    settle()
    assert store.key_problem is None
    assert "Key imported" in view.message.text()
    store.close()


def test_restoring_a_backup_made_with_another_key_asks_for_its_key_backup(
    qtbot: Any, tmp_path: Path, bridge: Any, clock: Any, settle: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from storage.backup import back_up_now

    with _seller(tmp_path / "old" / "account-health.sqlite3") as old:
        made = back_up_now(old.path, tmp_path / "old" / "backups", AS_OF)
        exported = export_key(old, tmp_path / "old-key.json", PASSPHRASE)
        emails = {f.rater_email for f in records.list_feedback(old)}
    store = Store(tmp_path / "new" / "account-health.sqlite3")  # a fresh start, a new key
    view = SettingsView(store, bridge, clock)
    qtbot.addWidget(view)
    settle()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))

    _answer_key_dialogs(monkeypatch, None)  # the seller cancels the key backup question
    with qtbot.waitSignal(view.backups.restore_finished) as done:
        assert view.restore()
    assert done.args == [False]
    assert told and "encrypted with another key" in told[0]
    assert records.counts(store.db)["orders"] == 0

    _answer_key_dialogs(monkeypatch, exported)
    with qtbot.waitSignal(view.backups.restore_finished) as done:
        assert view.restore()
    assert done.args == [True]
    assert wait_idle()
    assert store.key_problem is None
    assert {f.rater_email for f in records.list_feedback(store)} == emails
    store.close()


def test_the_app_opens_a_read_only_database_in_read_only_mode(
    qtbot: Any, tmp_path: Path, clock: Any, settle: Any
) -> None:
    from gui.app import AppShell
    from tests.safety import remount_read_only, side_files, tmpfs

    source = tmp_path / "source" / "account-health.sqlite3"
    _seller(source).close()
    with tmpfs(tmp_path / "vol") as vol:
        shutil.copytree(source.parent, vol / "data")
        remount_read_only(vol)
        db = vol / "data" / "account-health.sqlite3"
        store = Store(db)
        assert store.read_only
        shell = AppShell(store, clock, tray_available=False, with_jobs=True)
        qtbot.addWidget(shell.window)
        try:
            shell.start(show_window=False)
            settle()
            assert shell.runner is None  # nothing to back up, purge or import here
            assert "read-only" in shell.window.windowTitle()
            texts = [b.label.text() for b in shell.window.banners]
            assert any("Read-only" in t and str(db) in t for t in texts)
            dashboard: Any = shell.window.screens["dashboard"]
            assert dashboard.cards["order_defect_rate"].value_label.text() not in ("", "-")
        finally:
            shell.shutdown()
        assert side_files(db) == []


def test_importing_the_key_in_settings_hides_the_banner(
    qtbot: Any, lost_key: tuple[Store, Path], bridge: Any, clock: Any, settle: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    store, exported = lost_key
    window = MainWindow(store, bridge, clock)
    qtbot.addWidget(window)
    settle()
    [banner] = window.banners
    _answer_key_dialogs(monkeypatch, exported)
    settings: Any = window.screens["settings"]
    settle()
    assert settings.key_box.import_key()
    settle()
    assert banner.isHidden()
    store.close()
