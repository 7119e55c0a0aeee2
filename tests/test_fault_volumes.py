"""Faults: a full disk, and a database on a read-only volume or in a folder one cannot write.

A small tmpfs is mounted for each test (root only; skipped with the reason elsewhere).
A full disk refuses the import with one clear sentence and damages nothing already
stored. A read-only database stays readable: the CLI's read commands answer, an import
is refused with a sentence, the file is untouched, and the desktop app opens it in a
read-only mode that says so. As root, permission bits do not stop writes, so "a folder
without write permission" is a read-only bind mount of the folder.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from tests.safety import (
    AS_OF,
    SELLER_A,
    cli,
    integrity,
    read_only_bind,
    remount_read_only,
    sha,
    side_files,
    table_digest,
    tmpfs,
)


def test_a_full_disk_refuses_the_import_and_damages_nothing(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "vol", size="4m") as vol:
        db = vol / "data" / "account-health.sqlite3"
        assert cli(db, "import", str(SELLER_A / "orders-1.txt")).returncode == 0
        before = table_digest(db)
        metrics = cli(db, "metrics", "--as-of", AS_OF).stdout
        free = shutil.disk_usage(vol).free
        filler = vol / "filler"
        filler.write_bytes(b"\0" * (free - 48 * 1024))  # leave 48 KiB
        done = cli(db, "import", str(SELLER_A / "orders-2.txt"), str(SELLER_A / "messages.csv"))
        assert done.returncode == 1, done.stderr
        # Each file refused with the sentence, or (when even the refusal cannot be logged)
        # the command stops with it: either way one sentence per line, nothing else.
        said = [line for line in (done.stdout + done.stderr).splitlines() if "is full" in line]
        assert said, done.stdout + done.stderr
        for line in said:
            assert f"The disk holding {db.parent} is full" in line, line
            assert line.endswith("free some space and try again.")
        assert "Traceback" not in done.stderr
        assert integrity(db) == ["ok"]
        assert table_digest(db) == before
        assert cli(db, "metrics", "--as-of", AS_OF).stdout == metrics
        filler.unlink()
        again = cli(db, "import", str(SELLER_A / "orders-2.txt"))
        assert again.returncode == 0, again.stdout + again.stderr


@pytest.fixture(scope="module")
def seller_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the sample seller, closed cleanly (no -wal left)."""
    folder = tmp_path_factory.mktemp("seller") / "data"
    db = folder / "account-health.sqlite3"
    files = [SELLER_A / f for f in ("orders-1.txt", "feedback.txt", "messages.csv", "claims.csv")]
    done = cli(db, "import", *map(str, files))
    assert done.returncode == 0, done.stdout
    assert side_files(db) == []
    return folder


def _volume(seller: Path, tmp_path: Path) -> Iterator[Path]:
    """The data folder on a tmpfs remounted read-only."""
    with tmpfs(tmp_path / "vol") as vol:
        shutil.copytree(seller, vol / "data")
        remount_read_only(vol)
        yield vol / "data"


def _bind(seller: Path, tmp_path: Path) -> Iterator[Path]:
    """The data folder seen through a read-only bind mount (no write permission)."""
    with read_only_bind(seller, tmp_path / "seen") as seen:
        yield seen


PLACES: list[tuple[str, Callable[[Path, Path], Iterator[Path]]]] = [
    ("read-only volume", _volume),
    ("folder without write permission", _bind),
]


@pytest.fixture(scope="module", params=PLACES, ids=[p[0] for p in PLACES])
def read_only_data(
    request: pytest.FixtureRequest, seller_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    make: Callable[[Path, Path], Iterator[Path]] = request.param[1]
    place: AbstractContextManager[Path] = contextmanager(make)(
        seller_data, tmp_path_factory.mktemp("mount")
    )
    with place as folder:
        yield folder / "account-health.sqlite3"


def test_read_commands_work_on_a_read_only_database(read_only_data: Path, tmp_path: Path) -> None:
    before = sha(read_only_data)
    out = tmp_path
    for command in (
        ["metrics", "--as-of", AS_OF],
        ["deadlines", "--now", AS_OF],
        ["feedback-check", "--now", AS_OF],
        ["key", "status"],
        ["key", "export", str(out / "key.json"), "--passphrase-file", "-"],
    ):
        done = cli(read_only_data, *command, stdin="the passphrase of the key backup\n")
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout.strip()
        assert "[encrypted" not in done.stdout  # the key file beside it opens buyer details
    assert sha(read_only_data) == before
    assert side_files(read_only_data) == []


def test_an_import_into_a_read_only_database_is_refused(read_only_data: Path) -> None:
    before = sha(read_only_data)
    done = cli(read_only_data, "import", str(SELLER_A / "orders-2.txt"))
    assert done.returncode == 1
    [sentence] = done.stderr.splitlines()
    assert str(read_only_data) in sentence
    assert "read-only" in sentence and "can be read" in sentence
    assert sha(read_only_data) == before


def test_a_new_database_cannot_be_made_on_a_read_only_volume(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "vol") as vol:
        (vol / "data").mkdir()
        remount_read_only(vol)
        done = cli(vol / "data" / "new.sqlite3", "metrics")
        assert done.returncode == 1
        assert "read-only" in done.stderr and str(vol / "data" / "new.sqlite3") in done.stderr


def test_the_store_opens_a_read_only_database_read_only(read_only_data: Path) -> None:
    """What the desktop app gets (tests/gui/test_fault_gui.py shows the window)."""
    from storage.db import Store
    from storage.repository import records

    with Store(read_only_data) as store:
        assert store.read_only
        assert records.counts(store.db)["orders"] > 0
        assert all("[encrypted" not in f.rater_email for f in records.list_feedback(store))
    assert side_files(read_only_data) == []


def test_mounting_is_cleaned_up(tmp_path: Path) -> None:
    """A control: the helper's mounts are gone after use (nothing stays mounted)."""
    with tmpfs(tmp_path / "vol") as vol:
        assert subprocess.run(["mountpoint", "-q", str(vol)]).returncode == 0
    assert subprocess.run(["mountpoint", "-q", str(tmp_path / "vol")]).returncode != 0


def test_the_import_use_case_says_read_only_without_trying(read_only_data: Path) -> None:
    """What the window's Imports screen gets on a read-only database."""
    from datetime import UTC, datetime

    from services.imports import import_file
    from storage.db import Store

    with Store(read_only_data) as store:
        done = import_file(store, SELLER_A / "orders-2.txt", datetime(2026, 11, 20, tzinfo=UTC))
    assert done.outcome.error is not None and "read-only" in done.outcome.error
    assert not done.changes.imports
