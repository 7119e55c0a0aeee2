"""How long the window freezes on a large database: event-loop gaps per phase, and memory.

    .venv/bin/python benchmarks/gui_stalls.py [DB ...] [--keep DIR] [--json]
        [--orders 1000000 --days 1000] [--as-of 2026-11-20T15:00:00+00:00] [--profile]

Each DB (a copy of it, so the file given stays clean) is opened by the real desktop
start, `main.main(["--db", copy])` (window first, then store, dashboard, tray, jobs), in
a fresh child process on a virtual screen: when DISPLAY is unset the child runs under
`xvfb-run -a -s "-screen 0 1280x800x24"`. With no DB given, one of `--orders` orders
over `--days` days is built as benchmarks/metrics_scale.py builds it (kept in --keep
DIR and reused, else in a temporary folder).

In the child a 10 ms QTimer records the gaps between its ticks: a gap is how long
the window could not react. The phases, each ending once its condition has held for
--settle-ms:

  start-up          from main() until the dashboard shows the computed ODR;
  start-up jobs     the start-up catch-up jobs (recompute, purge, backup) have finished;
  open <screen>     MainWindow.show_screen(name) for every name in gui.screens.SCREENS,
                    until no screen is `loading` and gui.operations.pending_tasks() == 0
                    (a fixed 2 s settle instead where the app has no such state);
  F5 refresh        the window's Refresh action, until the same quiet state;
  recompute job     the job runner's run_now("recompute"), until metrics_changed has
                    been emitted and every task and job has finished.

Printed per phase: wall time, longest gap and the count of gaps over 50 ms; then the
resident memory (RSS) after the tour of the screens and the peak. Goals (issue 12):
longest gap under 50 ms in every phase, under 250 MB after the tour. `--json` prints
the same as JSON. The clock is the system clock; `--as-of` starts a clock at that
instant instead (it runs on from there), so that a database built for an as_of keeps
its windows full whatever today's date. `--profile` samples the GUI thread's Python
stack while it is stalled and prints the most frequent stacks per phase. The periodic jobs (deadline check every 60 s,
watched folder every 30 s) run as in the real app and land in whichever phase they fall.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
TICK_MS = 10
POLL_MS = 20
GAP_LIMIT_MS = 50.0
RSS_LIMIT_MB = 250.0
FALLBACK_SETTLE_MS = 2000
CHILD_TIMEOUT_S = 3600
SAMPLE_MS = 5
SAMPLE_AFTER_MS = 30
IDLE_FRAMES = ("threading.py", "thread.py:81", "queue.py", "selectors.py", "blocking.py")


# --- the child: the app, the timer and the tour ---------------------------------------


@dataclass
class Phase:
    name: str
    longest_gap_ms: float = 0.0
    gaps_over_50ms: int = 0
    ticks: int = 0
    wall_s: float = 0.0
    timed_out: bool = False
    note: str = ""
    rss_mb: float = 0.0  # resident memory when the phase ended
    started: float = field(default=0.0, repr=False)

    def add_gap(self, ms: float) -> None:
        self.ticks += 1
        self.longest_gap_ms = max(self.longest_gap_ms, ms)
        if ms > GAP_LIMIT_MS:
            self.gaps_over_50ms += 1


def memory_mb() -> tuple[float, float]:
    """This process's resident memory now and its peak, in MB (from /proc)."""
    values = {"VmRSS": 0.0, "VmHWM": 0.0}
    for line in Path("/proc/self/status").read_text().splitlines():
        key = line.split(":", 1)[0]
        if key in values:
            values[key] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


