"""Fault: several first starts at once on the same new database (issue 14, fault 2).

Four child processes import into the same new file at the same moment (the watched
folder, the window and a script can): every one succeeds, the schema is made once,
and they end with ONE key, in the key file or in a shared keyring, which the
database recognises. Each round starts the four together after a common instant.
`AHM_SLOW=1` runs many more rounds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.key_check import matches
from storage.keys import key_file_for, read_key_file
from tests.safety import FILE_KEYRING, NO_KEYRING, ROOT, SELLER_A, child_env, count, integrity

ROUNDS = 40 if os.environ.get("AHM_SLOW") else 3
FILES = ("orders-1.txt", "feedback.txt", "messages.csv", "claims.csv")
AT_ONCE = """
import sys, time
at = float(sys.argv[1])
import main  # everything is loaded before the common instant
time.sleep(max(0.0, at - time.time()))
sys.exit(main.main(sys.argv[2:]))
"""


def _start_together(db: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    at = f"{time.time() + 1.5:.3f}"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", AT_ONCE, at, "--db", str(db), "import", str(SELLER_A / f)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in FILES
    ]
    done = []
    for child in children:
        out, err = child.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    return done


def _stored_check(db: Path) -> str:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(str(db))) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = 'pii_key_check'").fetchone()
    return str(row[0])


@pytest.mark.parametrize("backend", [NO_KEYRING, FILE_KEYRING], ids=["key file", "keyring"])
def test_four_first_starts_at_once_all_succeed_with_one_key(backend: str, tmp_path: Path) -> None:
    from storage.key_backup import _unb64

    for n in range(ROUNDS):
        db = tmp_path / f"round{n}" / "data" / "account-health.sqlite3"
        shared = tmp_path / f"round{n}" / "keyring"
        shared.mkdir(parents=True)
        results = _start_together(db, child_env(backend, shared))
        failed = [(r.returncode, r.stdout, r.stderr) for r in results if r.returncode != 0]
        assert failed == [], f"round {n}"
        assert integrity(db) == ["ok"]
        assert count(db, "SELECT COUNT(*) FROM imports WHERE outcome = 'ok'") == len(FILES)
        if backend == NO_KEYRING:
            key = read_key_file(key_file_for(db))
            assert list(shared.iterdir()) == []
        else:
            entries = list(shared.iterdir())
            assert len(entries) == 1, f"round {n}: {len(entries)} keys"
            key = _unb64(entries[0].read_text())
            assert not key_file_for(db).exists()
        assert matches(key, _stored_check(db)), f"round {n}: the data's key is not the kept key"


def test_the_key_file_race_gives_every_process_the_same_key(tmp_path: Path) -> None:
    """Many processes create the key file at once: one key, whole, for all of them."""
    script = (
        "import sys; from pathlib import Path; from storage.keys import create_key_file;"
        "print(create_key_file(Path(sys.argv[1])).hex())"
    )
    for n in range(ROUNDS):
        target = tmp_path / f"k{n}.key"
        children = [
            subprocess.Popen(
                [sys.executable, "-c", script, str(target)],
                cwd=ROOT,
                env=child_env(),
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        keys = {child.communicate(timeout=60)[0].strip() for child in children}
        assert keys == {read_key_file(target).hex()}
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(f".k{n}")) == []
