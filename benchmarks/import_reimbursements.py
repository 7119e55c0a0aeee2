"""Benchmark: a year of a seller's FBA and payment reports as real files, imported, then the finder.

    .venv/bin/python benchmarks/import_reimbursements.py [--scale 1.0] [--runs 3] [--keep DIR]

The year is benchmarks/reimbursements_finder.py's (200,000 orders over 2,000 SKUs at
scale 1), written the way Seller Central writes it: All Orders, biweekly settlement
flat files (v2: three amount rows per order item and per refund), a Date Range report
of the refunds, monthly inventory ledgers (shipments, receipts, adjustments, customer
returns), the adjustments report, FBA customer returns, reimbursements, removal order
detail and a month of Amazon Fulfilled Shipments (with buyer PII, encrypted). They are
imported into a fresh database (key in a file in the temporary folder), each report
kind timed; then the finder runs over the stored data (loading its inputs from
SQLite, then `find_cases`), the median of `--runs`.

Prints rows per second per report kind (every row of the files, also those not kept)
and the finder's times. How the finder alone scales with the number of events is
benchmarks/reimbursements_finder.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from benchmarks import reimbursements_finder as finder_bench  # noqa: E402
from core.reimbursements import find_cases  # noqa: E402
from storage.reports.orders.parse import CURRENT_HEADER  # noqa: E402

AS_OF = finder_bench.AS_OF
TAB = "\t"


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(TAB.join(header) + "\n")
        for row in rows:
            fh.write(TAB.join(row) + "\n")
            n += 1
    return n


def _money(value: object) -> str:
    return "" if value is None else str(value)


def _ts(at: datetime) -> str:
    return at.isoformat()


class Files:
    """Writes one Year as report files in `folder`; `rows[kind]` counts the data rows."""

    def __init__(self, year: finder_bench.Year, folder: Path) -> None:
        self.year, self.folder = year, folder
        self.rows: dict[str, int] = defaultdict(int)
        self.paths: dict[str, list[Path]] = defaultdict(list)

    def add(
        self, kind: str, name: str, header: Sequence[str], rows: Iterable[Sequence[str]]
    ) -> None:
        path = self.folder / name
        self.rows[kind] += _write(path, header, rows)
        self.paths[kind].append(path)

    def write_all(self) -> None:
        self.orders()
        self.settlements()
        self.date_range()
        self.ledgers()
        y = self.year
        self.add(
            "adjustments",
            "adjustments.txt",
            ["adjusted-date", "transaction-item-id", "fnsku", "sku", "product-name",
             "fulfillment-center-id", "quantity", "reason", "disposition"],
            ([f"{e.event_date}T12:00:00+00:00", e.reference_id, e.fnsku, e.sku, "Item",
              "LEX1", str(e.quantity), e.reason, "SELLABLE"]
             for e in y.events if e.source == "adjustments"),
        )  # fmt: skip
        self.add(
            "returns_fba",
            "fba-returns.txt",
            ["return-date", "order-id", "sku", "asin", "fnsku", "product-name", "quantity",
             "fulfillment-center-id", "detailed-disposition", "reason", "status",
             "license-plate-number", "customer-comments"],
            ([_ts(r.return_date), r.order_id, r.sku, "B0", r.fnsku, "Item", str(r.quantity),
              "LEX1", r.detailed_disposition, "", "Unit returned to inventory",
              f"LPN{i:09d}", ""] for i, r in enumerate(y.returns)),
        )  # fmt: skip
        self.add(
            "reimbursements",
            "reimbursements.txt",
            ["approval-date", "reimbursement-id", "case-id", "amazon-order-id", "reason", "sku",
             "fnsku", "asin", "product-name", "condition", "currency-unit", "amount-per-unit",
             "amount-total", "quantity-reimbursed-cash", "quantity-reimbursed-inventory",
             "quantity-reimbursed-total", "original-reimbursement-id",
             "original-reimbursement-type"],
            ([_ts(r.approved_at), r.reimbursement_id, "", r.order_id, r.reason, r.sku, r.fnsku,
              "B0", "Item", "New", r.currency, _money(r.amount_per_unit), "",
              str(r.quantity_cash), "0", str(r.quantity_total), r.original_reimbursement_id,
              r.original_reimbursement_type] for r in y.paid),
        )  # fmt: skip
        self.add(
            "removals",
            "removals.txt",
            ["request-date", "order-id", "order-type", "service-speed", "order-status",
             "last-updated-date", "sku", "fnsku", "disposition", "requested-quantity",
             "cancelled-quantity", "disposed-quantity", "shipped-quantity",
             "in-process-quantity", "removal-fee", "currency"],
            ([_ts(r.request_date), r.order_id, "Return", "Standard", r.status,
              _ts(r.request_date), r.sku, r.fnsku, "Sellable", str(r.requested_quantity), "0",
              "0", str(r.shipped_quantity), "0", "5.20", "USD"] for r in y.removals),
        )  # fmt: skip
        self.shipments()

    def orders(self) -> None:
        header = list(CURRENT_HEADER)
        at = {name: i for i, name in enumerate(header)}

        def line(o: finder_bench.OrderItem) -> list[str]:
            cells = [""] * len(header)
            for name, value in (
                ("amazon-order-id", o.order_id), ("purchase-date", _ts(o.purchased_at)),
                ("last-updated-date", _ts(o.purchased_at + timedelta(days=1))),
                ("order-status", o.status), ("item-status", o.status),
                ("fulfillment-channel", "Amazon" if o.channel == "afn" else "Merchant"),
                ("sales-channel", "Amazon.com"), ("ship-service-level", "Standard"),
                ("product-name", "Item"), ("sku", o.sku), ("asin", "B0" + o.sku[-8:]),
                ("quantity", str(o.quantity)), ("currency", "USD"),
                ("item-price", _money(o.item_price)), ("ship-city", "Boise"),
                ("ship-state", "ID"), ("ship-postal-code", "83702"), ("ship-country", "US"),
                ("is-business-order", "false"),
            ):  # fmt: skip
                cells[at[name]] = value
            return cells

        self.add("orders", "all-orders.txt", header, (line(o) for o in self.year.items))

    def settlements(self) -> None:
        """Biweekly v2 files: the order items' amount rows and the refunds' amount rows."""
        header = ["settlement-id", "settlement-start-date", "settlement-end-date",
                  "deposit-date", "total-amount", "currency", "transaction-type", "order-id",
                  "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
                  "amount-type", "amount-description", "amount", "fulfillment-id",
                  "posted-date", "posted-date-time", "order-item-code", "merchant-order-item-id",
                  "merchant-adjustment-item-id", "sku", "quantity-purchased", "promotion-id"]  # fmt: skip
        periods: dict[int, list[list[str]]] = defaultdict(list)
        first = finder_bench.FIRST
        for o in self.year.items:
            if o.cancelled:
                continue
            day = o.purchased_at.date()
            afn = "AFN" if o.channel == "afn" else "MFN"
            for kind, name, amount in (("ItemPrice", "Principal", o.item_price),
                                       ("ItemFees", "Commission", None),
                                       ("ItemFees", "FBAPerUnitFulfillmentFee", None)):  # fmt: skip
                periods[(day - first).days // 14].append(
                    ["", "", "", "", "", "", "Order", o.order_id, "", "", "", "Amazon.com", kind,
                     name, _money(amount) or "-1.50", afn, day.isoformat(), "",
                     f"C{o.order_id}", "", "", o.sku, str(o.quantity), ""]
                )  # fmt: skip
        for r in self.year.refunds:
            periods[(r.posted_date - first).days // 14].append(
                ["", "", "", "", "", "", "Refund", r.order_id, "", r.adjustment_id, "",
                 "Amazon.com", r.amount_type, r.amount_description, _money(r.amount),
                 "AFN" if r.channel == "afn" else "MFN", r.posted_date.isoformat(), "",
                 r.order_item_code, "", "", r.sku, str(r.quantity), ""]
            )  # fmt: skip
        for n, rows in sorted(periods.items()):
            summary = [f"S{n:04d}", "", "", "", "0", "USD"] + [""] * (len(header) - 6)
            self.add("settlement", f"settlement-{n:02d}.txt", header, [summary, *rows])

    def date_range(self) -> None:
        header = ["date/time", "settlement id", "type", "order id", "sku", "description",
                  "quantity", "marketplace", "fulfillment", "total"]  # fmt: skip
        path = self.folder / "date-range.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write('"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon '
                     'Webstore transactions"\n"All amounts in USD, unless specified"\n')  # fmt: skip
            fh.write(",".join(f'"{h}"' for h in header) + "\n")
            for r in self.year.ranged:
                local = r.posted_at - timedelta(hours=7)
                when = f"{local:%b} {local.day}, {local.year} {local:%I:%M:%S %p} PDT"
                cells = [when, "S1", "Refund", r.order_id, r.sku, "Item", str(r.quantity),
                         "amazon.com", "Amazon" if r.channel == "afn" else "Seller", "-9.99"]  # fmt: skip
                fh.write(",".join(f'"{c}"' for c in cells) + "\n")
                self.rows["date_range"] += 1
        self.paths["date_range"].append(path)

    def ledgers(self) -> None:
        header = ["Date", "FNSKU", "ASIN", "MSKU", "Title", "EventType", "ReferenceID",
                  "Quantity", "FulfillmentCenter", "Disposition", "Reason", "Country",
                  "ReconciledQuantity", "UnreconciledQuantity"]  # fmt: skip
        months: dict[int, list[list[str]]] = defaultdict(list)
        for e in self.year.events:
            if e.source != "ledger":
                continue
            d = e.event_date
            months[d.month].append(
                [f"{d:%m/%d/%Y}", e.fnsku, "B0", e.sku, "Item", e.event_type, e.reference_id,
                 str(e.quantity), "LEX1", "SELLABLE", e.reason, "US", "0", "0"]
            )  # fmt: skip
        for month, rows in sorted(months.items()):
            self.add("ledger", f"ledger-{month:02d}.txt", header, rows)

    def shipments(self) -> None:
        """The last 30 days of FBA order items, with the buyer's name, e-mail and address."""
        header = ["amazon-order-id", "shipment-id", "shipment-item-id", "purchase-date",
                  "shipment-date", "buyer-email", "buyer-name", "buyer-phone-number", "sku",
                  "quantity-shipped", "currency", "item-price", "recipient-name",
                  "ship-address-1", "ship-city", "ship-state", "ship-postal-code",
                  "ship-country", "tracking-number", "estimated-arrival-date",
                  "fulfillment-channel", "sales-channel"]  # fmt: skip
        since = AS_OF - timedelta(days=30)
        rows = (
            [o.order_id, f"D{i}", f"I{i}", _ts(o.purchased_at),
             _ts(o.purchased_at + timedelta(hours=20)), f"b{i}@marketplace.amazon.com",
             f"Buyer {i}", "+1 208-555-0100", o.sku, str(o.quantity), "USD",
             _money(o.item_price), f"Buyer {i}", f"{i} Main St", "Boise", "ID", "83702", "US",
             f"TBA{i:012d}", _ts(o.purchased_at + timedelta(days=3)), "Amazon", "Amazon.com"]
            for i, o in enumerate(self.year.items)
            if o.channel == "afn" and o.purchased_at >= since and not o.cancelled
        )  # fmt: skip
        self.add("shipments", "shipments.txt", header, rows)


