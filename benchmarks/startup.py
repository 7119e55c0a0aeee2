"""Cold start to a shown window (ours vs a bare PySide6 window) and idle cost in the tray.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python benchmarks/startup.py [--runs 5]
        [--idle-seconds 60]

Each start is a fresh process, timed from spawn to the moment its window is exposed
(the child prints a line then). Ours is the real start, `main.main(["--db", db])`, on
a database with the seller-a samples imported; an application event filter notes the
first expose, and a poll notes when the dashboard shows the computed ODR (reported,
not a goal: the store opens and the numbers are computed after the first paint). Idle: the
real program (`main.py`) runs on that database; after it settles, CPU time and
resident memory are read from /proc for --idle-seconds. Goals (issue 4): start within
1.5x the bare window; idle under 1 % of one core and under 250 MB resident.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("bare window")
w.resize(1180, 760)
w.show()
while not (w.windowHandle() and w.windowHandle().isExposed()):
    app.processEvents()
print("shown", flush=True)
"""

OURS = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

import main

app = QApplication(sys.argv)  # run_app uses it: the watcher below can see its events


class Watch(QObject):
    # 'shown' at the first expose of a window; 'ready' when the dashboard has numbers.
    shown = False

    def eventFilter(self, obj, event):
        if (
            not self.shown
            and event.type() == QEvent.Type.Expose
            and isinstance(obj, QWindow)
            and obj.isExposed()
        ):
            self.shown = True
            print("shown", flush=True)
        return False


def poll():
    for w in QApplication.topLevelWidgets():
        screens = getattr(w, "screens", None)
        if screens is not None and screens.is_built("dashboard"):
            card = screens["dashboard"].cards["order_defect_rate"]
            if card.value_label.text() not in ("", "\u2014"):
                print("ready", flush=True)
                w.request_quit()
                return
    QTimer.singleShot(5, poll)


watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(0, poll)
sys.exit(main.main(["--db", {db!r}]))
"""


def child_env(folder: Path) -> dict[str, str]:
    """A null keyring (the key goes to a file in the temp folder) and a private QSettings home."""
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env["XDG_CONFIG_HOME"] = str(folder / "config")
    env["XDG_DATA_HOME"] = str(folder / "data")
    return env


def time_start(code: str, env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from spawn to 'shown', and to 'ready' when the child prints it."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    shown = time.perf_counter() - started
    if line.strip() != "shown":
        proc.kill()
        raise SystemExit(f"the child did not show its window (exit {proc.wait()})")
    ready = None
    for rest in proc.stdout:
        if rest.strip() == "ready":
            ready = time.perf_counter() - started
            break
    proc.wait(timeout=60)
    return shown, ready


def prepare_db(folder: Path, env: dict[str, str]) -> Path:
    db = folder / "bench.sqlite3"
    files = [str(p) for p in sorted((SAMPLES / "seller-a").iterdir()) if p.name != "expected.json"]
    files += [str(SAMPLES / "email" / "inbox.mbox")]
    files += [str(p) for p in (SAMPLES / "performance").glob("*.json")]
    subprocess.run(
        [sys.executable, "main.py", "--db", str(db), "import", *files],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return db


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_idle(db: Path, env: dict[str, str], seconds: float) -> tuple[float, float]:
    proc = subprocess.Popen(
        [sys.executable, "main.py", "--db", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(10)  # start-up work (recompute, purge, first backup) settles
        cpu0, t0 = cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(seconds)
        cpu1, t1 = cpu_seconds(proc.pid), time.perf_counter()
        return 100 * (cpu1 - cpu0) / (t1 - t0), rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle-seconds", type=float, default=60.0)
    args = ap.parse_args()
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        raise SystemExit("run under xvfb-run (or set QT_QPA_PLATFORM=offscreen)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        db = prepare_db(folder, env)
        ours_code = OURS.format(root=str(ROOT), db=str(db))
        time_start(BARE, env)  # warm the OS file cache for both
        time_start(ours_code, env)
        bare: list[float] = []
        ours: list[float] = []
        ready: list[float] = []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            bare.append(time_start(BARE, env)[0])
            shown, numbers = time_start(ours_code, env)
            ours.append(shown)
            if numbers is not None:
                ready.append(numbers)
        b, o = statistics.median(bare), statistics.median(ours)
        print(f"platform: {os.environ.get('QT_QPA_PLATFORM') or 'xcb'}, {os.cpu_count()} cores")
        print(f"bare PySide6 window shown: {b * 1000:.0f} ms (median of {args.runs})")
        print(f"Account Health Monitor shown: {o * 1000:.0f} ms (median of {args.runs})")
        print(f"ratio: {o / b:.2f} (goal <= 1.5)")
        if ready:
            r = statistics.median(ready)
            print(f"dashboard showing the numbers: {r * 1000:.0f} ms (median; not a goal)")
        cpu, rss = measure_idle(db, env, args.idle_seconds)
        print(
            f"idle over {args.idle_seconds:.0f} s: {cpu:.2f} % of one core (goal < 1 %), ", end=""
        )
        print(f"{rss:.0f} MB resident (goal < 250 MB)")


if __name__ == "__main__":
    main()
