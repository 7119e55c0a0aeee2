"""Argument parsing for `python main.py [--db PATH] [COMMAND ...]` (spec/cli.md)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "AccountHealthMonitor"
DB_FILE = "account-health.sqlite3"
TRAY_FLAG = "--tray"
"""Start in the tray only: what start at login writes (gui.desktop.command.TRAY_FLAG)."""


def platform_data_dir() -> Path:
    """The platform's per-user data folder (the app's own, made owner-only)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """`AHM_DB` wins, else the platform's per-user data folder."""
    env = os.environ.get("AHM_DB")
    if env:
        return Path(env).expanduser()
    return platform_data_dir() / DB_FILE


def program_name(argv0: str | None = None) -> str:
    """The name the program was started as: account-health-monitor, main.py, ..."""
    name = Path(argv0 if argv0 is not None else sys.argv[0]).name
    if name.lower().endswith(".exe"):
        name = name[:-4]
    return name if name and name != "__main__.py" else "main.py"


def _add_global_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: per-user data folder, or $AHM_DB)",
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    p.add_argument(
        TRAY_FLAG,
        action="store_true",
        help="start in the tray only, with no window (what start at login uses)",
    )
    entry = p.add_mutually_exclusive_group()
    entry.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add the app to the applications menu (Linux) and exit",
    )
    entry.add_argument(
        "--remove-desktop-entry",
        action="store_true",
        help="remove the applications menu entry that --install-desktop-entry wrote, and exit",
    )


def desktop_options(argv: list[str] | None) -> argparse.Namespace | None:
    """The options when argv has no command (the desktop app, --version, ...), else None.

    Building the whole command parser costs ~6 ms, a tenth of what the window may
    take over a bare Qt window at a cold start; the desktop start needs only the
    global options. Anything else (a command, --help, a mistake) goes to build_parser.
    """
    first = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _add_global_options(first)
    first.add_argument("--version", action="store_true")
    try:
        known, rest = first.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    known.command = None
    return known


def build_parser() -> argparse.ArgumentParser:
    from core.version import version_line

    p = argparse.ArgumentParser(
        prog=program_name(),
        description="Account Health Monitor: start the desktop app, or run a command headless.",
    )
    _add_global_options(p)
    p.add_argument("--version", action="version", version=version_line())
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    imp = sub.add_parser("import", help="import report files (kind auto-detected)")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--json", action="store_true")

    met = sub.add_parser("metrics", help="the account health metrics")
    met.add_argument("--as-of", dest="as_of", default=None, help="ISO 8601 instant (default: now)")
    met.add_argument("--marketplace", default=None, help="e.g. Amazon.com, US or ATVPDKIKX0DER")
    met.add_argument("--json", action="store_true")

    dl = sub.add_parser("deadlines", help="the countdown board")
    dl.add_argument("--now", default=None)
    dl.add_argument("--json", action="store_true")

    al = sub.add_parser("alerts", help="the warnings that hold now")
    al.add_argument("--now", default=None)
    al.add_argument("--json", action="store_true")

    tp = sub.add_parser("template", help="write a blank CSV template")
    tp.add_argument("name", choices=["messages", "claims"])
    tp.add_argument("-o", "--output", type=Path, default=None)

    tr = sub.add_parser("triage", help="classify buyer messages by the escalation matrix")
    tr.add_argument("--now", default=None)
    tr.add_argument("--json", action="store_true")

    fc = sub.add_parser("feedback-check", help="which negative feedback qualifies for removal")
    fc.add_argument("--now", default=None)
    fc.add_argument("--json", action="store_true")

    cr = sub.add_parser(
        "check-reply", help="lint a reply against Amazon's communication guidelines"
    )
    cr.add_argument("file", help="a text file, or - for standard input")
    cr.add_argument("--json", action="store_true")

    rc = sub.add_parser("reconcile", help="Amazon's performance report beside our numbers")
    rc.add_argument("--now", default=None)
    rc.add_argument("--json", action="store_true")

    pr = sub.add_parser("products", help="defects and returns by SKU or ASIN")
    pr.add_argument("--from", dest="date_from", default=None, help="first purchase date")
    pr.add_argument("--to", dest="date_to", default=None, help="last purchase date (included)")
    pr.add_argument("--by", choices=["sku", "asin"], default="sku")
    pr.add_argument("--now", default=None, help="today for the default last 90 days")
    pr.add_argument("--json", action="store_true")

    rb = sub.add_parser("reimbursements", help="FBA reimbursement cases to claim from Amazon")
    rb.add_argument("--as-of", dest="as_of", default=None, help="ISO 8601 instant (default: now)")
    rb.add_argument("--json", action="store_true")
    rr = sub.add_parser("review-requests", help="today's orders to ask for a review (never sent)")
    rr.add_argument("--now", default=None)
    rr.add_argument("--json", action="store_true")
    rr_sub = rr.add_subparsers(dest="action", metavar="ACTION")
    mk = rr_sub.add_parser("mark", help="log requests made in Seller Central")
    mk.add_argument("order_ids", nargs="+", metavar="ORDER_ID")
    mk.add_argument("--at", default=None, help="when they were requested (default: now)")
    from cli.keys import add_key_parser

    add_key_parser(sub)
    return p
