"""Kind detection from content (never the file name) and the table of report kinds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.model import REPORT_KINDS
from storage.imports.errors import ImportRefused
from storage.imports.reading import SNIFF_BYTES, read_head
from storage.reports.detect import detect_kind
from storage.reports.kinds import REPORTS, report_for
from tests.fixtures.report_files import (
    FEEDBACK_6,
    FEEDBACK_9,
    ORDERS_CURRENT,
    ORDERS_NEWER,
    ORDERS_OLDER,
    RETURNS_FBA,
    RETURNS_FBM,
    order_row,
)

MESSAGES = "message_id,order_id,thread_id,direction,timestamp,subject,body,sender,no_response_needed,automated"
CLAIMS = "claim_id,order_id,kind,filed_at,amount,currency,reason,status,info_requested_at,decided_at,buy_shipping_protected,notes"
EML = (
    'From: "Dana - Amazon Marketplace" <abc@marketplace.amazon.com>\r\n'
    "To: shop@example.com\r\n"
    "Subject: Inquiry from Amazon customer Dana (Order: 112-9034417-5521930)\r\n"
    "Date: Sat, 14 Nov 2026 23:05:00 -0800\r\n"
    "\r\n"
    "Hello\r\n"
)


def tab(header: list[str], *rows: str) -> str:
    return "\t".join(header) + "\n" + "".join(r + "\n" for r in rows)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (tab(ORDERS_CURRENT, "\t".join(order_row(ORDERS_CURRENT))), "orders"),
        (tab(ORDERS_OLDER), "orders"),
        (tab(ORDERS_NEWER), "orders"),
        (tab([h.upper() for h in ORDERS_CURRENT]).replace("\n", "\r\n"), "orders"),
        ("\ufeff" + tab(ORDERS_CURRENT), "orders"),
        (tab(FEEDBACK_6, "8/27/26\t5\tOk\t\t111-1\tx@marketplace.amazon.com"), "feedback"),
        (tab(FEEDBACK_9), "feedback"),
        (tab(RETURNS_FBM), "returns_fbm"),
        (tab([*RETURNS_FBM, "Category"]), "returns_fbm"),
        (tab(RETURNS_FBA), "returns_fba"),
        (tab(list(reversed(RETURNS_FBA))), "returns_fba"),
        ("\n\n" + tab(FEEDBACK_6), "feedback"),
        (MESSAGES + "\nm1,,,in,2026-11-01T10:00:00Z,Hi,Body,x,false,false\n", "messages"),
        ('"' + MESSAGES.replace(",", '","') + '"\n', "messages"),
        (CLAIMS + "\n", "claims"),
        (json.dumps({"performanceMetrics": [], "accountStatuses": []}), "performance"),
        ('  \n{"accountStatuses": [{"marketplaceId": "X", "status": "NORMAL"}]}', "performance"),
        (EML, "email"),
        ("Received: from mx.example.com\n  by host\nFrom: a@b.c\nSubject: hi\n\nbody\n", "email"),
        ("From MAILER-DAEMON Thu Nov 26 02:15:29 2026\n" + EML, "email"),
    ],
)  # fmt: skip
def test_detects_kind_from_content(tmp_path: Path, content: str, kind: str) -> None:
    path = tmp_path / "report.dat"
    path.write_text(content, encoding="utf-8", newline="")
    assert detect_kind(path) == kind


def test_file_name_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_text(tab(ORDERS_CURRENT), encoding="utf-8")
    assert detect_kind(path) == "orders"


@pytest.mark.parametrize("encoding", ["cp1252", "cp932", "utf-16"])
def test_detects_other_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "o.txt"
    row = "\t".join(
        order_row(ORDERS_CURRENT, product_name="泡立て器" if encoding != "cp1252" else "canelé")
    )
    path.write_bytes(tab(ORDERS_CURRENT, row).encode(encoding))
    assert detect_kind(path) == "orders"


def test_utf16_file_is_detected_and_parsed(tmp_path: Path) -> None:
    path = tmp_path / "o.txt"
    path.write_bytes(tab(ORDERS_CURRENT, "\t".join(order_row(ORDERS_CURRENT))).encode("utf-16"))
    (line,) = report_for(detect_kind(path)).parse(path)
    assert getattr(line, "order_id") == "111-0000001-0000001"  # noqa: B009


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "x.txt: the file is empty."),
        (b"   \r\n\n\t", "x.txt: the file is empty."),
        (b"\xef\xbb\xbf", "x.txt: the file is empty."),
        (b"PK\x03\x04\x14\x00\x00\x00", "x.txt: the file is not a text report."),
        (b"amazon-order-id\x00\tpurchase-date\n", "x.txt: the file is not a text report."),
        (b'{"reports": []}', "x.txt: the file is JSON but not a seller performance report."),
        (b"[1, 2, 3]", "x.txt: the file is JSON but not a seller performance report."),
        (b'{"performanceMetrics": [', "x.txt: the file looks like JSON but is not valid JSON."),
        (b"[" * 100_000, "x.txt: the file is JSON but not a seller performance report."),
    ],
)
def test_refusals(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as caught:
        detect_kind(path)
    assert str(caught.value) == expected


@pytest.mark.parametrize(
    "content",
    [
        "name\tvalue\nx\t1\n",
        "just one line of prose without delimiters\n",
        "a,b,c\n1,2,3\n",
        "Date\tComments\n",  # feedback without Rating / Order ID
        "Subject line, not a header\nmore text\n",
    ],
)
def test_unknown_header_names_the_file_and_the_supported_reports(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "mystery.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        detect_kind(path)
    message = str(caught.value)
    assert message.startswith("mystery.txt, line 1: the header does not match any supported report")
    for name in ("All Orders", "Feedback", "FBM Returns", "FBA Customer Returns", "JSON",
                 ".eml/.mbox", "messages.csv", "claims.csv"):  # fmt: skip
        assert name in message


def test_orders_saved_as_csv_gets_a_specific_refusal(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(",".join(ORDERS_CURRENT) + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        detect_kind(path)
    assert str(caught.value) == (
        "orders.csv, line 1: this looks like an All Orders report saved as comma-separated CSV; "
        "import the tab-delimited file as downloaded from Seller Central."
    )


def test_large_json_is_judged_from_its_head(tmp_path: Path) -> None:
    big = {"accountStatuses": [], "performanceMetrics": [{"pad": "x" * (SNIFF_BYTES * 2)}]}
    path = tmp_path / "perf.json"
    path.write_text(json.dumps(big), encoding="utf-8")
    assert detect_kind(path) == "performance"
    path.write_text(json.dumps({"other": "x" * (SNIFF_BYTES * 2)}), encoding="utf-8")
    with pytest.raises(ImportRefused, match="is JSON but not a seller performance report"):
        detect_kind(path)


def test_only_the_head_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "o.txt"
    row = "\t".join(order_row(ORDERS_CURRENT)) + "\n"
    path.write_text(tab(ORDERS_CURRENT) + row * 2000, encoding="utf-8")
    assert path.stat().st_size > 2 * SNIFF_BYTES
    sizes: list[int] = []
    real_open = Path.open

    class SpyFile:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> SpyFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def read(self, n: int = -1) -> Any:
            sizes.append(n)
            return self.handle.read(n)

    def spy_open(self: Path, *args: Any, **kwargs: Any) -> SpyFile:
        return SpyFile(real_open(self, *args, **kwargs))

    monkeypatch.setattr(Path, "open", spy_open)
    assert detect_kind(path) == "orders"
    assert sizes and all(0 < n <= SNIFF_BYTES for n in sizes)


def test_samples_are_detected(samples: Path) -> None:
    seller = samples / "seller-a"
    found = {p.name: detect_kind(p) for p in seller.iterdir() if p.name != "expected.json"}
    assert found == {
        "orders-1.txt": "orders",
        "orders-2.txt": "orders",
        "feedback.txt": "feedback",
        "returns-fbm.txt": "returns_fbm",
        "returns-fba.txt": "returns_fba",
        "messages.csv": "messages",
        "claims.csv": "claims",
    }
    assert detect_kind(samples / "email" / "inbox.mbox") == "email"
    perf = next((samples / "performance").glob("*.json"))
    assert detect_kind(perf) == "performance"


@pytest.mark.parametrize("kind", ["orders", "feedback", "returns_fbm", "returns_fba"])
def test_each_kind_parses_and_writes_from_its_own_package(kind: str) -> None:
    report = report_for(kind)
    assert report.parse.__module__ == f"storage.reports.{kind}.parse"
    assert report.writer.__module__ == f"storage.reports.{kind}.write"
    assert report.sniff.__module__ == report.parse.__module__


def test_report_table_covers_every_kind_with_names_of_its_own() -> None:
    assert {r.kind for r in REPORTS} == set(REPORT_KINDS)
    names = [r.amazon_name for r in REPORTS]
    assert len(set(names)) == len(names)
    assert all(report_for(r.kind).kind == r.kind for r in REPORTS)


def test_head_cut_inside_a_utf8_character_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text("a" * (SNIFF_BYTES - 1) + "é and more", encoding="utf-8")
    assert read_head(path) == "a" * (SNIFF_BYTES - 1)
