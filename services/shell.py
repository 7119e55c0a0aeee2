"""What the main window itself needs from the store: the first-run page and the key banners."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from storage.db import Store
from storage.imports.history import last_import_times

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class KeyStatus:
    """Where the key that encrypts buyer data lives, and whether it can be used."""

    in_file: bool  # no system keyring: the key sits in a file next to the database
    key_file: Path | None
    fallback_reason: str
    problem: str  # the key is missing, different or unreadable ("" when fine)


def has_imports(store: Store) -> bool:
    """Whether anything was ever imported (until then the window shows the first-run page)."""
    return bool(last_import_times(store.db))


def key_status(store: Store) -> KeyStatus:
    """Loads the key (deciding keyring or file) and says where it is and what is wrong."""
    try:
        _ = store.cipher
    except Exception:  # an unusable key is also reported by store.key_problem
        log.exception("PII key check failed")
    keys = store.key_store
    return KeyStatus(
        in_file=keys.location == "file",
        key_file=keys.key_file,
        fallback_reason=keys.fallback_reason or "",
        problem=store.key_problem or "",
    )
