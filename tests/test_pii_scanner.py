"""Issue 15, "done means": no buyer detail in plaintext in any file the app writes.

Every sample and a set of crafted files full of distinctive personal details (names,
streets, cities, e-mails, phones, relay aliases) are imported; the seller adds notes with
an evidence path and a manual claim; the app backs up, then an injected clock jumps far
past every retention period and the purge runs. After each stage every file under the
data folder (database, WAL, log, backups, temporary copies) is searched for each probe
in UTF-8, UTF-16 and lower case. docs/privacy.md lists what is kept in plaintext (order
ids, SKUs, dates, statuses, verdicts): no probe is among them. After the purge even the
key opens no probe in the live database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from core.model import Claim
from services.backups import BackupPrefs, back_up
from services.claims import add_claim
from services.defects import add_notes
from storage.cipher import PLACEHOLDER
from storage.db import Store
from storage.imports.apply import apply_import
from storage.pii_places import ENCRYPTED
from storage.retention import purge_pii

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=400)
SAMPLES = Path(__file__).parent / "data" / "samples"

PROBES = (
    "Quintessa",
    "Vanderbilt-Okafor",
    "Brookhaven Terrace",
    "Zyzzyvaville",
    "quintessa.probe@example.org",
    "217-555-0143",
    "zq7probe9x",  # the local part of a relay alias
    "Hildegard Schwarzenbeck",
    "Birkenweg",
    "Amandine Lefebvre",
    "probe-evidence-folder",
)
ALIAS = "zq7probe9x@marketplace.amazon.com"
CRAFTED_ORDER = "114-1111111-2222222"
OLD_ORDER = "114-3333333-4444444"


def crafted_files(folder: Path) -> list[Path]:
    """Report files in the formats the app reads, every PII cell holding probes."""
    pii = "Quintessa Vanderbilt-Okafor, 1452 Brookhaven Terrace, Zyzzyvaville, 217-555-0143"
    files = {
        "orders-pii.txt": "\t".join(
            [
                "amazon-order-id",
                "merchant-order-id",
                "purchase-date",
                "last-updated-date",
                "order-status",
                "fulfillment-channel",
                "sales-channel",
                "order-channel",
                "ship-service-level",
                "product-name",
                "sku",
                "asin",
                "item-status",
                "quantity",
                "currency",
                "item-price",
                "item-tax",
                "shipping-price",
                "shipping-tax",
                "gift-wrap-price",
                "gift-wrap-tax",
                "item-promotion-discount",
                "ship-promotion-discount",
                "ship-city",
                "ship-state",
                "ship-postal-code",
                "ship-country",
                "promotion-ids",
                "cpf",
                "is-business-order",
                "purchase-order-number",
                "price-designation",
            ]
        )
        + "\n"
        + "\n".join(
            "\t".join(
                [
                    oid,
                    "",
                    day,
                    day,
                    "Shipped",
                    "Merchant",
                    "Amazon.com",
                    "",
                    "Standard",
                    "Santoku knife",
                    "KT-KNIFE",
                    "B0KN1FE001",
                    "Shipped",
                    "1",
                    "USD",
                    "39.00",
                    "0.00",
                    "0.00",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Zyzzyvaville",
                    "Brookhaven Terrace",
                    "62704",
                    "US",
                    "",
                    "",
                    "false",
                    "",
                    "",
                ]
            )
            for oid, day in (
                (CRAFTED_ORDER, "2026-11-10T10:00:00+00:00"),
                (OLD_ORDER, "2026-06-01T10:00:00+00:00"),
            )
        )
        + "\n",  # fmt: skip
        "feedback-pii.txt": "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
        f"11/12/26\t1\t{pii}\tDear Quintessa Vanderbilt-Okafor\t{CRAFTED_ORDER}\t"
        "quintessa.probe@example.org\n"
        f"6/20/26\t2\tHildegard Schwarzenbeck, Birkenweg 12\tSorry\t{OLD_ORDER}\t"
        "hildegard@example.org\n",
        "messages-pii.csv": "message_id,order_id,thread_id,direction,timestamp,subject,body,"
        "sender,no_response_needed,automated\n"
        f'P-1,,,in,2026-11-19T10:00:00+00:00,Question from Amazon customer Quintessa,"{pii}",'
        f"{ALIAS},false,false\n"
        f"P-2,{OLD_ORDER},,in,2026-06-05T10:00:00+00:00,From Amandine Lefebvre,"
        f'"Amandine Lefebvre, Birkenweg 3",{ALIAS},false,false\n',
        "claims-pii.csv": "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
        "info_requested_at,decided_at,buy_shipping_protected,notes\n"
        f"AZ-P-1,{CRAFTED_ORDER},a-to-z,2026-11-15T00:00:00+00:00,39.00,USD,not_received,"
        f'open,,,false,"Buyer Quintessa Vanderbilt-Okafor phoned from 217-555-0143"\n',
        "returns-fba-pii.txt": "return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity"
        "\tfulfillment-center-id\tdetailed-disposition\treason\tstatus\tlicense-plate-number"
        "\tcustomer-comments\n"
        f"2026-11-16T08:00:00+00:00\t{CRAFTED_ORDER}\tKT-KNIFE\tB0KN1FE001\tX00PROBE01\t"
        f"Santoku knife\t1\tLEX1\tCUSTOMER_DAMAGED\tDEFECTIVE\tUnit returned to inventory\t"
        f"LPNPROBE0001\t{pii}\n",
        "inbox-pii.mbox": "From MAILER-DAEMON Thu Nov 19 02:15:29 2026\n"
        f'From: "Quintessa Vanderbilt-Okafor" <{ALIAS}>\n'
        "To: orders@northwind-kitchen.example\n"
        f"Subject: Delivery inquiry from Amazon customer Quintessa (Order: {CRAFTED_ORDER})\n"
        "Date: Thu, 19 Nov 2026 09:12:00 +0000\n"
        'Content-Type: text/plain; charset="utf-8"\n\n'  # no Message-ID: a content digest
        f"{pii}\n\n",
    }
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def encodings(probe: str) -> Iterator[bytes]:
    for text in {probe, probe.lower()}:
        for codec in ("utf-8", "utf-16-le", "utf-16-be"):
            yield text.encode(codec)


def leaks(folder: Path) -> list[str]:
    """'file: probe' for every probe found in any file under `folder`."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        lowered = data.lower()
        for probe in PROBES:
            if any(e in data or e in lowered for e in encodings(probe)):
                found.append(f"{path.name}: {probe}")
    return found


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    """The data folder, with the app's log in it as main.py sets it up."""
    folder = tmp_path / "data"
    folder.mkdir()
    handler = logging.FileHandler(folder / "account-health-monitor.log", encoding="utf-8")
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield folder
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


