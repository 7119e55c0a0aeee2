"""The encryption key in the window: export and import a key backup, and fixing a lost key.

Settings shows `KeyBox` (Export key..., Import key...); the banner about a missing or
different key has a Fix... button that opens `KeyFixDialog`. The use cases run off the
GUI thread (services.keys); their refusals are shown as the sentences they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.operations import Ops
from services.changes import Changes
from services.keys import export_key, import_key
from services.shell import KeyStatus, key_status
from storage.db import Store
from storage.key_backup import MIN_PASSPHRASE

if TYPE_CHECKING:
    from gui.main_window import MainWindow

log = logging.getLogger(__name__)

KEY_BACKUP_FILTER = "Key backups (*.json);;All files (*)"
KEY_EXPLAINED = (
    "Buyer details in the database and in every backup can only be read with this "
    "database's encryption key. Export it once, sealed with a passphrase you choose, and "
    "keep the file apart from the backups: it moves your data to a new computer, and "
    "brings buyer details back if the keyring or the key file is lost."
)


class PassphraseDialog(QDialog):
    """A passphrase typed without echo; when exporting, typed twice."""

    def __init__(self, parent: QWidget | None, *, confirm: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Key backup passphrase")
        self.first = QLineEdit(self)
        self.again = QLineEdit(self)
        for edit in (self.first, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(self)
        intro = (
            "Choose a passphrase for the key backup. Without it the backup cannot be opened."
            if confirm
            else "The passphrase chosen when the key was exported."
        )
        form.addRow(QLabel(intro, self))
        form.addRow("Passphrase", self.first)
        if confirm:
            form.addRow("Again", self.again)
        else:
            self.again.hide()
        self.confirm = confirm
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        text = self.first.text()
        if self.confirm and len(text) < MIN_PASSPHRASE:
            self.problem.setText(f"Use at least {MIN_PASSPHRASE} characters.")
        elif self.confirm and self.again.text() != text:
            self.problem.setText("The two passphrases differ.")
        else:
            self.accept()

    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(parent: QWidget | None, *, confirm: bool) -> str | None:
    """The passphrase, or None when cancelled (tests replace this function)."""
    dialog = PassphraseDialog(parent, confirm=confirm)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_key_backup(parent: QWidget | None) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Import a key backup", str(Path.home()), KEY_BACKUP_FILTER
    )
    return Path(chosen) if chosen else None


def run_key_import(parent: QWidget, ops: Ops, done: Callable[[bool], None] | None = None) -> bool:
    """Choose a key backup, ask its passphrase, import it in the writer thread.

    `done(True)` once the key is this database's key, `done(False)` when refused
    (the sentence was shown). False when the seller cancelled.
    """
    source = choose_key_backup(parent)
    if source is None:
        return False
    passphrase = ask_passphrase(parent, confirm=False)
    if passphrase is None:
        return False

    def imported(_changes: Changes) -> None:
        if done is not None:
            done(True)

    def refused(exc: Exception) -> None:
        log.warning("key import refused: %s", exc)
        QMessageBox.warning(parent, "Key not imported", str(exc))
        if done is not None:
            done(False)

    ops.write(
        lambda store: import_key(store, source, passphrase),
        parent=parent,
        success=imported,
        failure=refused,
    )
    return True


class KeyFixDialog(QDialog):
    """What is wrong with the key, and the ways to fix it, from the banner's Fix... button."""

    def __init__(self, problem: str, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The encryption key")
        self._ops = ops
        self.fixed = False
        self.text = text = QLabel(problem, self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel(
            "If you put the key file back or unlocked the keyring, press Check again. "
            "Metrics, deadlines and everything else keep working meanwhile.",
            self,
        )
        hint.setWordWrap(True)
        self.import_button = QPushButton("&Import key backup...", self)
        self.import_button.clicked.connect(self.import_backup)
        self.check_button = QPushButton("Check &again", self)
        self.check_button.clicked.connect(self.check_again)
        self.close_button = QPushButton("&Close", self)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.check_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(hint)
        layout.addLayout(row)

    def import_backup(self) -> None:
        run_key_import(self, self._ops, self._imported)

    def check_again(self) -> None:
        """Look for the key again (the file is back, the keyring unlocked)."""

        def recheck(store: Store) -> KeyStatus:
            store.forget_key()
            return key_status(store)

        self._ops.query(recheck, self._checked, parent=self)

    def _checked(self, status: KeyStatus) -> None:
        if status.problem:
            self.text.setText(status.problem)
        else:
            self._imported(True)

    def _imported(self, ok: bool) -> None:
        if ok:
            self.fixed = True
            self.accept()


class KeyBox(QGroupBox):
    """Settings: why the key matters, Export key... and Import key..."""

    message = Signal(str)  # a one-line result for the settings status line

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__("Encryption key", parent)
        self._ops = ops
        info = QLabel(KEY_EXPLAINED, self)
        info.setWordWrap(True)
        self.export_button = QPushButton("E&xport key...", self)
        self.export_button.clicked.connect(self.export_key)
        self.import_button = QPushButton("I&mport key...", self)
        self.import_button.clicked.connect(self.import_key)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(buttons)

    def export_key(self) -> bool:
        """Ask where and for a passphrase, then write the key backup in the background."""
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Export the key",
            str(Path.home() / "account-health-key.json"),
            KEY_BACKUP_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return False
        passphrase = ask_passphrase(self, confirm=True)
        if passphrase is None:
            return False
        dest = Path(chosen)

        def written(path: Path) -> None:
            self.message.emit(
                f"Key exported to {path}. Keep it and its passphrase apart from the backups."
            )

        def refused(exc: Exception) -> None:
            log.warning("key export refused: %s", exc)
            QMessageBox.warning(self, "Key not exported", str(exc))

        self._ops.query(
            lambda store: export_key(store, dest, passphrase), written, parent=self, failure=refused
        )
        return True

    def import_key(self) -> bool:
        def done(ok: bool) -> None:
            if ok:
                self.message.emit("Key imported: buyer details can be read again.")

        return run_key_import(self, self._ops, done)


class KeyProblemBanner(QObject):
    """The banner about a missing or different key, with Fix...; it hides itself once the
    key is back, whether through Fix..., Settings or a restore."""

    def __init__(self, window: MainWindow, problem: str) -> None:
        super().__init__(window)
        self._window = window
        self.problem = problem
        self.banner = window.add_banner(problem)
        self.fix_button = self.banner.add_action("&Fix...", self.fix)
        window.bridge.changed.connect(self._recheck)

    def fix(self) -> None:
        dialog = KeyFixDialog(self.problem, self._window.ops, self._window)
        dialog.exec()
        if dialog.fixed:  # buyer details read differently everywhere now
            self.banner.hide()
            self._window.bridge.changed.emit(Changes.everything())

    def _recheck(self, changes: Changes) -> None:
        if changes == Changes.everything() and not self.banner.isHidden():
            self._window.ops.query(key_status, self._checked, parent=self.banner)

    def _checked(self, status: KeyStatus) -> None:
        if not status.problem:
            self.banner.hide()
