"""Benchmark: importing a large All Orders file, against two baselines.

    python benchmarks/import_orders.py [--rows N] [--profile]

Generates an All Orders file of N rows (current header, ~2 items per order)
in a temporary folder, deleted afterwards, then times, each in its own child
process so each peak RSS is its own:

  parse  our parser alone (storage.reports.orders.parse.parse), for reference;
  (a)    our full import: detect + parse + storage.imports.apply.apply_import
         into a fresh Store (in-memory keyring: the real one is never touched);
         a file this big takes the bulk path, which parses in a child process
         of its own (storage/reports/orders/feed.py): its time is in (a),
         and wait4's peak RSS is the larger of the two processes';
  (b)    raw baseline: csv.reader + one executemany into a plain table;
  (c)    `sqlite-utils insert db.sqlite3 orders file.txt --tsv`.

Goal: (a) >= 0.5 x (b) rows/s and >= 10 x (c). `--profile` prints where the
parser spends its time (cProfile, top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.reports.orders.parse import CURRENT_HEADER  # noqa: E402

HEADER = list(CURRENT_HEADER)

PRODUCTS = [
    ("KT-WHISK", "B0WH1SK001", 'Balloon whisk 12"', "9.49"),
    ("KT-KNIFE", "B0KN1FE001", 'Santoku knife 7"', "39.00"),
    ("KT-SCALE", "B0SCALE001", "Digital kitchen scale, 5 kg", "19.99"),
    ("KT-MOLD", "B0M0LD0001", "Silicone canelé mold (8 cavités)", "14.50"),
    ("KT-TORCH", "B0T0RCH001", "Crème brûlée torch — refillable", "24.00"),
    ("KT-SPAT", "B0SPAT0001", "Silicone spatula set (3)", "12.99"),
]
CITIES = [("Boise", "ID", "83702"), ("Tucson", "AZ", "85701"), ("Austin", "TX", "78701"),
          ("Burlington", "VT", "05401"), ("Portland", "OR", "97201")]  # fmt: skip
STATUSES = ["Shipped"] * 90 + ["Cancelled"] * 5 + ["Unshipped"] * 3 + ["Pending"] * 2


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """N order lines, 1-3 items per order (~2 on average), in purchase-date order."""
    rnd = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    written = 0
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(HEADER) + "\n")
        while written < rows:
            n += 1
            order_id = f"{rnd.randint(111, 114)}-{rnd.randint(0, 9999999):07d}-{n % 10**7:07d}"
            bought = start + timedelta(seconds=n * 17)
            updated = bought + timedelta(hours=rnd.randint(1, 72))
            status = rnd.choice(STATUSES)
            channel = "Amazon" if rnd.random() < 0.6 else "Merchant"
            city, state, postal = rnd.choice(CITIES)
            items = rnd.sample(PRODUCTS, k=min(rnd.choice((1, 2, 3)), rows - written))
            for sku, asin, name, price in items:
                item_status = "Cancelled" if status == "Cancelled" else "Shipped"
                cells = [
                    order_id, "", bought.isoformat(), updated.isoformat(), status, channel,
                    "Amazon.com", "", "Standard", name, sku, asin, item_status, "1", "USD",
                    price, "0.00", "0.00", "", "", "", "", "", city, state, postal, "US",
                    "", "", "false", "", "",
                ]  # fmt: skip
                assert len(cells) == len(HEADER)
                fh.write("\t".join(cells) + "\n")
            written += len(items)


# --- the measured jobs (each runs in a child process) ------------------------


def job_parse(path: Path, _db: Path) -> int:
    from storage.reports.orders.parse import parse

    return sum(1 for _ in parse(path))


def job_full(path: Path, db: Path) -> int:
    _memory_keyring()
    from storage.db import Store
    from storage.imports.apply import apply_import

    store = Store(db)
    outcome = apply_import(store, path, now=datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    if not outcome.ok:
        raise SystemExit(f"import failed: {outcome.error}")
    return outcome.added + outcome.updated + outcome.unchanged


def job_raw(path: Path, db: Path) -> int:
    conn = sqlite3.connect(db)
    with path.open("r", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        columns = ", ".join(f'"{h}" TEXT' for h in header)
        conn.execute(f"CREATE TABLE orders ({columns})")
        marks = ", ".join("?" * len(header))
        with conn:
            conn.executemany(f"INSERT INTO orders VALUES ({marks})", reader)
    count: int = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
    conn.close()
    return count


def _memory_keyring() -> None:
    """Keep the benchmark's PII key in memory, never in the OS keyring."""
    import keyring
    from keyring.backend import KeyringBackend

    items: dict[tuple[str, str], str] = {}

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            return items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            items.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())  # type: ignore[no-untyped-call]