def test_no_probe_in_plaintext_in_any_file_and_none_left_after_the_purge(
    data: Path, tmp_path: Path
) -> None:
    store = Store(data / "ahm.sqlite3")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    readable = (".txt", ".csv", ".json", ".mbox")
    files = sorted(
        p for p in SAMPLES.rglob("*") if p.suffix in readable and p.name != "expected.json"
    )
    outcomes = [apply_import(store, p, now=NOW) for p in [*files, *crafted_files(inputs)]]
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
    add_notes(
        store,
        "claim",
        "AZ-P-1",
        NOW,
        [("Quintessa sent photos", "/home/s/probe-evidence-folder/Quintessa.jpg")],
    )
    add_claim(
        store,
        Claim(
            "AZ-P-2", OLD_ORDER, "a-to-z", NOW - timedelta(days=150), "not_received", "denied",
            amount=Decimal("5.00"), currency="USD", decided_at=NOW - timedelta(days=140),
            notes="Hildegard Schwarzenbeck called",
        ),
    )  # fmt: skip
    assert leaks(data) == []  # encrypted at rest, from the first write

    made = back_up(store, BackupPrefs(), NOW)
    assert made.path.is_relative_to(data)
    assert leaks(data) == []

    assert purge_pii(store.db, LATER, cipher=store.cipher) > 0
    back_up(store, BackupPrefs(), LATER)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert leaks(data) == []

    # The key opens nothing personal in the live database any more.
    cipher = store.cipher
    left = []
    for e in ENCRYPTED:
        for key, blob in store.db.execute(
            f"SELECT {e.key_sql}, {e.column} FROM {e.table} WHERE {e.column} IS NOT NULL"
        ):
            text = cipher.decrypt_field(blob, e.table, e.column, key)
            assert text != PLACEHOLDER
            left += [f"{e.table}.{e.column}: {p}" for p in PROBES if p.lower() in text.lower()]
    assert left == []
    store.close()


def test_a_refused_file_leaves_no_probe_in_plaintext(data: Path, tmp_path: Path) -> None:
    store = Store(data / "ahm.sqlite3")
    bad = tmp_path / "messages-bad.csv"
    bad.write_text(
        "message_id,order_id,thread_id,direction,timestamp,subject,body,sender,"
        "no_response_needed,automated\n"
        f"P-9,,,in,Refund inquiry from Quintessa Vanderbilt-Okafor,hello,{ALIAS},false,false\n",
        encoding="utf-8",
    )
    assert not apply_import(store, bad, now=NOW).ok
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert leaks(data) == []
    store.close()
