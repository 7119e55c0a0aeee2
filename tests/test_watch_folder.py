"""storage.watch_folder: a file is offered once, complete, and never again."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage.imports.apply import apply_import
from storage.watch_folder import WatchedFolder, is_candidate

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
HEADER = (
    "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
    "info_requested_at,decided_at,buy_shipping_protected,notes\n"
)
ROW = "AZ-{n},111-0000001-{n:07d},a-to-z,2026-11-01,10,USD,defective,open,,,false,\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "downloads"
    f.mkdir()
    return f


def write(path: Path, text: str, mtime: float, mode: str = "w") -> None:
    with path.open(mode, encoding="utf-8") as fh:
        fh.write(text)
    os.utime(path, (mtime, mtime))


def import_and_record(store: Any, watched: WatchedFolder, files: list[Path]) -> list[Any]:
    outcomes = []
    for f in files:
        outcome = apply_import(store, f, now=NOW)
        watched.record(
            f, NOW, outcome="ok" if outcome.ok else "refused", import_id=outcome.import_id
        )
        outcomes.append(outcome)
    return outcomes


def test_a_slowly_written_file_is_imported_once_after_it_is_complete(
    store: Any, folder: Path
) -> None:
    watched = WatchedFolder(folder, store)
    path = folder / "claims.csv"
    write(path, HEADER + ROW.format(n=1), 1000.0)
    assert watched.poll(NOW) == []  # first sight
    write(path, ROW.format(n=2), 1001.0, mode="a")  # still being written
    assert watched.poll(NOW + timedelta(seconds=30)) == []
    write(path, ROW.format(n=3), 1002.0, mode="a")
    assert watched.poll(NOW + timedelta(seconds=60)) == []
    ready = watched.poll(NOW + timedelta(seconds=90))  # unchanged for one poll: complete
    assert ready == [path]

    (outcome,) = import_and_record(store, watched, ready)
    assert outcome.ok and outcome.added == 3
    for s in range(4):
        assert watched.poll(NOW + timedelta(minutes=2 + s)) == []
    assert store.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    row = store.db.execute("SELECT outcome, import_id FROM watched_files").fetchone()
    assert row == ("ok", outcome.import_id)


@pytest.mark.parametrize(
    ("name", "offered"),
    [
        ("orders.txt", True),
        ("claims.CSV", True),
        ("report.crdownload", False),
        ("report.txt.part", False),
        ("report.tmp", False),
        ("report.partial", False),
        (".hidden.txt", False),
        ("~$orders.xlsx", False),
        ("orders.txt~", False),
    ],
)
def test_hidden_and_partial_files_are_skipped(name: str, offered: bool) -> None:
    assert is_candidate(Path(name)) is offered


def test_partial_download_is_offered_only_after_the_rename(store: Any, folder: Path) -> None:
    watched = WatchedFolder(folder, store)
    part = folder / "claims.csv.crdownload"
    write(part, HEADER + ROW.format(n=1), 1000.0)
    assert watched.poll(NOW) == [] and watched.poll(NOW) == []
    final = folder / "claims.csv"
    part.rename(final)
    assert watched.poll(NOW) == []
    assert watched.poll(NOW) == [final]


def test_same_content_under_a_new_name_is_skipped(store: Any, folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "claims-by-hand.csv"
    write(elsewhere, HEADER + ROW.format(n=1), 1000.0)
    assert apply_import(store, elsewhere, now=NOW).ok  # imported by hand first
    watched = WatchedFolder(folder, store.db)  # a plain Database works too
    shutil.copy2(elsewhere, folder / "copy.csv")
    assert watched.poll(NOW) == [] and watched.poll(NOW) == []
    assert store.db.execute("SELECT outcome FROM watched_files").fetchone()[0] == "duplicate"


def test_a_refused_file_is_not_retried_even_under_another_name(store: Any, folder: Path) -> None:
    watched = WatchedFolder(folder, store)
    bad = folder / "junk.csv"
    write(bad, "what,is,this\n1,2,3\n", 1000.0)
    watched.poll(NOW)
    ready = watched.poll(NOW)
    (outcome,) = import_and_record(store, watched, ready)
    assert not outcome.ok
    shutil.copy2(bad, folder / "junk-again.csv")
    assert watched.poll(NOW) == [] and watched.poll(NOW) == []


def test_a_file_saved_again_with_new_content_is_offered_again(store: Any, folder: Path) -> None:
    watched = WatchedFolder(folder, store)
    path = folder / "claims.csv"
    write(path, HEADER + ROW.format(n=1), 1000.0)
    watched.poll(NOW)
    import_and_record(store, watched, watched.poll(NOW))
    write(path, HEADER + ROW.format(n=1) + ROW.format(n=2), 2000.0)
    assert watched.poll(NOW) == []
    assert watched.poll(NOW) == [path]


def test_empty_files_wait_and_oldest_comes_first(store: Any, folder: Path) -> None:
    watched = WatchedFolder(folder, store)
    (folder / "empty.csv").touch()
    write(folder / "b.csv", HEADER + ROW.format(n=2), 2000.0)
    write(folder / "a.csv", HEADER + ROW.format(n=1), 1000.0)
    watched.poll(NOW)
    assert watched.poll(NOW) == [folder / "a.csv", folder / "b.csv"]


def test_a_missing_folder_gives_nothing(store: Any, tmp_path: Path) -> None:
    assert WatchedFolder(tmp_path / "nope", store).poll(NOW) == []


def settle_and_import(store: Any, watched: WatchedFolder, at: datetime) -> list[Any]:
    """Two polls (the file must look the same twice), then the watch job's import."""
    from services.jobs import import_settled

    watched.poll(at)
    return import_settled(store, watched, at + timedelta(seconds=30)).outcomes


