"""Smoke-test the built app: --help, --version, a headless command, then a window.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/smoke_app.py \\
        [--app dist/AccountHealthMonitor/AccountHealthMonitor] [--runs 5] \\
        [--compare-source] [--remove]

Everything runs with a throwaway home, data folder and database (AHM_DB) and the
null keyring, so the real ones are never touched. The window check starts the app
and waits (60 s at most) for a visible window titled "Account Health Monitor"
(`xdotool search`), checks the app is still running a second later and that its log
holds no traceback, then ends it. --runs N times N cold starts (spawn to visible
window; the median is printed), --compare-source times `python main.py` the same
way, interleaved, and --remove deletes the build (dist/AccountHealthMonitor and
build/pyinstaller) at the end. Exit status 0 only when every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TITLE = "Account Health Monitor"
WINDOW_TIMEOUT = 60.0


def throwaway_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "DISPLAY", "XAUTHORITY", "LANG")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        AHM_DB=str(home / "ahm" / "account-health.sqlite3"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        QT_QPA_PLATFORM="xcb",
    )
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def check(ok: bool, what: str) -> None:
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        raise SystemExit(1)


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def project_version() -> str:
    """core/version.py's VERSION, read as text: this script runs outside the package."""
    text = (ROOT / "core" / "version.py").read_text(encoding="utf-8")
    found = re.search(r'^VERSION = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise SystemExit("no VERSION in core/version.py")
    return found.group(1)


def headless_checks(app: list[str], env: dict[str, str]) -> None:
    helped = run([*app, "--help"], env)
    check(helped.returncode == 0 and "metrics" in helped.stdout, "--help lists the commands")
    version = project_version()
    shown = run([*app, "--version"], env)
    expected = f"Account Health Monitor {version}\n"
    check(shown.returncode == 0 and shown.stdout == expected, f"--version says {version}")
    metrics = run([*app, "metrics", "--as-of", "2026-11-20T15:00:00Z", "--json"], env)
    try:
        body = json.loads(metrics.stdout)
    except json.JSONDecodeError:
        body = {}
    check(metrics.returncode == 0 and "metrics" in body, "`metrics --json` on a new database")


def window_ids() -> list[str]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", f"^{TITLE}$"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split()


def start_to_window(app: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], float]:
    """Start the desktop app; returns it and the seconds until its window was visible."""
    if window_ids():
        raise SystemExit(f"a window titled {TITLE!r} is already open on this display")
    started = time.perf_counter()
    proc = subprocess.Popen(app, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while time.perf_counter() - started < WINDOW_TIMEOUT and proc.poll() is None:
        if window_ids():
            return proc, time.perf_counter() - started
        time.sleep(0.01)
    stop(proc)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    raise SystemExit(f"FAIL no window titled {TITLE!r} (exit {proc.returncode})\n{err[-2000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    while window_ids():  # the next start must not see this one's window
        time.sleep(0.05)


def window_checks(app: list[str], env: dict[str, str]) -> float:
    proc, seconds = start_to_window(app, env)
    check(True, f"a window titled {TITLE!r} after {seconds * 1000:.0f} ms")
    time.sleep(1.0)
    check(proc.poll() is None, "still running a second later")
    stop(proc)
    log = Path(env["AHM_DB"]).parent / "account-health.log"
    text = log.read_text(errors="replace") if log.exists() else ""
    check("Traceback" not in text, f"no traceback in {log.name}")
    return seconds


def cold_starts(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> None:
    """Interleaved starts, each on its own fresh database; the first start of each is untimed."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, command in commands.items():
            with tempfile.TemporaryDirectory() as folder:
                fresh = dict(env, AHM_DB=str(Path(folder) / "account-health.sqlite3"))
                proc, seconds = start_to_window(command, fresh)
                stop(proc)
            if i:
                times[name].append(seconds)
    for name, values in times.items():
        spread = f"{min(values) * 1000:.0f}-{max(values) * 1000:.0f}"
        print(
            f"cold start to window, {name}: median {statistics.median(values) * 1000:.0f} ms ({spread}, {runs} runs)"
        )


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT / "dist" / "AccountHealthMonitor" / "AccountHealthMonitor"
    parser.add_argument("--app", type=Path, default=default, help="the built binary")
    parser.add_argument("--runs", type=int, default=0, help="also time N cold starts")
    parser.add_argument("--compare-source", action="store_true", help="time main.py too")
    parser.add_argument("--remove", action="store_true", help="delete the build at the end")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        raise SystemExit("needs an X display and xdotool (run it under xvfb-run)")
    check(args.app.is_file(), f"built app at {args.app}")
    print(f"size: {folder_size(args.app.parent) / 1e6:.0f} MB in {args.app.parent}")
    # Xvfb resets when its last client leaves, refusing connections meanwhile: one
    # client that stays connected lets each start find the server ready.
    keeper = subprocess.Popen(["xdotool", "sleep", "86400"])
    try:
        with tempfile.TemporaryDirectory(prefix="ahm-smoke-") as home:
            env = throwaway_env(Path(home))
            headless_checks([str(args.app)], env)
            window_checks([str(args.app)], env)
            if args.runs:
                commands = {"built app": [str(args.app)]}
                if args.compare_source:
                    commands["source (main.py)"] = [sys.executable, str(ROOT / "main.py")]
                cold_starts(commands, env, args.runs)
    finally:
        keeper.terminate()
        keeper.wait()
        if args.remove:
            shutil.rmtree(args.app.parent, ignore_errors=True)
            shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
            print(f"removed {args.app.parent} and build/pyinstaller")
    return 0


if __name__ == "__main__":
    sys.exit(main())
