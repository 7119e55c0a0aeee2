"""Soak test: imports under load lose nothing and half-import nothing (issue 20).

    .venv/bin/python benchmarks/soak_imports.py [--minutes 10] [--watch-seconds 10]
        [--grace-seconds 60] [--read-seconds 3] [--big-rows 400000] [--seed 20]
        [--keep DIR] [--json]

Not part of the test run. For --minutes these run side by side, each in its own process:

  app   the background jobs, headless: gui.scheduler.JobRunner with the real APScheduler,
        the health feed and the notifier (no tray) on an offscreen QApplication, watching
        a folder every --watch-seconds (the app's own interval is 30 s);
  drop  drops ~150 report files (the sample seller cut into pieces, overlapping pieces,
        copies under new names) into the folder: in bursts, as slow downloads under
        their final name that pause longer than two polls at any byte (so a file is seen
        half written, and grows afterwards), as partial downloads (.crdownload) renamed
        when done, and bad files (an unknown header, binary, JSON and CSV cut for good);
  cli   imports other pieces with `main.py import`, and now and then a large All Orders
        file (--big-rows lines) that holds the write lock longer than the 5 s busy timeout;
  read  `metrics --json` (the CLI command, in-process) every --read-seconds, timed.

Then the folder is left to settle (a file that stays cut short is offered after
--grace-seconds instead of the app's 10 minutes), the app stops, and the final content
of every file is imported one at a time into a fresh database with the same key.
Every data table is compared row for row (rows only in one of them are
mismatches), ignoring import ids, import times (imported_at, first_seen_at, seen_at) and
surrogate ids, reading encrypted fields decrypted; old buyer data is erased in both at the
same instant first (the app's nightly purge job is off during the run). Printed: files, imports, retries,
lock waits, durations, warnings, mismatches; --json prints the same as JSON. The work
folder is deleted unless --keep DIR is given.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # key file beside the db
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLES = ROOT / "tests" / "data" / "samples"
SKIPPED_TABLES = {
    "imports", "watched_files", "warnings", "metric_snapshots", "metric_days", "settings",
    "review_log", "sqlite_sequence",
}  # fmt: skip
"""Bookkeeping of the runs themselves and what the app's jobs compute from the data (the
snapshots, the daily history the reference never computes), not imported data."""
IGNORED_COLUMNS = {
    "import_id", "imported_at", "first_seen_at", "seen_at", "id", "snapshot_id", "pii_purged_at",
}  # fmt: skip


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else 0.0


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, default=str))
    tmp.replace(path)


# --- the files -----------------------------------------------------------------------


def _lines(path: Path) -> tuple[bytes, list[bytes]]:
    """Header and rows as bytes (the samples' encodings and line ends stay as they are)."""
    lines = path.read_bytes().splitlines(keepends=True)
    return lines[0], [line for line in lines[1:] if line.strip()]


def _pieces(rows: list[bytes], size: int, key: Callable[[bytes], bytes]) -> list[list[bytes]]:
    """Rows in pieces of about `size` keys; the rows of one key stay in one piece."""
    groups: dict[bytes, list[bytes]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    keys = list(groups)
    return [sum((groups[k] for k in keys[i : i + size]), []) for i in range(0, len(keys), size)]


def _first_cell(sep: bytes) -> Callable[[bytes], bytes]:
    return lambda row: row.split(sep, 1)[0]


def build_files(
    work: Path, rnd: random.Random, big_rows: int
) -> tuple[list[dict[str, Any]], list[Path]]:
    """The drop plan (watched folder) and the CLI's files, written under work/pool."""
    pool = work / "pool"
    pool.mkdir()
    seller = SAMPLES / "seller-a"
    pieces: list[tuple[str, bytes]] = []  # (file name, content)
    tab = _first_cell(b"\t")
    for name, size, key in [
        ("orders-1.txt", 25, tab), ("orders-2.txt", 25, tab), ("feedback.txt", 10, lambda r: r),
        ("returns-fbm.txt", 8, tab), ("returns-fba.txt", 8, lambda r: r),
        ("claims.csv", 3, _first_cell(b",")), ("messages.csv", 30, _first_cell(b",")),
    ]:  # fmt: skip
        header, rows = _lines(seller / name)
        stem, ext = name.rsplit(".", 1)
        for n, part in enumerate(_pieces(rows, size, key), 1):
            pieces.append((f"{stem}-{n:02d}.{ext}", header + b"".join(part)))
    mbox = (SAMPLES / "email" / "inbox.mbox").read_bytes()
    messages = [b"From " + m for m in mbox.split(b"\nFrom ") if m]
    messages[0] = messages[0].removeprefix(b"From ")
    for n in range(0, len(messages), 2):
        pieces.append((f"inbox-{n // 2 + 1:02d}.mbox", b"\n".join(messages[n : n + 2]) + b"\n"))
    perf = (SAMPLES / "performance" / "seller-performance-2026-11-20.json").read_bytes()
    pieces.append(("seller-performance.json", perf))
    rnd.shuffle(pieces)
    cli_count = max(1, len(pieces) // 5)
    cli_pieces, watch_pieces = pieces[:cli_count], pieces[cli_count:]

    drops: list[tuple[str, bytes]] = list(watch_pieces)
    by_kind: dict[str, list[bytes]] = {}
    for name, data in watch_pieces:
        by_kind.setdefault(name.rsplit("-", 1)[0], []).append(data)
    for n in range(28):  # overlapping pieces: the rows of two, the same values
        kind = rnd.choice(
            [k for k, v in by_kind.items() if len(v) > 1 and not k.startswith(("inbox", "seller"))]
        )
        a, b = rnd.sample(by_kind[kind], 2)
        drops.append((f"{kind}-both-{n:02d}{_ext(kind)}", a + b.split(b"\n", 1)[1]))
    for n, (name, data) in enumerate(rnd.sample(watch_pieces, 20)):
        stem, ext = name.rsplit(".", 1)
        drops.append((f"{stem} ({n + 1}).{ext}", data))  # a copy under a new name
    claims_header, claims_rows = _lines(seller / "claims.csv")
    bad = [
        ("junk.csv", b"what,is,this\n1,2,3\n"),
        ("photo.jpg", bytes(rnd.randrange(256) for _ in range(4000))),
        ("orders-as-csv.csv", _lines(seller / "orders-1.txt")[0].replace(b"\t", b",") + b"1,2\n"),
        ("performance-cut.json", perf[: len(perf) // 2]),
        ("claims-cut.csv", claims_header + claims_rows[0] + claims_rows[1][:20]),
        ("empty.txt", b""),
    ]
    drops += bad
    plan: list[dict[str, Any]] = []
    for name, data in drops:
        src = pool / "watch" / name
        src.parent.mkdir(exist_ok=True)
        src.write_bytes(data)
        how = rnd.choices(["instant", "slow", "partial"], weights=[60, 25, 15])[0]
        if (name, data) in bad:
            how = "instant"
        plan.append({"name": name, "source": str(src), "how": how, "bad": (name, data) in bad})
    cli_files: list[Path] = []
    for name, data in cli_pieces:
        path = pool / "cli" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        cli_files.append(path)
    for n in range(3 if big_rows else 0):
        big = pool / "cli" / f"all-orders-big-{n + 1}.txt"
        _big_orders(big, big_rows, 115 + n, rnd)
        cli_files.insert(min(len(cli_files), (n + 1) * len(cli_files) // 4 + n), big)
    return plan, cli_files


def _ext(kind: str) -> str:
    return ".csv" if kind in ("claims", "messages") else ".txt"


def _big_orders(path: Path, rows: int, prefix: int, rnd: random.Random) -> None:
    """An All Orders file whose order ids no other file uses (`prefix`-...)."""
    from storage.reports.orders.parse import CURRENT_HEADER

    start = datetime(2026, 6, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(CURRENT_HEADER) + "\n")
        for n in range(rows):
            bought = start + timedelta(seconds=n * 13)
            cells = [f"{prefix}-{n:07d}-{rnd.randrange(10**7):07d}", "", bought.isoformat(),
                     (bought + timedelta(hours=5)).isoformat(), "Shipped", "Amazon",
                     "Amazon.com", "", "Standard", "Balloon whisk 12\"", "KT-WHISK",
                     "B0WH1SK001", "Shipped", "1", "USD", "9.49", "0.00", "0.00", "", "", "",
                     "", "", "Boise", "ID", "83702", "US", "", "", "false", "", ""]  # fmt: skip
            fh.write("\t".join(cells) + "\n")


# --- the roles (each in its own process) ---------------------------------------------


def role_app(work: Path, args: argparse.Namespace) -> None:
    """The background jobs as the tray app runs them, until work/stop appears."""
    import logging

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import gui.scheduler as scheduler
    import storage.watch_folder as watch_folder
    from core.clock import system_clock
    from gui.bridge import Bridge
    from gui.health_feed import HealthFeed
    from gui.notifications import Notifier
    from storage.db import Store

    scheduler.WATCH_SECONDS = args.watch_seconds
    watch_folder.INCOMPLETE_GRACE = timedelta(seconds=args.grace_seconds)
    stats: dict[str, Any] = {"imported": 0, "refused": 0, "passes": [], "lock_waits": 0,
                             "job_failures": [], "warnings_raised": set()}  # fmt: skip

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "wait for another import" in record.getMessage():
                stats["lock_waits"] += 1

    logging.getLogger("services.jobs").addHandler(Count())
    logging.getLogger("services.jobs").setLevel(logging.INFO)
    app = QApplication([])
    store = Store(work / "soak.sqlite3")
    bridge = Bridge()
    runner = scheduler.JobRunner(store, bridge, system_clock, local_tz=UTC)
    feed = HealthFeed(store, bridge, system_clock)
    feed.runner = runner
    notifier = Notifier(store, bridge, None, system_clock, local_tz=UTC)
    # Off: erasing old buyer data depends on when each file came in (an order's dispute
    # keeps its PII), so the reference could not follow it; the comparison erases at the end.
    runner.jobs["purge"] = lambda: None
    poll = runner.jobs["watch"]

    def timed_poll() -> object:
        started = time.monotonic()
        try:
            return poll()
        finally:
            stats["passes"].append(time.monotonic() - started)

    runner.jobs["watch"] = timed_poll
    bridge.import_finished.connect(
        lambda o: stats.__setitem__(
            "imported" if o.ok else "refused", stats["imported" if o.ok else "refused"] + 1
        )
    )
    bridge.job_failed.connect(lambda name, text: stats["job_failures"].append(f"{name}: {text}"))
    bridge.alerts_raised.connect(
        lambda alerts: stats["warnings_raised"].update(
            a.key for a in alerts if a.key.startswith("import.refused.")
        )
    )
    runner.start()
    timer = QTimer()

    def check() -> None:
        if (work / "stop").exists():
            timer.stop()
            runner.shutdown(wait=True)
            app.quit()

    timer.timeout.connect(check)
    timer.start(500)
    app.exec()
    del feed, notifier  # kept alive for the run: they listen to the bridge
    open_alerts = runner.current_alerts([], system_clock())
    stats["warnings_open_at_end"] = sorted(a.key for a in open_alerts)
    stats["warnings_raised"] = sorted(stats["warnings_raised"])
    _write_json(work / "app.json", stats)


def role_drop(work: Path, args: argparse.Namespace) -> None:
    """Drop the planned files into the watched folder over the run."""
    plan = json.loads((work / "plan.json").read_text())
    rnd = random.Random(args.seed + 1)
    watch = work / "watch"
    span = args.minutes * 60 * 0.8
    pause = args.watch_seconds * 2.5  # longer than two polls: the half file is seen settled
    starts = sorted(rnd.uniform(0, span) for _ in plan)
    for n in range(0, len(starts), 8):  # bursts: every eighth file brings a few at once
        if rnd.random() < 0.5:
            for k in range(n, min(n + rnd.randint(3, 8), len(starts))):
                starts[k] = starts[n]
    began = time.monotonic()
    threads: list[threading.Thread] = []

    def drop(item: dict[str, Any]) -> None:
        data = Path(item["source"]).read_bytes()
        final = watch / item["name"]
        if item["how"] == "instant" or len(data) < 64:
            final.write_bytes(data)
            return
        target = final.with_name(final.name + ".crdownload") if item["how"] == "partial" else final
        cuts = sorted(rnd.sample(range(1, len(data)), k=min(len(data) - 1, rnd.randint(2, 6))))
        long_at = rnd.choice(cuts) if rnd.random() < 0.7 else -1
        with target.open("wb") as fh:
            last = 0
            for cut in [*cuts, len(data)]:
                fh.write(data[last:cut])
                fh.flush()
                last = cut
                time.sleep(pause if cut == long_at else rnd.uniform(0.2, args.watch_seconds * 0.8))
        if target != final:
            target.rename(final)

    for item, at in zip(plan, starts, strict=True):
        time.sleep(max(0.0, at - (time.monotonic() - began)))
        thread = threading.Thread(target=drop, args=(item,))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    _write_json(work / "drop.json", {"files": len(plan), "seconds": time.monotonic() - began})


def role_cli(work: Path, args: argparse.Namespace) -> None:
    """`main.py import` of the CLI's files, timed: the small ones one after another every
    few seconds; each large one alongside them, with a small one right after it starts."""
    files = [Path(p) for p in json.loads((work / "cli.json.plan").read_text())]
    small = [f for f in files if not f.name.startswith("all-orders-big")]
    big = [f for f in files if f.name.startswith("all-orders-big")]
    span = args.minutes * 60 * 0.85
    gap = span / max(1, len(small))
    big_at = {round((n + 1) * len(small) / (len(big) + 1)): f for n, f in enumerate(big)}
    runs: list[dict[str, Any]] = []
    threads: list[threading.Thread] = []

    def one(path: Path) -> None:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(work / "soak.sqlite3"), "import", str(path)],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        runs.append({
            "file": path.name, "code": done.returncode, "seconds": time.monotonic() - started,
            "waited": "waiting for another import to finish" in done.stderr,
            "out": done.stdout.strip(), "err": done.stderr.strip()[-300:],
        })  # fmt: skip

    began = time.monotonic()
    for n, path in enumerate(small):
        time.sleep(max(0.0, n * gap - (time.monotonic() - began)))
        if n in big_at:
            threads.append(threading.Thread(target=one, args=(big_at[n],)))
            threads[-1].start()
            time.sleep(2.0)
        one(path)
    for thread in threads:
        thread.join()
    _write_json(work / "cli.json", runs)


def role_read(work: Path, args: argparse.Namespace) -> None:
    """`metrics --json` every few seconds, until work/stop appears."""
    from cli.commands import run
    from cli.parser import build_parser

    times: list[float] = []
    failures: list[str] = []
    db = work / "soak.sqlite3"
    command = build_parser().parse_args(["--db", str(db), "metrics", "--json"])
    while not (work / "stop").exists():
        started = time.monotonic()
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = run(command, db)
            if code != 0 or "metrics" not in json.loads(out.getvalue()):
                failures.append(f"exit {code}: {err.getvalue().strip()[-200:]}")
        except Exception as exc:  # a failed read is a figure, not the end of the run
            failures.append(repr(exc))
        times.append(time.monotonic() - started)
        time.sleep(args.read_seconds)
    _write_json(work / "read.json", {"times": times, "failures": failures})


# --- settling, the reference import and the comparison ---------------------------------


def settled(work: Path) -> bool:
    """Every file in the folder is recorded as it is now (imported, refused or duplicate)."""
    from storage.watch_folder import is_candidate

    conn = sqlite3.connect(work / "soak.sqlite3", timeout=30)
    try:
        for entry in (work / "watch").iterdir():
            st = entry.stat()
            if not is_candidate(entry) or st.st_size == 0:
                continue
            row = conn.execute(
                "SELECT 1 FROM watched_files WHERE path = ? AND size = ? AND mtime = ?",
                [str(entry), st.st_size, st.st_mtime],
            ).fetchone()
            if row is None:
                return False
        return True
    finally:
        conn.close()


def reference(work: Path, files: list[Path]) -> dict[str, Any]:
    """The same files, one at a time, into a fresh database with the same key (keyed ids
    and thread ids derive from the key alone since PII format 1: no salt to copy)."""
    from storage.db import Store
    from storage.imports.apply import apply_import

    soak, ref = work / "soak.sqlite3", work / "ref.sqlite3"
    shutil.copy(soak.with_name(soak.name + ".key"), ref.with_name(ref.name + ".key"))
    store = Store(ref)
    started = time.monotonic()
    outcomes = [apply_import(store, f, now=datetime.now(UTC)) for f in files]
    store.close()
    return {
        "files": len(files),
        "ok": sum(o.ok for o in outcomes),
        "refused": sorted(o.file for o in outcomes if not o.ok),
        "seconds": round(time.monotonic() - started, 1),
    }


def compare(work: Path) -> dict[str, Any]:
    """Rows only in the soak's database or only in the reference, table by table."""
    from storage.cipher import PiiCipher
    from storage.db import Store
    from storage.keys import KeyStore
    from storage.retention import purge_pii

    soak = work / "soak.sqlite3"
    now = datetime.now(UTC)
    for path in (soak, work / "ref.sqlite3"):  # the app's purge ran while files came in
        with Store(path) as store:
            purge_pii(store.db, now)
    cipher = PiiCipher(KeyStore(soak).key(existing_data=True))
    conn = sqlite3.connect(soak)
    conn.create_function("dec", 1, cipher.decrypt, deterministic=True)
    conn.execute("ATTACH DATABASE ? AS ref", [str(work / "ref.sqlite3")])
    tables: dict[str, dict[str, Any]] = {}
    names = [r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
    for table in sorted(set(names) - SKIPPED_TABLES):
        cols = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
        exprs = ", ".join(
            f"dec({c})" if c.endswith("_enc") else c for c in cols if c not in IGNORED_COLUMNS
        )

        def only(a: str, b: str, table: str = table, exprs: str = exprs) -> list[tuple[Any, ...]]:
            sql = f"SELECT {exprs} FROM {a}.{table} EXCEPT SELECT {exprs} FROM {b}.{table}"
            return conn.execute(sql).fetchall()

        in_soak, in_ref = only("main", "ref"), only("ref", "main")
        counts = [
            conn.execute(f"SELECT count(*) FROM {db}.{table}").fetchone()[0]
            for db in ("main", "ref")
        ]
        tables[table] = {
            "rows": counts[0], "ref_rows": counts[1], "only_soak": len(in_soak),
            "only_ref": len(in_ref), "examples": [list(map(str, r))[:6] for r in (in_soak + in_ref)[:3]],
        }  # fmt: skip
    conn.close()
    return tables


# --- the run ------------------------------------------------------------------------


@contextlib.contextmanager
def work_dir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        if keep.exists():
            shutil.rmtree(keep)
        keep.mkdir(parents=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="ahm-soak-") as tmp:
        yield Path(tmp)


def spawn(role: str, work: Path, argv: list[str]) -> subprocess.Popen[bytes]:
    log = (work / f"{role}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, __file__, "--role", role, "--work", str(work), *argv],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def run(args: argparse.Namespace, argv: list[str]) -> dict[str, Any]:
    from storage.db import Store
    from storage.repository.settings import set_setting
    from storage.watch_folder import ENABLED_SETTING, PATH_SETTING

    with work_dir(args.keep) as work:
        rnd = random.Random(args.seed)
        plan, cli_files = build_files(work, rnd, args.big_rows)
        _write_json(work / "plan.json", plan)
        (work / "cli.json.plan").write_text(json.dumps([str(p) for p in cli_files]))
        (work / "watch").mkdir()
        with Store(work / "soak.sqlite3") as store:
            set_setting(store.db, ENABLED_SETTING, True)
            set_setting(store.db, PATH_SETTING, str(work / "watch"))
        began = time.monotonic()
        procs = {role: spawn(role, work, argv) for role in ("app", "drop", "cli", "read")}
        for role in ("drop", "cli"):
            procs[role].wait()
        time.sleep(max(0.0, args.minutes * 60 - (time.monotonic() - began)))
        run_seconds = time.monotonic() - began
        settle_began = time.monotonic()
        limit = args.grace_seconds * 2 + args.watch_seconds * 10 + 120
        while (
            procs["app"].poll() is None
            and not settled(work)
            and time.monotonic() - settle_began < limit
        ):
            time.sleep(args.watch_seconds / 2)
        settle_seconds = time.monotonic() - settle_began
        is_settled = settled(work)
        (work / "stop").touch()
        for role in ("app", "read"):
            procs[role].wait(timeout=300)
        roles = {
            r: json.loads((work / f"{r}.json").read_text()) for r in ("app", "drop", "cli", "read")
        }
        final = sorted(p for p in (work / "watch").iterdir() if p.stat().st_size > 0)
        cli_done = [f for f in cli_files if any(r["file"] == f.name for r in roles["cli"])]
        ref = reference(work, final + cli_done)
        tables = compare(work)
        return summarise(work, plan, roles, ref, tables, run_seconds, settle_seconds, is_settled)


def summarise(
    work: Path, plan: list[dict[str, Any]], roles: dict[str, Any], ref: dict[str, Any],
    tables: dict[str, Any], run_seconds: float, settle_seconds: float, is_settled: bool,
) -> dict[str, Any]:  # fmt: skip
    conn = sqlite3.connect(work / "soak.sqlite3")
    outcomes = dict(
        conn.execute("SELECT outcome, count(*) FROM watched_files GROUP BY outcome").fetchall()
    )
    history = dict(
        conn.execute("SELECT outcome, count(*) FROM imports GROUP BY outcome").fetchall()
    )
    reimported = conn.execute(
        "SELECT count(*) FROM (SELECT path FROM watched_files WHERE outcome = 'ok' "
        "GROUP BY path HAVING count(*) > 1)"
    ).fetchone()[0]
    retried = conn.execute(
        "SELECT count(DISTINCT r.path) FROM watched_files r JOIN watched_files o "
        "ON o.path = r.path AND o.outcome = 'ok' AND o.mtime > r.mtime WHERE r.outcome = 'refused'"
    ).fetchone()[0]
    locked = conn.execute("SELECT count(*) FROM imports WHERE error LIKE '%locked%'").fetchone()[0]
    conn.close()
    app, cli, read = roles["app"], roles["cli"], roles["read"]
    big = [r["seconds"] for r in cli if r["file"].startswith("all-orders-big")]
    return {
        "run_seconds": round(run_seconds), "settle_seconds": round(settle_seconds),
        "settled": is_settled,
        "files_dropped": {h: sum(p["how"] == h for p in plan) for h in ("instant", "slow", "partial")}
        | {"bad": sum(p["bad"] for p in plan), "total": len(plan)},
        "watched_files": outcomes, "import_history": history,
        "reimported_after_growing": reimported, "refused_then_imported": retried,
        "watch_passes": len(app["passes"]), "watch_pass_seconds_median": _median(app["passes"]),
        "watch_pass_seconds_max": round(max(app["passes"], default=0), 2),
        "watch_lock_waits": app["lock_waits"], "imports_refused_for_a_lock": locked,
        "job_failures": app["job_failures"],
        "refused_file_warnings": len(app["warnings_raised"]),
        "refused_file_warnings_open_at_end": len(app["warnings_open_at_end"]),
        "cli_imports": len(cli), "cli_failed": [r for r in cli if r["code"] != 0],
        "cli_waited": sum(r["waited"] for r in cli),
        "cli_seconds_median": _median([r["seconds"] for r in cli]),
        "big_import_seconds": [round(s, 1) for s in big],
        "reads": len(read["times"]), "read_failures": read["failures"][:5],
        "read_failure_count": len(read["failures"]),
        "read_seconds_median": _median(read["times"]), "read_seconds_max": round(max(read["times"], default=0), 2),
        "reference": ref,
        "mismatched_rows": sum(t["only_soak"] + t["only_ref"] for t in tables.values()),
        "tables": tables,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--watch-seconds", type=float, default=10.0)
    parser.add_argument("--grace-seconds", type=float, default=60.0)
    parser.add_argument("--read-seconds", type=float, default=3.0)
    parser.add_argument("--big-rows", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--role", choices=["app", "drop", "cli", "read"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.role is not None:
        {"app": role_app, "drop": role_drop, "cli": role_cli, "read": role_read}[args.role](
            args.work, args
        )
        return 0
    passed = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--json"]
    result = run(args, passed)
    if args.json:
        print(json.dumps(result, indent=1, default=str))
    else:
        print_figures(result)
    return 0 if result["mismatched_rows"] == 0 and result["settled"] else 1


def print_figures(r: dict[str, Any]) -> None:
    print(
        f"run {r['run_seconds']} s, then settled in {r['settle_seconds']} s (settled: {r['settled']})"
    )
    print(f"files dropped: {r['files_dropped']}")
    print(f"watched files recorded: {r['watched_files']}; import history: {r['import_history']}")
    print(
        f"re-imported after growing: {r['reimported_after_growing']}; "
        f"refused, then imported once whole: {r['refused_then_imported']}"
    )
    print(
        f"watch passes: {r['watch_passes']} (median {r['watch_pass_seconds_median']} s, "
        f"max {r['watch_pass_seconds_max']} s); passes that left files for a lock: "
        f"{r['watch_lock_waits']}; imports refused for a lock: {r['imports_refused_for_a_lock']}"
    )
    print(
        f"refused-file warnings: {r['refused_file_warnings']} raised, "
        f"{r['refused_file_warnings_open_at_end']} open at the end"
    )
    print(
        f"CLI imports: {r['cli_imports']} ({len(r['cli_failed'])} failed, {r['cli_waited']} waited "
        f"for the lock), median {r['cli_seconds_median']} s; large files: {r['big_import_seconds']} s"
    )
    print(
        f"metric reads: {r['reads']} ({r['read_failure_count']} failed), median "
        f"{r['read_seconds_median']} s, max {r['read_seconds_max']} s"
    )
    print(f"job failures: {len(r['job_failures'])} {r['job_failures'][:3]}")
    ref = r["reference"]
    print(
        f"reference: {ref['files']} files one at a time in {ref['seconds']} s, {ref['ok']} imported"
    )
    for name, t in r["tables"].items():
        flag = "" if t["only_soak"] + t["only_ref"] == 0 else f"  MISMATCH {t['examples']}"
        print(
            f"  {name:24} {t['rows']:>9} rows, only soak {t['only_soak']}, only reference {t['only_ref']}{flag}"
        )
    print(f"mismatched rows: {r['mismatched_rows']}")


if __name__ == "__main__":
    sys.exit(main())