def import_all(files: Files, db_path: Path) -> None:
    from storage.db import Store
    from storage.imports.apply import apply_import

    store = Store(db_path)
    now = AS_OF
    order = ("orders", "settlement", "date_range", "ledger", "adjustments", "returns_fba",
             "reimbursements", "removals", "shipments")  # fmt: skip
    print(f"{'report':<15} {'files':>5} {'rows':>10} {'kept':>9} {'seconds':>8} {'rows/s':>9}")
    total_rows, total_time = 0, 0.0
    for kind in order:
        start = time.perf_counter()
        kept = 0
        for path in files.paths[kind]:
            outcome = apply_import(store, path, now=now)
            if not outcome.ok:
                raise SystemExit(f"{path.name}: {outcome.error}")
            kept += outcome.added
        took = time.perf_counter() - start
        rows = files.rows[kind]
        total_rows, total_time = total_rows + rows, total_time + took
        print(
            f"{kind:<15} {len(files.paths[kind]):>5} {rows:>10,} {kept:>9,} {took:>8.1f}"
            f" {rows / took:>9,.0f}"
        )
    print(f"{'all':<15} {'':>5} {total_rows:>10,} {'':>9} {total_time:>8.1f}"
          f" {total_rows / total_time:>9,.0f}")  # fmt: skip
    start = time.perf_counter()
    for path in files.paths["ledger"]:
        apply_import(store, path, now=now)
    print(f"re-importing the ledgers (nothing changes): {time.perf_counter() - start:.1f} s")
    store.close()


