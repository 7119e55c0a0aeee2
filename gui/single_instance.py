"""One running app per user and database: a second start asks the first to show itself.

Who is first is decided by an exclusive lock on a small file (the OS drops it
when a process dies, so a crash leaves nothing stale). The first instance then
listens on a local socket named like the lock; a later one connects, sends
"raise" and exits.

Both live in a folder only this user can write (`private_dir`: $XDG_RUNTIME_DIR,
else a 0700 folder of ours in the temp folder, else the data folder), never in
the shared temp folder itself: there another local user could create the lock or
socket first and keep the app from starting. A lock or socket that is a link or
belongs to another user is refused (not used, not connected to); the app then
starts without the single-instance check rather than not at all.

Taking the lock needs no Qt networking, so the first instance can paint its
window before QtNetwork loads (`acquire(listen=False)`, then `listen()`); a
second start that comes in that gap retries the connection for a few seconds.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import tempfile
import time
import zlib
from contextlib import suppress
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


SOCKET_PATH_MAX = 100  # sun_path holds 104-108 bytes depending on the OS


def _owned_private(folder: Path) -> bool:
    """A real folder (no link) of this user that nobody else can write into."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if sys.platform == "win32":
        return True
    return info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & 0o022


def private_dir(data_dir: Path | None = None) -> Path | None:
    """Where the lock and socket go: the first folder only this user can write into."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _owned_private(Path(runtime)):
        return Path(runtime)
    if sys.platform != "win32":
        ours = Path(tempfile.gettempdir()) / f"account-health-monitor-{os.getuid()}"
        with suppress(OSError):  # it exists already, or the temp folder is unusable
            ours.mkdir(mode=0o700)
        if _owned_private(ours):
            return ours
        log.warning("%s is not a private folder of this user: not used", ours)
    if data_dir is not None and _owned_private(data_dir):
        return data_dir
    return None


def foreign(path: Path) -> bool:
    """A file there that is a link or belongs to another user (never trust it)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if sys.platform == "win32":
        return False
    return stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid()


def _lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None when another holds it."""
    if foreign(path):
        raise PermissionError(f"{path} belongs to another user or is a link")
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
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

    def __init__(
        self, name: str, parent: QObject | None = None, *, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.folder = folder if folder is not None else private_dir()
        self.lock_path = (self.folder or Path(tempfile.gettempdir())) / f"{name}.lock"
        self.socket_name = self._socket_name()
        self._lock_fd: int | None = None
        self._server: QLocalServer | None = None

    def _socket_name(self) -> str:
        """A full path in the private folder where one fits (Unix); Windows pipes stay names."""
        if sys.platform == "win32" or self.folder is None:
            return self.name
        path = str(self.folder / f"{self.name}.sock")
        return path if len(path.encode()) <= SOCKET_PATH_MAX else self.name

    def acquire(self, *, listen: bool = True) -> bool:
        """First instance: True (and listening unless `listen=False`). Else: ask it to show."""
        if self.folder is None:  # no private folder: a second window beats none
            log.warning("no private folder for the single-instance lock; not checking")
            return True
        try:
            self._lock_fd = _lock(self.lock_path)
        except OSError as exc:  # unusable or someone else's: a second window beats none
            log.warning("single-instance lock %s refused: %s", self.lock_path, exc)
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

        if self.socket_name != self.name and foreign(Path(self.socket_name)):
            log.warning("single-instance socket %s is not ours: not used", self.socket_name)
            return
        QLocalServer.removeServer(self.socket_name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.socket_name):
            log.warning(
                "single-instance socket %s unavailable: %s", self.socket_name, server.errorString()
            )
            return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _notify_running(self) -> bool:
        """Send "raise"; the first instance may still be painting, so keep trying a while."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + NOTIFY_FOR_S
        while True:
            if self.socket_name != self.name and foreign(Path(self.socket_name)):
                log.warning("single-instance socket %s is not ours", self.socket_name)
                return False
            sock = QLocalSocket()
            sock.connectToServer(self.socket_name)
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
