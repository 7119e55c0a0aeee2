"""Refusals never echo a buyer's data, and the CLI never prints a file's escape codes
(issue 15, points 1 and 10).

Each crafted file below is refused; its bad cells hold PII probe strings (a name,
an address, a phone number, a relay address), often where a shifted or mistyped
row puts them: in a date, number, code or key column. No probe may appear in the
refusal, in the import history, or in what the CLI prints.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import Store
from storage.imports.apply import apply_import
from storage.imports.errors import shown
from tests.fixtures.report_files import (
    FEEDBACK_6,
    ORDERS_CURRENT,
    RETURNS_FBA,
    RETURNS_FBM,
    order_row,
)
from tests.fixtures.variant_files import ORDER_REPORT_HEADER, fbm_row

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 20, tzinfo=UTC)
NAME, PLACE, PHONE = "Quintessa Marlowe", "1452 Brookhaven Terrace", "+1 206-555-0142"
EMAIL = "qz7kx2m4@marketplace.amazon.com"
PROBES = ("quintessa", "marlowe", "brookhaven", "1452 b", "555-0142", "qz7kx2m4")
SUBJECT = f"Refund inquiry from Amazon customer {NAME} (Order: 111-1234567-1234567)"
MESSAGES = "message_id,order_id,thread_id,direction,timestamp,subject,body,sender\n"
CLAIMS = (
    "claim_id,order_id,kind,filed_at,amount,currency,reason,status,info_requested_at,"
    "decided_at,buy_shipping_protected,notes\n"
)


def tab(header: list[str] | tuple[str, ...], values: dict[str, str]) -> str:
    return "\t".join(header) + "\n" + "\t".join(values.get(h, "") for h in header) + "\n"


def orders(**cells: str) -> str:
    row = order_row(ORDERS_CURRENT, **cells)
    return "\t".join(ORDERS_CURRENT) + "\n" + "\t".join(row) + "\n"


FBM_OK = {
    "Order ID": "111-0000001-0000001", "Return request date": "10-Jul-2025",
    "Return request status": "Approved", "Amazon RMA ID": "DfqRyqfBRRMA",
}  # fmt: skip
FBA_OK = {"return-date": "2026-10-02T08:55:15Z", "order-id": "111-0000001-0000001", "sku": "S"}
FEEDBACK_OK = {"Date": "11/3/26", "Rating": "1", "Order ID": "111-0000001-0000001"}

CASES: list[tuple[str, str, str]] = [
    # the case: a missing cell shifts the subject into the timestamp column
    ("messages.csv", MESSAGES + f'm1,111-1234567-1234567,,in,"{SUBJECT}",Where?,{EMAIL}\n', "timestamp"),
    ("messages.csv", MESSAGES + f"m1,,,{NAME},2026-11-01T10:00:00Z,Hi,Body,{EMAIL}\n", "direction"),
    ("messages.csv", MESSAGES + f"m1,,,in,{PLACE},Hi,Body,{EMAIL}\n", "timestamp"),
    ("claims.csv", CLAIMS + f"C1,111-1234567-1234567,a-to-z,2026-11-01,10,USD,{NAME},open,,,,\n", "reason"),
    ("claims.csv", CLAIMS + f"C1,111-1234567-1234567,a-to-z,2026-11-01,{PHONE},USD,other,open,,,,\n", "amount"),
    ("claims.csv", CLAIMS + "C1,111-1234567-1234567,Marlowe,2026-11-01,1,USD,other,open,,,,\n", "kind"),
    ("f.txt", tab(FEEDBACK_6, {**FEEDBACK_OK, "Date": f"{NAME} says late"}), "Date"),
    ("f.txt", tab(FEEDBACK_6, {**FEEDBACK_OK, "Rating": "Marlowe"}), "Rating"),
    ("f.txt", tab(FEEDBACK_6, {**FEEDBACK_OK, "Order ID": NAME}), "Order ID"),
    ("o.txt", orders(purchase_date=PLACE), "purchase-date"),
    ("o.txt", orders(fulfillment_channel=PLACE), "fulfillment-channel"),
    ("o.txt", orders(quantity=PHONE), "quantity"),
    ("o.txt", orders(item_price="Quintessa"), "item-price"),
    ("o.txt", orders(amazon_order_id=NAME), "amazon-order-id"),
    ("o.txt", orders(asin="Marlowe"), "asin"),
    ("r.txt", tab(RETURNS_FBM, {**FBM_OK, "Return request date": NAME}), "Return request date"),
    ("r.txt", tab(RETURNS_FBM, {**FBM_OK, "Return request status": "Quintessa"}), "Return request status"),
    ("r.txt", tab(RETURNS_FBM, {**FBM_OK, "Amazon RMA ID": PLACE}), "Amazon RMA ID"),
    ("r.txt", tab(RETURNS_FBM, {**FBM_OK, "Return quantity": PHONE}), "Return quantity"),
    ("a.txt", tab(RETURNS_FBA, {**FBA_OK, "return-date": NAME}), "return-date"),
    ("a.txt", tab(RETURNS_FBA, {**FBA_OK, "license-plate-number": "Marlowe"}), "license-plate-number"),
    ("n.txt", "\t".join(ORDER_REPORT_HEADER) + "\n" + "\t".join(fbm_row(ORDER_REPORT_HEADER, purchase_date=NAME)) + "\n", "purchase-date"),
    ("n.txt", "\t".join(ORDER_REPORT_HEADER) + "\n" + "\t".join(fbm_row(ORDER_REPORT_HEADER, is_prime="Marlowe")) + "\n", "is-prime"),
    ("p.json", json.dumps({"performanceMetrics": [{"marketplaceId": "ATVPDKIKX0DER", "lateShipmentRate": {"rate": NAME}}]}), "rate"),
    ("p.json", json.dumps({"performanceMetrics": [{"marketplaceId": "ATVPDKIKX0DER", "lateShipmentRate": {"rate": 0.1, "reportingDateRange": {"reportingDateFrom": PLACE}}}]}), "reportingDateFrom"),
    ("m.eml", f"From: {NAME} <{EMAIL}>\nTo: s@example.com\nSubject: {SUBJECT}\nDate: {NAME}, {PLACE}\n\nHi\n", ""),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "column"), CASES)
def test_no_refusal_quotes_a_buyers_data(
    store: Store, tmp_path: Path, name: str, content: str, column: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    outcome = apply_import(store, path, now=NOW)
    assert outcome.error is not None, "the crafted file must be refused"
    assert column in outcome.error
    stored = store.db.execute("SELECT group_concat(error, ' ') FROM imports").fetchone()[0]
    for text in (outcome.error, stored):
        for probe in PROBES:
            assert probe not in text.lower(), (probe, text)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("2026-13-01T00:00:00Z", "date", "'2026-13-01T00:00:00Z'"),
        ("31-Feb-2026", "date", "'31-Feb-2026'"),
        ("9.49 USD", "number", "'9.49 USD'"),
        ("DRONE", "code", "'DRONE'"),
        ("lost_parcel", "code", "'lost_parcel'"),
        (SUBJECT, "date", "'Ref…' (82 characters)"),
        (PHONE, "number", "'+1 …' (15 characters)"),
        (NAME, "code", "'Qui…' (17 characters)"),
        ("Quintessa", "code", "'Qui…' (9 characters)"),
        (EMAIL, "code", "'qz7…' (31 characters)"),
        ("\x1b[31mred", "code", "'?[3…' (8 characters)"),
        (SUBJECT, "text", "a text of 82 characters"),
        ("", "date", "an empty cell"),
    ],
)
def test_shown_quotes_only_what_cannot_be_personal(value: str, kind: str, expected: str) -> None:
    assert shown(value, kind) == expected  # type: ignore[arg-type]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(cwd / "db.sqlite3"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            "PATH": "",
            "HOME": str(cwd),
        },  # fmt: skip
        check=False,
    )


def test_the_cli_prints_no_escape_codes_from_a_file(tmp_path: Path) -> None:
    evil = "\x1b[2J\x1b]0;pwned\x07\x9b31m"
    named = tmp_path / f"orders{evil}.txt"
    named.write_text(orders(product_name=f"Whisk{evil}"), encoding="utf-8")
    cell = tmp_path / "feedback.txt"
    cell.write_text(tab(FEEDBACK_6, {**FEEDBACK_OK, "Rating": f"1{evil}"}), encoding="utf-8")
    for args in (("import", str(named), str(cell)), ("import", "--json", str(named), str(cell))):
        done = cli(*args, cwd=tmp_path)
        assert done.returncode == 1
        for stream in (done.stdout, done.stderr):
            assert not any(c in stream for c in "\x1b\x9b\x07"), stream
    text = cli("import", str(named), cwd=tmp_path).stdout
    assert text.startswith("orders31m.txt: All Orders: 1 order (1 line): 0 added, 0 updated")
    files = json.loads(cli("import", "--json", str(named), cwd=tmp_path).stdout)["files"]
    assert files[0]["file"] == named.name  # JSON keeps the name, with the codes escaped