def run_finder(db_path: Path, runs: int) -> None:
    from storage.db import Store
    from storage.repository.reimbursement_inputs import load_finder_inputs
    from storage.repository.settings import load_reimbursement_settings

    store = Store(db_path)
    settings = load_reimbursement_settings(store.db)
    loads, finds, load_cpu, find_cpu = [], [], [], []
    cases, rows = 0, 0
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        inputs = load_finder_inputs(store.db, AS_OF, settings.value_lookback_days)
        loaded, loaded_cpu = time.perf_counter(), time.process_time()
        cases = len(find_cases(inputs, AS_OF, settings))
        loads.append(loaded - start)
        finds.append(time.perf_counter() - loaded)
        load_cpu.append(loaded_cpu - cpu)
        find_cpu.append(time.process_time() - loaded_cpu)
        rows = sum(
            len(x)
            for x in (inputs.settlement_refunds, inputs.date_range_refunds, inputs.fba_returns,
                      inputs.reimbursements, inputs.inventory_events, inputs.removals,
                      inputs.order_items)
        )  # fmt: skip
    load, find = statistics.median(loads), statistics.median(finds)
    print(f"finder over the stored data: {rows:,} rows read, {cases:,} cases")
    print(f"  wall: load inputs {load:.2f} s + find_cases {find:.2f} s = {load + find:.2f} s"
          f" (median of {runs})")  # fmt: skip
    lc, fc = statistics.median(load_cpu), statistics.median(find_cpu)
    print(f"  CPU:  load inputs {lc:.2f} s + find_cases {fc:.2f} s = {lc + fc:.2f} s")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 200,000 orders")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="write the files here, keep them")
    args = parser.parse_args()
    finder_bench.ORDERS = int(200_000 * args.scale)
    start = time.perf_counter()
    year = finder_bench.Year(1)
    with tempfile.TemporaryDirectory(prefix="ahm-reimb-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = Files(year, folder)
        files.write_all()
        size = sum(p.stat().st_size for paths in files.paths.values() for p in paths)
        print(
            f"Python {sys.version.split()[0]}; {finder_bench.ORDERS:,} orders, "
            f"{finder_bench.SKUS:,} SKUs, {sum(files.rows.values()):,} rows in "
            f"{sum(len(p) for p in files.paths.values())} files ({size / 1e6:.0f} MB), "
            f"written in {time.perf_counter() - start:.0f} s"
        )
        del year
        db = Path(tmp) / "bench.sqlite3"
        import_all(files, db)
        run_finder(db, args.runs)


if __name__ == "__main__":
    main()