JOBS = {"parse": job_parse, "full": job_full, "raw": job_raw}


def run_child(job: str, path: Path, db: Path) -> None:
    if job in ("full", "parse"):  # module imports are start-up cost, not import speed
        import storage.db  # noqa: F401
        import storage.imports.apply  # noqa: F401
        import storage.reports.orders.parse  # noqa: F401
    started = time.perf_counter()
    rows = JOBS[job](path, db)
    print(json.dumps({"rows": rows, "seconds": time.perf_counter() - started}))


# --- the parent ----------------------------------------------------------------


def measure(argv: list[str]) -> tuple[float, int, str]:
    """Run a child; its wall time, its own peak RSS (KiB, via wait4) and its stdout."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(argv, stdout=out)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed with exit code {proc.returncode}")
    return elapsed, usage.ru_maxrss, text


def profile_parser(path: Path, top: int = 15) -> None:
    from storage.reports.orders.parse import parse

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in parse(path):
        pass
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(top)
    print(buffer.getvalue())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--profile", action="store_true", help="profile the parser with cProfile")
    ap.add_argument("--child", nargs=3, metavar=("JOB", "FILE", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        job, file, db = args.child
        run_child(job, Path(file), Path(db))
        return

    folder = Path(tempfile.mkdtemp(prefix="ahm-bench-"))
    try:
        path = folder / "orders.txt"
        t0 = time.perf_counter()
        generate(path, args.rows)
        size = path.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows ({size:.0f} MB) in {time.perf_counter() - t0:.1f} s")

        results: dict[str, tuple[float, int]] = {}
        me = [sys.executable, str(Path(__file__).resolve()), "--child"]
        for label, job in (("parse", "parse"), ("(a) full import", "full"), ("(b) raw csv", "raw")):
            db = folder / f"{job}.sqlite3"
            _, rss, out = measure([*me, job, str(path), str(db)])
            report = json.loads(out.strip().splitlines()[-1])
            if report["rows"] != args.rows:
                print(f"  note: {label} stored {report['rows']:,} rows")
            results[label] = (report["seconds"], rss)

        cli = shutil.which("sqlite-utils", path=str(Path(sys.executable).parent)) or "sqlite-utils"
        db = folder / "cli.sqlite3"
        seconds, rss, _ = measure([cli, "insert", str(db), "orders", str(path), "--tsv"])
        results["(c) sqlite-utils"] = (seconds, rss)

        print(f"\n{'job':<18}{'seconds':>9}{'rows/s':>12}{'peak RSS':>11}")
        for label, (seconds, rss) in results.items():
            print(f"{label:<18}{seconds:>9.2f}{args.rows / seconds:>12,.0f}{rss / 1024:>8.0f} MB")
        a = results["(a) full import"][0]
        b = results["(b) raw csv"][0]
        c = results["(c) sqlite-utils"][0]
        print(f"\n(a)/(b) speed: {b / a:.2f} (goal >= 0.5)")
        print(f"(a)/(c) speed: {c / a:.1f} (goal >= 10)")
        print(f"parser alone: {results['parse'][0] / a:.0%} of the full import's time")
        if args.profile:
            print("\nparser profile (own time):")
            profile_parser(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
