"""A closed pipe ends a command quietly with status 0; feedback-check wraps its "why"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from tests.test_cli import AS_OF, run, seller_a

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def filled(tmp_path: Path, samples: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "pipe.sqlite3"
    assert main.main(["--db", str(db), "import", *seller_a(samples)]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize("command", [["metrics", "--json"], ["deadlines"], ["alerts"]])
def test_a_closed_pipe_ends_quietly_with_status_0(filled: Path, command: list[str]) -> None:
    """`metrics --json | head -c 10`: the reader closes the pipe after a few bytes."""
    env = {**os.environ, "HOME": str(filled.parent), "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(filled), *command, "--now", AS_OF]
        if command[0] != "metrics"
        else [sys.executable, str(ROOT / "main.py"), "--db", str(filled), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert writer.stdout is not None and writer.stderr is not None
    head = writer.stdout.read(10)  # like `head -c 10`, then the pipe closes
    writer.stdout.close()
    err = writer.stderr.read().decode()
    assert writer.wait(timeout=60) == 0, err
    assert len(head) == 10
    assert "Broken pipe" not in err and "Errno" not in err and "Traceback" not in err


def test_feedback_check_wraps_the_why(capsys: pytest.CaptureFixture[str], filled: Path) -> None:
    code, out, _ = run(capsys, "--db", str(filled), "feedback-check", "--now", AS_OF)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    why = out.split("Why:\n", 1)[1]
    # The whole explanation is there, over several lines, not cut at a fixed width.
    joined = " ".join(line.strip() for line in why.splitlines())
    assert "The listing is the seller's responsibility, so Amazon does not treat this as" in joined
    assert "entirely a product review." in joined