class StallSampler:
    """With --profile: a thread that, while the GUI thread has not ticked for SAMPLE_AFTER_MS,
    records its Python stack every SAMPLE_MS; the most frequent stacks per phase say what
    held the window (C++ work shows as the Python line that called it)."""

    def __init__(self, tour: Tour) -> None:
        import threading

        self.tour = tour
        self.main = threading.get_ident()
        self.stacks: dict[str, dict[str, int]] = {}
        self.running = True
        self.gc: dict[str, list[float]] = {}  # phase -> [collections, total ms, longest ms]
        self._gc_started = 0.0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        import gc

        gc.callbacks.append(self._on_gc)

    def _on_gc(self, stage: str, info: dict[str, int]) -> None:
        """Full collections stop every thread (they hold the GIL): count and time them."""
        if info.get("generation") != 2 or self.tour.phase is None:
            return
        if stage == "start":
            self._gc_started = time.perf_counter()
            return
        ms = (time.perf_counter() - self._gc_started) * 1000
        entry = self.gc.setdefault(self.tour.phase.name, [0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += ms
        entry[2] = max(entry[2], ms)

    def _run(self) -> None:
        import threading

        while self.running:
            time.sleep(SAMPLE_MS / 1000)
            tour, last = self.tour, self.tour.last_tick
            if last is None or tour.phase is None:
                continue
            if (time.perf_counter() - last) * 1000 < SAMPLE_AFTER_MS:
                continue
            frames = sys._current_frames()
            counts = self.stacks.setdefault(tour.phase.name, {})
            for ident, frame in frames.items():
                if ident == threading.get_ident():
                    continue
                names = _frames(frame, 4 if ident != self.main else 7)
                if ident != self.main:  # a worker that held the interpreter meanwhile
                    if not names or any(idle in names[0] for idle in IDLE_FRAMES):
                        continue
                    names[0] = "[worker] " + names[0]
                key = " < ".join(names)
                counts[key] = counts.get(key, 0) + 1

    def top(self, count: int = 10) -> dict[str, list[tuple[int, str]]]:
        self.running = False
        return {
            phase: sorted(((n, k) for k, n in counts.items()), reverse=True)[:count]
            for phase, counts in self.stacks.items()
        }


def heap_report() -> dict[str, Any]:
    """With --profile, at the end: the tracked objects by type (those not frozen at start-up)
    and the resident memory before and after handing free C-heap pages back."""
    import gc
    from collections import Counter

    counts = Counter(type(o).__name__ for o in gc.get_objects())
    before = memory_mb()[0]
    trim = _optional("gui.gc_policy", "trim_heap")
    if trim is not None:
        trim()
    return {"types": counts.most_common(12), "rss_mb": before, "rss_trimmed_mb": memory_mb()[0]}


def _frames(frame: Any, depth: int = 7) -> list[str]:
    """The innermost frames as file:line function, this project's own first."""
    out = []
    while frame is not None and len(out) < depth:
        code = frame.f_code
        name = code.co_filename
        short = name[len(str(ROOT)) + 1 :] if name.startswith(str(ROOT)) else Path(name).name
        if "gui_stalls" not in short:
            out.append(f"{short}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return out


class Tour:
    """Drives the running app through the phases from timers on the GUI thread."""

    def __init__(self, settle_ms: int, timeout_s: float, result: Path, profile: bool) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.settle_s = settle_ms / 1000
        self.timeout_s = timeout_s
        self.result_path = result
        self.shell: Any = None
        self.window: Any = None
        self.metrics_seen = 0
        self.metrics_at: float | None = None
        self.phases: list[Phase] = []
        self.phase: Phase | None = None
        self.rss_after_tour = 0.0
        self.last_tick: float | None = None
        self.ticker = QTimer()
        self.ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._tick)
        self.poller = QTimer()
        self.poller.setInterval(POLL_MS)
        self.poller.timeout.connect(self._poll)
        self.steps: list[tuple[str, Callable[[], None] | None, Callable[[], bool]]] = []
        self.done_since: float | None = None
        self.pending_tasks = _optional("gui.operations", "pending_tasks")
        if self.pending_tasks is None:
            self.settle_s = max(self.settle_s, FALLBACK_SETTLE_MS / 1000)
        self.sampler = StallSampler(self) if profile else None

    # --- recording ---------------------------------------------------------------

    def begin(self) -> None:
        """Called before main(): the start-up phase runs from here."""
        self._next_phase("start-up", None)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self._start_timers)  # the first turn of the event loop

    def _start_timers(self) -> None:
        self.last_tick = time.perf_counter()
        self.ticker.start()
        self.poller.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last_tick is not None and self.phase is not None:
            self.phase.add_gap((now - self.last_tick) * 1000)
        self.last_tick = now

    def _next_phase(self, name: str, action: Callable[[], None] | None) -> None:
        self.phase = Phase(name, started=time.perf_counter())
        self.phases.append(self.phase)
        self.done_since = None
        if action is not None:
            action()

    # --- the app's parts, found leniently (other work may move them) ---------------

    def _find_window(self) -> Any:
        if self.shell is not None:
            return self.shell.window
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == "MainWindow":
                return widget
        return None

    def on_shell(self, shell: Any) -> None:
        self.shell = shell
        self.window = shell.window
        shell.bridge.metrics_changed.connect(self._on_metrics)

    def _on_metrics(self, _health: object) -> None:
        self.metrics_seen += 1
        self.metrics_at = time.perf_counter()

    def _screen_names(self) -> list[str]:
        try:
            from gui.screens import SCREENS
        except ImportError:  # before the screen registry had a module of its own
            from gui.main_window import SCREENS  # type: ignore[attr-defined,no-redef]

        return [entry[0] for entry in SCREENS]

    # --- conditions ----------------------------------------------------------------

    def dashboard_ready(self) -> bool:
        window = self.window or self._find_window()
        if window is None or not getattr(window, "ready", False):
            return False
        try:
            if not window.screens.is_built("dashboard"):
                return False
            text = window.screens["dashboard"].cards["order_defect_rate"].value_label.text()
        except (AttributeError, KeyError, TypeError):
            return self.metrics_seen > 0 and self.quiet()  # no card to read: the signal
        return str(text).strip() not in ("", "\u2014")

    def quiet(self) -> bool:
        """No background task in flight and no screen showing its "updating" state."""
        if self.pending_tasks is not None and self.pending_tasks() > 0:
            return False
        window = self.window
        if window is None:
            return False
        screens = window.screens
        for name in self._screen_names():
            if screens.is_built(name) and getattr(screens[name], "loading", False):
                return False
        return True

    def jobs_idle(self) -> bool:
        runner = getattr(self.shell, "runner", None)
        if runner is None:
            return True
        if getattr(runner, "_running", None):
            return False
        try:
            jobs = runner.scheduler.get_jobs()
        except Exception:
            return True
        return not any(str(job.name).endswith("(now)") for job in jobs)

    def settled(self) -> bool:
        return self.quiet() and self.jobs_idle()

    def _started_up(self) -> bool:
        """The catch-up jobs ran: the start-up recompute has announced its numbers."""
        scheduler = getattr(getattr(self.shell, "runner", None), "scheduler", None)
        started = scheduler is None or getattr(scheduler, "running", True)
        return started and self.metrics_seen > 0 and self.settled()

    # --- the phases ----------------------------------------------------------------

    def plan(self) -> None:
        """Every step after start-up; built once the window exists."""
        self.steps.append(("start-up jobs", None, self._started_up))
        for name in self._screen_names():
            self.steps.append((f"open {name}", self._shower(name), self._screen_ready(name)))
        self.steps.append(("F5 refresh", self._press_refresh, self.settled))
        self.steps.append(("recompute job", self._recompute, self._recomputed))

    def _shower(self, name: str) -> Callable[[], None]:
        return lambda: self.window.show_screen(name)

    def _screen_ready(self, name: str) -> Callable[[], bool]:
        def ready() -> bool:
            screens = self.window.screens
            shown = getattr(self.window, "current_screen", name) == name
            return shown and screens.is_built(name) and self.settled()

        return ready

    def _press_refresh(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        refresh = QKeySequence(QKeySequence.StandardKey.Refresh)
        for action in self.window.findChildren(QAction):
            if action.text().replace("&", "") == "Refresh" or action.shortcut() == refresh:
                self.phases[-1].note = f"on {self.window.current_screen}"
                action.trigger()
                return
        self.phases[-1].note = "no Refresh action found"

    def _recompute(self) -> None:
        self._metrics_before = self.metrics_seen
        runner = getattr(self.shell, "runner", None)
        if runner is not None:
            runner.run_now("recompute")
        else:
            self.phases[-1].note = "no job runner: AppShell.recompute()"
            self.shell.recompute()

    def _recomputed(self) -> bool:
        return self.metrics_seen > self._metrics_before and self.settled()

    # --- the loop --------------------------------------------------------------------

    def _poll(self) -> None:
        phase = self.phase
        if phase is None:
            return
        now = time.perf_counter()
        condition = self.dashboard_ready if phase.name == "start-up" else self.steps[0][2]
        if self._holds(condition, phase):
            if self.done_since is None:
                self.done_since = now
                phase.wall_s = now - phase.started
            if now - self.done_since < self.settle_s:
                return
        else:
            self.done_since = None
            if now - phase.started < self.timeout_s:
                return
            phase.timed_out = True
            phase.wall_s = now - phase.started
        if phase.name == "recompute job" and self.metrics_at is not None:
            phase.note = f"metrics_changed after {self.metrics_at - phase.started:.2f} s"
        self._advance()

    def _holds(self, condition: Callable[[], bool], phase: Phase) -> bool:
        """The condition; one the app's current shape cannot answer counts as met."""
        try:
            return condition()
        except Exception as exc:  # an API moved: a fixed settle instead, said in the note
            phase.note = f"condition not checkable ({type(exc).__name__}: {exc}); settle only"
            self.settle_s = max(self.settle_s, FALLBACK_SETTLE_MS / 1000)
            return True

    def _advance(self) -> None:
        if self.phase is not None:
            self.phase.rss_mb = memory_mb()[0]
        if self.phase is not None and self.phase.name == "start-up":
            if self.shell is None:
                self.phases[-1].note = "AppShell not found: jobs and recompute skipped"
                self.window = self._find_window()
            self.plan()
        else:
            self.steps.pop(0)
            if self.phase is not None and self.phase.name == f"open {self._screen_names()[-1]}":
                self.rss_after_tour = memory_mb()[0]
        if self.shell is None:
            self.steps = [s for s in self.steps if s[0].startswith(("open", "F5"))]
        if not self.steps:
            self._finish()
            return
        name, action, _ = self.steps[0]
        self._next_phase(name, action)

    def _finish(self) -> None:
        self.poller.stop()
        self.ticker.stop()
        self.phase = None
        rss, peak = memory_mb()
        import gc

        collected = time.perf_counter()
        gc.collect()  # what the app's idle-time full collection costs the window now
        full_gc_ms = (time.perf_counter() - collected) * 1000
        phases = [{k: v for k, v in asdict(p).items() if k != "started"} for p in self.phases]
        result = {"phases": phases, "rss_after_tour_mb": self.rss_after_tour}
        result |= {"rss_end_mb": rss, "peak_rss_mb": peak, "full_gc_ms": full_gc_ms}
        if self.sampler is not None:
            result["stall_stacks"] = self.sampler.top()
            result["full_gcs"] = self.sampler.gc
            result["heap"] = heap_report()
        self.result_path.write_text(json.dumps(result))
        self.window.request_quit()


def _optional(module: str, name: str) -> Any:
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def run_child(db: Path, result: Path, args: argparse.Namespace) -> int:
    """In the child process: the real desktop start, driven by a Tour."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    as_of = args.as_of
    app = QApplication([sys.argv[0]])
    tour = Tour(args.settle_ms, args.timeout, result, args.profile)
    import gui.app

    original = gui.app.AppShell

    class WatchedShell(original):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            tour.on_shell(self)

    gui.app.AppShell = WatchedShell
    if as_of is not None:
        import gui.launch
        from core.clock import parse_iso

        start, began = parse_iso(as_of), time.monotonic()

        def clock() -> datetime:
            return start + timedelta(seconds=int(time.monotonic() - began))

        gui.launch.system_clock = clock
    import main

    tour.begin()
    code = main.main(["--db", str(db)])
    del app
    return int(code)


# --- the parent: databases, copies, children, the table ----------------------------------


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    ram = 0.0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram = int(line.split()[1]) / 1024 / 1024
    return (
        f"{os.cpu_count()} CPUs ({model}), {ram:.1f} GB RAM, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}"
    )


def default_db(folder: Path, orders: int, days: int) -> Path:
    """The database metrics_scale.py builds for (orders, days), built here when missing."""
    sys.path.insert(0, str(HERE))
    from metrics_scale import build

    path = folder / f"bench-{orders}-{days}d.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        summary = build(path, orders, days)
        print(f"built {summary} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def copy_db(source: Path, folder: Path) -> Path:
    """A consistent copy (SQLite's backup API: right even with a -wal file beside it),
    with its key file when one lies beside it (a migrated database keeps its key)."""
    target = folder / source.name
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    key = source.with_name(source.name + ".key")
    if key.exists():
        shutil.copy2(key, folder / key.name)
    return target


def measure(db: Path, args: argparse.Namespace) -> dict[str, Any]:
    """One child process on a copy of `db`; its result as a dict."""
    sys.path.insert(0, str(HERE))
    from startup import child_env

    with tempfile.TemporaryDirectory(prefix="gui-stalls-") as tmp:
        folder = Path(tmp)
        copy = copy_db(db, folder)
        result = folder / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", str(copy)]
        command += ["--result", str(result), "--settle-ms", str(args.settle_ms)]
        command += ["--timeout", str(args.timeout)]
        if args.as_of:
            command += ["--as-of", args.as_of]
        if args.profile:
            command += ["--profile"]
        if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            if shutil.which("xvfb-run") is None:
                raise SystemExit("no DISPLAY and no xvfb-run: install Xvfb or run on a desktop")
            command = XVFB + command
        proc = subprocess.run(
            command, cwd=ROOT, env=child_env(folder), capture_output=True, text=True,
            timeout=CHILD_TIMEOUT_S,
        )  # fmt: skip
        if "Traceback" in proc.stderr or not result.exists():
            sys.stderr.write(proc.stdout + proc.stderr)
        if not result.exists():
            raise SystemExit(
                f"the app run on {db.name} ended without figures (exit {proc.returncode})"
            )
        out: dict[str, Any] = json.loads(result.read_text())
    out["database"] = str(db)
    out["clock"] = f"from {args.as_of}" if args.as_of else "system"
    out["goals_met"] = (
        not any(p["timed_out"] or p["longest_gap_ms"] >= GAP_LIMIT_MS for p in out["phases"])
        and out["rss_after_tour_mb"] < RSS_LIMIT_MB
    )
    return out


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_run(run: dict[str, Any]) -> None:
    print(f"\n{Path(run['database']).name} (clock: {run['clock']})")
    print(
        f"  {'phase':<22} {'wall s':>8} {'longest gap':>12} {'gaps>50ms':>10} {'RSS MB':>7}  goal < 50 ms"
    )
    for p in run["phases"]:
        note = "  timed out" if p["timed_out"] else ""
        note += f"  ({p['note']})" if p["note"] else ""
        ok = p["longest_gap_ms"] < GAP_LIMIT_MS and not p["timed_out"]
        print(
            f"  {p['name']:<22} {p['wall_s']:8.2f} {p['longest_gap_ms']:9.0f} ms"
            f" {p['gaps_over_50ms']:10d} {p.get('rss_mb', 0):7.0f}  {verdict(ok)}{note}"
        )
    rss = run["rss_after_tour_mb"]
    print(
        f"  memory after the tour: {rss:.0f} MB (goal < 250 MB): {verdict(rss < RSS_LIMIT_MB)};",
        end="",
    )
    print(f" at the end {run['rss_end_mb']:.0f} MB, peak {run['peak_rss_mb']:.0f} MB")
    if "full_gc_ms" in run:
        print(f"  a full garbage collection at the end: {run['full_gc_ms']:.0f} ms")
    if "heap" in run:
        heap = run["heap"]
        print(f"  resident {heap['rss_mb']:.0f} MB, {heap['rss_trimmed_mb']:.0f} MB once trimmed;")
        print("  tracked objects: " + ", ".join(f"{n} {c}" for n, c in heap["types"]))
    for phase, (count, total, longest) in run.get("full_gcs", {}).items():
        print(
            f"  full GCs in {phase}: {count:.0f}, {total:.0f} ms in all, longest {longest:.0f} ms"
        )
    for phase, stacks in run.get("stall_stacks", {}).items():
        print(f"  stalls in {phase} (samples every {SAMPLE_MS} ms, innermost first):")
        for count, stack in stacks:
            print(f"    {count:4d}  {stack}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("databases", nargs="*", type=Path, help="databases to measure (copied first)")
    ap.add_argument("--keep", type=Path, help="folder to keep (and reuse) the built database in")
    ap.add_argument("--orders", type=int, default=1_000_000, help="without DB: orders to build")
    ap.add_argument("--days", type=int, default=1_000, help="without DB: days they span")
    ap.add_argument("--as-of", help="run the app's clock from this ISO instant, not now")
    ap.add_argument("--settle-ms", type=int, default=300, help="a phase's end must hold this long")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a phase gives up")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--profile", action="store_true", help="sample the GUI thread's stack during stalls"
    )
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        sys.exit(run_child(args.child, args.result, args))
    with tempfile.TemporaryDirectory(prefix="gui-stalls-db-") as tmp:
        databases = list(args.databases)
        if not databases:
            folder = args.keep or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            databases = [default_db(folder, args.orders, args.days)]
        runs = [measure(db, args) for db in databases]
    if args.json:
        print(json.dumps({"machine": machine(), "runs": runs}, indent=2))
        return
    print(machine())
    for run in runs:
        print_run(run)


if __name__ == "__main__":
    main()
