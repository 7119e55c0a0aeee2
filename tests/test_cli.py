"""The headless command line, as spec/cli.md describes it: exit codes, lines, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-20T15:00:00Z"
SELLER_A = [
    "orders-1.txt",
    "orders-2.txt",
    "feedback.txt",
    "claims.csv",
    "messages.csv",
    "returns-fbm.txt",
    "returns-fba.txt",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite3"


def seller_a(samples: Path) -> list[str]:
    return [str(samples / "seller-a" / name) for name in SELLER_A]


def test_import_prints_one_line_per_file_and_is_idempotent(
    capsys: pytest.CaptureFixture[str], db: Path, samples: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(db), "import", *seller_a(samples))
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == len(SELLER_A)
    assert lines[0] == (
        "orders-1.txt: All Orders: 871 orders (1,387 lines): 1,387 added, 0 updated, 0 unchanged"
    )
    assert "feedback.txt: Feedback: 127 added, 0 updated, 0 unchanged" in out

    code, out, _ = run(capsys, "--db", str(db), "import", "--json", *seller_a(samples))
    assert code == 0
    files = json.loads(out)["files"]
    assert [f["kind"] for f in files] == [
        "orders",
        "orders",
        "feedback",
        "claims",
        "messages",
        "returns_fbm",
        "returns_fba",
    ]
    assert all(f["added"] == 0 and f["updated"] == 0 and f["error"] is None for f in files)
    assert (files[0]["report"], files[0]["orders"], files[0]["lines"]) == ("All Orders", 871, 1387)
    assert files[2]["report"] == "Feedback" and files[2]["orders"] is None
    assert all(f["notes"] == [] for f in files)
    assert sum(f["unchanged"] for f in files) > 0


def test_import_refuses_bad_file_but_imports_the_others(
    capsys: pytest.CaptureFixture[str], db: Path, samples: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "claims-bad.csv"
    bad.write_text(
        "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
        "info_requested_at,decided_at,buy_shipping_protected,notes\n"
        "C1,111-1111111-1111111,a-to-z,2026-11-01,10,USD,lost_parcel,open,,,false,\n",
        encoding="utf-8",
    )
    good = samples / "seller-a" / "feedback.txt"
    code, out, _ = run(capsys, "--db", str(db), "import", "--json", str(bad), str(good))
    assert code == 1
    first, second = json.loads(out)["files"]
    assert first["error"].startswith("claims-bad.csv, line 2, column 'reason'")
    assert first["added"] == 0
    assert second["error"] is None and second["added"] == 127


def test_import_missing_file_is_a_sentence(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "--db", str(db), "import", str(tmp_path / "nope.txt"))
    assert code == 1
    assert out.strip() == "nope.txt: refused: there is no such file."
    assert "Traceback" not in err


def test_metrics_json_matches_the_worked_example(
    capsys: pytest.CaptureFixture[str], db: Path, samples: Path
) -> None:
    run(capsys, "--db", str(db), "import", *seller_a(samples))
    code, out, _ = run(capsys, "--db", str(db), "metrics", "--as-of", AS_OF, "--json")
    assert code == 0
    got = json.loads(out)
    expected = json.loads((samples / "seller-a" / "expected.json").read_text())
    assert got["as_of"] == "2026-11-20T15:00:00+00:00"
    assert got["marketplace"] is None
    for name, exp in expected["metrics"].items():
        mine = got["metrics"][name]
        for key in ("numerator", "denominator", "status", "headroom", "window_start", "target"):
            assert mine[key] == exp[key], (name, key)
        assert mine["value"] == pytest.approx(exp["value"], abs=0.005)
    odr = got["metrics"]["order_defect_rate"]
    assert odr["ages_out"] == expected["metrics"]["order_defect_rate"]["ages_out"]
    assert [f["date"] for f in odr["forecast"]] == [
        f["date"] for f in expected["metrics"]["order_defect_rate"]["forecast"]
    ]


def test_metrics_text_is_rounded_and_marketplace_filter_works(
    capsys: pytest.CaptureFixture[str], db: Path, samples: Path
) -> None:
    run(capsys, "--db", str(db), "import", *seller_a(samples))
    code, out, _ = run(capsys, "--db", str(db), "metrics", "--as-of", AS_OF)
    assert code == 0
    assert "0.63" in out and "16.67" in out and "4.40" in out and "7.69" in out
    code, out, _ = run(
        capsys, "--db", str(db), "metrics", "--as-of", AS_OF, "--marketplace", "US", "--json"
    )
    assert code == 0
    assert json.loads(out)["marketplace"] == "Amazon.com"
    code, out, _ = run(
        capsys, "--db", str(db), "metrics", "--as-of", AS_OF, "--marketplace", "Amazon.de", "--json"
    )
    assert json.loads(out)["metrics"]["order_defect_rate"]["denominator"] == 0


def test_deadlines_and_alerts_json(
    capsys: pytest.CaptureFixture[str], db: Path, samples: Path
) -> None:
    run(capsys, "--db", str(db), "import", *seller_a(samples))
    code, out, _ = run(capsys, "--db", str(db), "deadlines", "--now", AS_OF, "--json")
    assert code == 0
    board = json.loads(out)
    expected = json.loads((samples / "seller-a" / "expected.json").read_text())["deadlines"]
    assert board["now"] == "2026-11-20T15:00:00+00:00"
    # The CLI's board is the contract's: every removal window of 1-2 star feedback (the
    # Inbox and the tray keep only those the removal checker calls eligible).
    assert [(i["kind"], i["order_id"], i["due_at"], i["state"]) for i in board["items"]] == [
        (e["kind"], e["order_id"], e["due_at"], e["state"]) for e in expected
    ]
    code, out, _ = run(capsys, "--db", str(db), "alerts", "--now", AS_OF, "--json")
    assert code == 0
    alerts = json.loads(out)["alerts"]
    assert {a["severity"] for a in alerts} <= {"info", "warning", "critical"}
    assert any(a["key"].startswith("lrr") and a["severity"] == "critical" for a in alerts)
    assert len({a["key"] for a in alerts}) == len(alerts)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["metrics", "--as-of", "yesterday"], "--as-of 'yesterday' is not an ISO 8601 time"),
        (["deadlines", "--now", "2026-13-01"], "--now '2026-13-01' is not an ISO 8601 time"),
        (["metrics", "--marketplace", "Amazon.moon"], "'Amazon.moon' is not a marketplace"),
    ],
)
def test_bad_arguments_are_one_sentence(
    capsys: pytest.CaptureFixture[str], db: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", str(db), *argv)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_template_writes_and_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "claims.csv"
    code, _, _ = run(capsys, "--db", str(db), "template", "claims", "-o", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("claim_id,order_id,kind,filed_at")
    code, _, err = run(capsys, "--db", str(db), "template", "claims", "-o", str(target))
    assert code == 1 and "already exists" in err
    code, out, _ = run(capsys, "--db", str(db), "template", "messages")
    assert out.startswith("message_id,order_id,thread_id,direction,timestamp")


def test_newer_database_is_refused(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    code, _, err = run(capsys, "--db", str(db), "metrics")
    assert code == 1
    assert "newer version" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "code", "needle"),
    [
        ("Thanks for your order! Let us know if anything is wrong.", 0, "follows"),
        ("If you are happy, please leave 5 stars.", 1, "satisfaction"),
    ],
)
def test_check_reply_from_stdin(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    db: Path,
    text: str,
    code: int,
    needle: str,
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    got, out, _ = run(capsys, "--db", str(db), "check-reply", "-")
    assert got == code
    assert needle in out


def test_assistant_commands_json(
    capsys: pytest.CaptureFixture[str], db: Path, samples: Path
) -> None:
    run(capsys, "--db", str(db), "import", *seller_a(samples))
    code, out, _ = run(capsys, "--db", str(db), "triage", "--now", AS_OF, "--json")
    assert code == 0
    messages = json.loads(out)["messages"]
    assert messages and all(m["classification"]["contact_type"] for m in messages)
    assert all(m["target_at"] <= m["due_at"] for m in messages)
    code, out, _ = run(capsys, "--db", str(db), "feedback-check", "--now", AS_OF, "--json")
    assert code == 0
    rows = json.loads(out)["feedback"]
    assert rows and all(r["rating"] <= 3 for r in rows)


def test_cli_never_loads_qt(tmp_path: Path) -> None:
    """Commands run over SSH: no QApplication, not even an import of PySide6."""
    script = (
        "import sys, main\n"
        f"code = main.main(['--db', {str(tmp_path / 'q.sqlite3')!r}, 'deadlines', '--json'])\n"
        "assert 'PySide6' not in sys.modules, 'PySide6 was imported'\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"] == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--db", "x.sqlite3"], (Path("x.sqlite3"), False)),
        (["--db=x.sqlite3", "--debug"], (Path("x.sqlite3"), True)),
        (["--debug"], (None, True)),
        (["import", "f.txt"], None),
        (["--db", "x.sqlite3", "metrics"], None),
        (["-h"], None),
        (["--db"], None),  # the full parser explains the mistake
        (["--bogus"], None),
    ],
)
def test_the_desktop_start_is_recognised_without_the_command_parser(
    argv: list[str], expected: tuple[Path | None, bool] | None
) -> None:
    from cli.parser import desktop_options

    found = desktop_options(argv)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.db, found.debug, found.command) == (*expected, None)
