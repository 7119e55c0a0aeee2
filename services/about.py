"""The About box: where this database keeps its files and the key that encrypts buyer data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.shell import KeyStatus, key_status
from storage.db import Store
from storage.keys import SERVICE


@dataclass(frozen=True, slots=True)
class AboutFacts:
    """What the About box says about this installation's data (read off the GUI thread)."""

    database: Path
    key: KeyStatus
    keyring_service: str  # the keyring entry's service name, when the key is there


def about_facts(store: Store) -> AboutFacts:
    """Loads the key if it was not yet (that may ask the keyring), then says where it is."""
    return AboutFacts(store.path, key_status(store), SERVICE)