def test_a_file_that_grows_after_its_import_is_imported_again(store: Any, folder: Path) -> None:
    """A download that paused under its final name: the rest is added when it goes on."""
    watched = WatchedFolder(folder, store)
    path = folder / "claims.csv"
    write(path, HEADER + ROW.format(n=1) + ROW.format(n=2), 1000.0)
    (first,) = settle_and_import(store, watched, NOW)
    assert first.ok and first.added == 2
    write(path, ROW.format(n=3) + ROW.format(n=4), 1060.0, mode="a")
    (again,) = settle_and_import(store, watched, NOW + timedelta(minutes=2))
    assert (again.added, again.unchanged) == (2, 2)
    assert store.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 4
    assert settle_and_import(store, watched, NOW + timedelta(minutes=4)) == []
    rows = store.db.execute("SELECT outcome FROM watched_files ORDER BY mtime").fetchall()
    assert rows == [("ok",), ("ok",)]  # each state of the file is remembered


def test_a_file_refused_as_cut_off_is_tried_again_when_it_grows(store: Any, folder: Path) -> None:
    watched = WatchedFolder(folder, store)
    path = folder / "claims.csv"
    full = HEADER + ROW.format(n=1) + ROW.format(n=2)
    write(path, full[: len(full) - 40], 1000.0)  # cut in the middle of the last row
    (refused,) = settle_and_import(store, watched, NOW)
    assert not refused.ok and "line 3" in (refused.error or "")
    assert store.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    write(path, full, 1060.0)  # the download went on
    (done,) = settle_and_import(store, watched, NOW + timedelta(minutes=2))
    assert done.ok and done.added == 2


def test_json_is_offered_only_once_complete(store: Any, folder: Path, samples: Path) -> None:
    report = (samples / "performance" / "seller-performance-2026-11-20.json").read_text()
    watched = WatchedFolder(folder, store)
    path = folder / "performance.json"
    write(path, report[: len(report) // 2], 1000.0)
    for s in range(4):
        assert watched.poll(NOW + timedelta(seconds=30 * s)) == []
    write(path, report, 1060.0)
    watched.poll(NOW + timedelta(minutes=3))
    assert watched.poll(NOW + timedelta(minutes=3, seconds=30)) == [path]


def test_a_file_that_stays_cut_short_is_offered_after_the_grace(
    store: Any, folder: Path, samples: Path
) -> None:
    """A download that stopped for good is not dropped silently: the import says why."""
    from storage.watch_folder import INCOMPLETE_GRACE

    mbox = (samples / "email" / "inbox.mbox").read_text()
    watched = WatchedFolder(folder, store)
    path = folder / "inbox.mbox"
    write(path, mbox[:-25], 1000.0)
    watched.poll(NOW)
    assert watched.poll(NOW + timedelta(seconds=30)) == []
    assert watched.poll(NOW + INCOMPLETE_GRACE) == []
    assert watched.poll(NOW + INCOMPLETE_GRACE + timedelta(seconds=30)) == [path]


def test_a_file_that_grows_into_known_content_is_still_imported_again(
    store: Any, folder: Path, tmp_path: Path
) -> None:
    """Its first import may have stored a row cut short; only its whole content mends it."""
    whole = HEADER + ROW.format(n=1) + ROW.format(n=2)
    elsewhere = tmp_path / "claims-by-hand.csv"
    write(elsewhere, whole, 900.0)
    watched = WatchedFolder(folder, store)
    path = folder / "claims.csv"
    write(path, HEADER + ROW.format(n=1), 1000.0)
    (first,) = settle_and_import(store, watched, NOW)
    assert first.ok
    assert apply_import(store, elsewhere, now=NOW).ok  # the whole content, by hand
    write(path, whole, 1060.0)
    (again,) = settle_and_import(store, watched, NOW + timedelta(minutes=2))
    assert again.ok and again.unchanged == 2
    shutil.copy2(path, folder / "copy.csv")  # a mere copy is still skipped
    assert settle_and_import(store, watched, NOW + timedelta(minutes=4)) == []
