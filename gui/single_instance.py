"""One running app per user and database: a second start asks the first to show itself.

A local socket named from the user and the database path: the first instance
listens; a later one connects, sends "raise" and exits. A socket left behind
by a crash is removed before listening.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
CONNECT_TIMEOUT_MS = 500


def server_name(db_path: Path, user: str | None = None) -> str:
    """Short and stable: unix socket paths are limited to ~100 bytes."""
    who = user if user is not None else _user()
    digest = hashlib.sha256(f"{who}\0{db_path.expanduser().resolve()}".encode()).hexdigest()
    return f"account-health-monitor-{digest[:16]}"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): the home folder still separates users
        return str(Path.home())


class SingleInstance(QObject):
    """`acquire()` is True for the first instance; it then emits `raise_requested`."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if self._notify_running():
            return False
        QLocalServer.removeServer(self.name)  # stale socket from a crashed run
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Still run: a second window is better than no window at all.
            log.warning(
                "single-instance socket %s unavailable: %s", self.name, server.errorString()
            )
            return True
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _notify_running(self) -> bool:
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        sock.write(RAISE)
        sock.flush()
        sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        sock.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            sock.setParent(self)  # ours to delete, not the server's
            sock.readyRead.connect(self._on_ready)
            sock.disconnected.connect(self._on_disconnected)
            if sock.bytesAvailable():
                self._read(sock)

    def _on_ready(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        data = bytes(sock.readAll().data())
        if RAISE.strip() in data:
            self.raise_requested.emit()

    def _on_disconnected(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            sock.deleteLater()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
