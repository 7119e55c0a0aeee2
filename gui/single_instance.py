"""One running app per user and database: a second start asks the first to show itself.

Who is first is decided by an exclusive lock on a small file in the temp folder
(the OS drops it when a process dies, so a crash leaves nothing stale). The
first instance then listens on a local socket named like the lock; a later one
connects, sends "raise" and exits.

Taking the lock needs no Qt networking, so the first instance can paint its
window before QtNetwork loads (`acquire(listen=False)`, then `listen()`); a
second start that comes in that gap retries the connection for a few seconds.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
CONNECT_TIMEOUT_MS = 500
NOTIFY_FOR_S = 5.0  # how long a second start keeps trying to reach a first that is starting


def server_name(db_path: Path, user: str | None = None) -> str:
    """Short and stable: unix socket paths are limited to ~100 bytes.

    Two zlib checksums, not hashlib: loading OpenSSL (~5 ms) before the first paint
    buys nothing here, the name only has to differ per user and database.
    """
    who = user if user is not None else _user()
    key = f"{who}\0{db_path.expanduser().resolve()}".encode()
    return f"account-health-monitor-{zlib.crc32(key):08x}{zlib.adler32(key):08x}"


def _user() -> str:
    """The login name as getpass finds it, without its terminal imports."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if found := os.environ.get(variable):
            return found
    return str(Path.home())  # no login name (containers): the home still separates users


def _lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None when another holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


class SingleInstance(QObject):
    """`acquire()` is True for the first instance; it then emits `raise_requested`."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.lock_path = Path(tempfile.gettempdir()) / f"{name}.lock"
        self._lock_fd: int | None = None
        self._server: QLocalServer | None = None

    def acquire(self, *, listen: bool = True) -> bool:
        """First instance: True (and listening unless `listen=False`). Else: ask it to show."""
        try:
            self._lock_fd = _lock(self.lock_path)
        except OSError as exc:  # no usable temp folder: a second window beats none
            log.warning("single-instance lock %s unavailable: %s", self.lock_path, exc)
            return True
        if self._lock_fd is None:
            if not self._notify_running():
                log.warning("another instance holds %s but did not answer", self.lock_path)
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer later starts (the lock is ours, so any socket left behind is stale)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning(
                "single-instance socket %s unavailable: %s", self.name, server.errorString()
            )
            return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _notify_running(self) -> bool:
        """Send "raise"; the first instance may still be painting, so keep trying a while."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + NOTIFY_FOR_S
        while True:
            sock = QLocalSocket()
            sock.connectToServer(self.name)
            if sock.waitForConnected(CONNECT_TIMEOUT_MS):
                sock.write(RAISE)
                sock.flush()
                sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
                sock.disconnectFromServer()
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)

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
        sock: Any = self.sender()
        if sock is not None and hasattr(sock, "readAll"):
            self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        data = bytes(sock.readAll().data())
        if RAISE.strip() in data:
            self.raise_requested.emit()

    def _on_disconnected(self) -> None:
        sock = self.sender()
        if sock is not None:
            sock.deleteLater()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing drops the lock; the file may stay
            self._lock_fd = None
