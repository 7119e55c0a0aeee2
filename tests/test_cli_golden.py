"""The CLI's JSON, byte for byte, on the sample seller: a refactor must not change it.

The golden files in tests/data/golden were written by the CLI before the use-case
layer existed; regenerate them only for an intended change (`AHM_REGEN_GOLDEN=1 pytest tests/test_cli_golden.py`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
AS_OF = "2026-11-20T15:00:00Z"
IMPORTED_AT = re.compile(r'("imported_at": )"[^"]*"')
FILES = [
    SAMPLES / "seller-a" / name
    for name in (
        "orders-1.txt",
        "orders-2.txt",
        "feedback.txt",
        "returns-fbm.txt",
        "returns-fba.txt",
        "messages.csv",
        "claims.csv",
    )
] + [
    SAMPLES / "email" / "inbox.mbox",
    SAMPLES / "performance" / "seller-performance-2026-11-20.json",
]

COMMANDS: dict[str, list[str]] = {
    "metrics": ["metrics", "--as-of", AS_OF, "--json"],
    "metrics-us": ["metrics", "--as-of", AS_OF, "--marketplace", "US", "--json"],
    "deadlines": ["deadlines", "--now", AS_OF, "--json"],
    "alerts": ["alerts", "--now", AS_OF, "--json"],
    "triage": ["triage", "--now", AS_OF, "--json"],
    "feedback-check": ["feedback-check", "--now", AS_OF, "--json"],
    "reconcile": ["reconcile", "--now", AS_OF, "--json"],
    "products": ["products", "--now", AS_OF, "--json"],
    "products-asin": ["products", "--now", AS_OF, "--by", "asin", "--from", "2026-08-01", "--json"],
    "metrics-text": ["metrics", "--as-of", AS_OF],
    "deadlines-text": ["deadlines", "--now", AS_OF],
}


REIMBURSEMENT_FILES = [
    SAMPLES / "seller-a" / name for name in ("orders-1.txt", "orders-2.txt", "returns-fba.txt")
] + sorted((SAMPLES / "reimbursements").iterdir())
"""The sample seller's orders and FBA returns with the section 9 reports of the same SKUs."""
REIMBURSEMENT_COMMANDS: dict[str, list[str]] = {
    "reimbursements": ["reimbursements", "--as-of", AS_OF, "--json"],
    "reimbursements-text": ["reimbursements", "--as-of", AS_OF],
    "reimbursements-deadlines": ["deadlines", "--now", AS_OF, "--json"],
}


def _cli(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            "PATH": "",
            "HOME": str(db.parent),
        },
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def seller_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("golden") / "account-health.sqlite3"
    out = _cli(db, "import", "--json", *map(str, FILES))
    # The import line names the file only; paths differ between machines.
    _check("import", out)
    return db


def _check(name: str, out: str) -> None:
    out = IMPORTED_AT.sub(r'\1"<import time>"', out)  # the wall clock of the import
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("AHM_REGEN_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"{name}: output differs from {path}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_output_is_unchanged(seller_db: Path, name: str) -> None:
    _check(name, _cli(seller_db, *COMMANDS[name]))


@pytest.fixture(scope="module")
def reimbursements_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("golden-reimbursements") / "account-health.sqlite3"
    out = _cli(db, "import", "--json", *map(str, REIMBURSEMENT_FILES))
    assert '"error": null' in out and '"error": "' not in out
    return db


@pytest.mark.parametrize("name", sorted(REIMBURSEMENT_COMMANDS))
def test_reimbursements_output_is_unchanged(reimbursements_db: Path, name: str) -> None:
    _check(name, _cli(reimbursements_db, *REIMBURSEMENT_COMMANDS[name]))
