"""Shared fixtures. Qt runs offscreen; the keyring is in memory; paths are temporary."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ("tests.gui.screen_fixtures",)  # gui_thread_db, held

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
"""The synthetic sample seller, carried by the suite so a fresh clone needs nothing else."""


@pytest.fixture
def samples() -> Path:
    return SAMPLES


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict, so no test touches the real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring; the real one is never touched."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def tmp_db_path(tmp_path: Path) -> Path:
    """Where a test's database lives (not created yet)."""
    return tmp_path / "data" / "account-health.sqlite3"


@pytest.fixture
def store(tmp_db_path: Path) -> Iterator[Any]:
    """A fresh, migrated Store in a temp folder (a new one per test)."""
    from storage.db import Store

    s = Store(tmp_db_path)
    yield s
    s.close()
