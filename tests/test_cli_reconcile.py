"""`reconcile` and `products` on the command line: JSON shapes, text, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main

AS_OF = "2026-11-20T15:00:00Z"
FILES = ("orders-1.txt", "orders-2.txt", "feedback.txt", "claims.csv", "returns-fbm.txt")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, samples: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.sqlite3"
    files = [str(samples / "seller-a" / n) for n in FILES]
    files.append(str(samples / "performance" / "seller-performance-2026-11-20.json"))
    code, _, _ = run(capsys, "--db", str(path), "import", *files)
    assert code == 0
    return path


def test_reconcile_json_shape(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db), "reconcile", "--now", AS_OF, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"now", "reports", "account_health_rating"}
    assert data["now"] == "2026-11-20T15:00:00+00:00"
    (report,) = data["reports"]
    assert report["marketplace"] == "Amazon.com"
    assert report["report_at"] == "2026-11-20T00:00:00+00:00"
    mfn = report["order_defect_rate"]["mfn"]
    assert set(mfn) == {"window", "amazon", "ours", "headline", "explanations"}
    assert mfn["amazon"] == {
        "orders": 301,
        "defective_orders": 3,
        "a_to_z_claims": 2,
        "chargebacks": 1,
        "negative_feedback": 1,
        "value": 1.0,
        "status": "breach",
        "amazon_status": "BAD",
    }
    assert mfn["ours"]["orders"] == 406 and mfn["ours"]["defective_orders"] == 2
    assert [e["code"] for e in mfn["explanations"]] == [
        "orders_extra",
        "late_defect",
        "defects_missing",
        "rounding",
    ]
    late = report["shipping"][0]
    assert late["name"] == "lateShipmentRate"
    assert late["value"] == pytest.approx(1.2) and late["target"] == pytest.approx(4.0)
    assert late["window"] == {"from": "2026-10-21", "to": "2026-11-19"}
    ahr = data["account_health_rating"]
    assert ahr["score"] is None and ahr["readings"] == []
    assert ahr["assurance"]["eligible"] is False


def test_reconcile_text(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db), "reconcile", "--now", AS_OF)
    assert code == 0
    assert "Order Defect Rate, orders of Aug 24, 2026 to Nov 5, 2026" in out
    assert out.count("Order Defect Rate, orders of") == 1
    assert "FBM: Amazon 1.00 % (3 of 301 orders), here 0.49 % (2 of 406 orders)." in out
    assert "Amazon has not counted yet" in out
    assert "Late Shipment Rate" in out and "7 more late shipments keep it there." in out
    assert "No Account Health Rating entered yet" in out


def test_reconcile_without_a_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "empty.sqlite3")
    code, out, _ = run(capsys, "--db", db, "reconcile", "--now", AS_OF)
    assert code == 0
    assert out.startswith("No seller performance report is imported yet")
    code, out, _ = run(capsys, "--db", db, "reconcile", "--json", "--now", AS_OF)
    assert json.loads(out)["reports"] == []


def test_products_json_shape_and_default_period(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(db), "products", "--now", AS_OF, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"], data["by"]) == ("2026-08-23", "2026-11-20", "sku")
    first = data["products"][0]
    assert set(first) == {
        "key", "skus", "asins", "product_name", "orders", "defective_orders", "defect_rate",
        "negative_feedback", "a_to_z_claims", "chargebacks", "fbm_returns", "fba_returns",
        "return_rate", "return_reasons", "claim_reasons",
    }  # fmt: skip
    rates = [p["defect_rate"] for p in data["products"]]
    assert rates == sorted(rates, reverse=True)


def test_products_by_asin_and_period(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(
        capsys, "--db", str(db), "products", "--from", "2026-10-01", "--to", "2026-10-31",
        "--by", "asin", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"], data["by"]) == ("2026-10-01", "2026-10-31", "asin")
    assert all(p["key"].startswith("B0") for p in data["products"])
    code, out, _ = run(capsys, "--db", str(db), "products", "--from", "2026-10-01",
                       "--to", "2026-10-31")  # fmt: skip
    assert code == 0
    assert "Defects and returns by SKU, orders placed 2026-10-01 to 2026-10-31" in out


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (["--from", "2026-12-01", "--to", "2026-11-01"],
         "--from 2026-12-01 is after --to 2026-11-01; swap them."),
        (["--from", "Nov 1"], "--from 'Nov 1' is not a date such as 2026-11-20."),
        (["--to", "2026-02-30"], "--to '2026-02-30' is not a date such as 2026-11-20."),
    ],
)  # fmt: skip
def test_products_refuses_bad_dates_with_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], sentence: str
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "products", *argv)
    assert code == 1
    assert err.strip().splitlines()[-1] == sentence
    assert out == ""
