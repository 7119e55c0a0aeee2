"""Files and folders readable by their owner only: the data folder (0700) and the log (0600).

The database, its key file and the backups are made 0600 where they are written;
these are the two the standard library would otherwise create with the umask
(typically 0755 and 0644), letting other local users list the folder and read
the log.
"""

from __future__ import annotations

import logging.handlers
import os
import stat
import sys
from contextlib import suppress
from io import TextIOWrapper
from pathlib import Path

log = logging.getLogger(__name__)


def private_folder(folder: Path, *, default: bool) -> None:
    """Create `folder` owner-only; tighten an existing one only when it is the app's own
    default data folder (a folder the seller chose with --db may be shared on purpose).

    A folder that cannot be changed (a read-only volume) is left as it is.
    """
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except FileExistsError:
            pass  # another process starting at the same moment made it
        else:
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
            return
    if not default or sys.platform == "win32":
        return
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        with suppress(OSError):
            os.chmod(folder, 0o700)
            log.info("data folder %s made owner-only", folder)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600 (rotation renames, so they stay so)."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        with suppress(OSError):
            os.chmod(self.baseFilename, 0o600)  # a log an older version made 0644
        return super()._open()
