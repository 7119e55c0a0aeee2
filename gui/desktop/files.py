"""Writing and removing the few files the desktop integration owns, and nothing else."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `path` whole or not at all (a half-written autostart entry could start anything)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def remove_if_ours(path: Path, is_ours: Callable[[bytes], bool]) -> bool:
    """Delete `path` when its content is recognisably ours; True when it was deleted."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False
    if not is_ours(data):
        return False
    path.unlink(missing_ok=True)
    return True


class NotOurFile(FileExistsError):
    """A file we would write already exists and was not written by this program."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} already exists and was not written by Account Health Monitor; "
            "it was left as it is."
        )
        self.path = path


def refuse_foreign(path: Path, is_ours: Callable[[bytes], bool]) -> None:
    """Raise NotOurFile when `path` exists with someone else's content."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    if not is_ours(data):
        raise NotOurFile(path)
