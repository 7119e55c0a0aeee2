"""`review-requests` and `review-requests mark` (spec/cli.md) on the review-request sample set.

The JSON and the text are held byte for byte in tests/data/golden/review-requests*.txt;
regenerate them only for an intended change (`AHM_REGEN_GOLDEN=1 pytest <this file>`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import main
from tests.review_request_fixtures import ELIGIBLE, EXCLUDED, FILES, REQUESTED

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
NOW = "2026-11-20T15:00:00Z"
ELIGIBLE_KEYS = [
    "order_id",
    "marketplace",
    "channel",
    "delivery_date",
    "estimated",
    "opens",
    "closes",
    "days_left",
]


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main.main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.sqlite3"
    code, _, _ = run(capsys, path, "import", *map(str, FILES))
    assert code == 0
    code, out, err = run(
        capsys, path, "review-requests", "mark", REQUESTED, "--at", "2026-11-12T09:30:00Z"
    )
    assert (code, out, err) == (0, "Marked 1 order as requested at 2026-11-12 09:30 UTC.\n", "")
    return path


def check_golden(name: str, out: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("AHM_REGEN_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"{name}: output differs from {path}"


def test_json_is_the_contract(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, db, "review-requests", "--now", NOW, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["now", "eligible", "excluded"]
    assert data["now"] == "2026-11-20T15:00:00+00:00"
    assert [e["order_id"] for e in data["eligible"]] == ELIGIBLE
    assert all(list(e) == ELIGIBLE_KEYS for e in data["eligible"])
    assert {e["channel"] for e in data["eligible"]} == {"afn", "mfn"}
    closes = [e["closes"] for e in data["eligible"]]
    assert closes == sorted(closes)
    assert {x["order_id"]: x["reason"] for x in data["excluded"]} == EXCLUDED
    assert all(list(x) == ["order_id", "reason"] for x in data["excluded"])
    check_golden("review-requests", out)


def test_text_lists_orders_pages_and_held_back_orders(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, _ = run(capsys, db, "review-requests", "--now", NOW)
    assert code == 0
    assert out.startswith("Review requests for 2026-11-20 (UTC): 5 orders to request.\n")
    assert "https://sellercentral.amazon.co.uk/orders-v3/order/202-1000003-0000003" in out
    assert "111-2000001-0000001  unanswered message" in out
    check_golden("review-requests-text", out)


def test_a_day_with_nothing_to_request(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, db, "review-requests", "--now", "2026-07-01")
    assert (code, out) == (
        0,
        "Review requests for 2026-07-01 (UTC): no order is in its review window today "
        "(5 to 30 days after delivery).\n",
    )
    code, out, _ = run(capsys, db, "review-requests", "--now", "2026-07-01", "--json")
    assert json.loads(out) == {"now": "2026-07-01T00:00:00+00:00", "eligible": [], "excluded": []}


def test_mark_then_the_order_is_gone(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, db, "review-requests", "mark", *ELIGIBLE[:2], "--at", NOW)
    assert (code, out, err) == (0, "Marked 2 orders as requested at 2026-11-20 15:00 UTC.\n", "")
    _, out, _ = run(capsys, db, "review-requests", "--now", NOW, "--json")
    assert [e["order_id"] for e in json.loads(out)["eligible"]] == ELIGIBLE[2:]


@pytest.mark.parametrize(
    ("ids", "sentence"),
    [
        (
            ["111-9999999-9999999"],
            "Order 111-9999999-9999999 is not in the database; import the orders report that "
            "has it first. Nothing was marked.",
        ),
        (
            [ELIGIBLE[0], REQUESTED],
            f"Order {REQUESTED} was already requested (order {REQUESTED} on 2026-11-12 09:30 "
            "UTC); Amazon allows one request per order. Nothing was marked.",
        ),
    ],
)
def test_mark_exits_1_with_a_sentence_and_marks_nothing(
    capsys: pytest.CaptureFixture[str], db: Path, ids: list[str], sentence: str
) -> None:
    code, out, err = run(capsys, db, "review-requests", "mark", *ids)
    assert (code, out, err) == (1, "", sentence + "\n")
    _, out, _ = run(capsys, db, "review-requests", "--now", NOW, "--json")
    assert ELIGIBLE[0] in [e["order_id"] for e in json.loads(out)["eligible"]]


def test_bad_times_are_one_sentence(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, _, err = run(capsys, db, "review-requests", "mark", ELIGIBLE[0], "--at", "soon")
    assert (code, err) == (1, "--at 'soon' is not an ISO 8601 time such as 2026-11-20T12:00:00Z.\n")
    code, _, err = run(capsys, db, "review-requests", "--now", "later")
    assert code == 1 and err.startswith("--now 'later' is not")


def test_mark_needs_an_order(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main.main(["--db", str(db), "review-requests", "mark"])
    assert exited.value.code == 2  # argparse: ORDER_ID is required
    capsys.readouterr()
