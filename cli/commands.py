"""The headless commands of spec/cli.md. Same core functions as the GUI; no Qt.

Every failure reaches the user as one sentence on stderr and a non-zero exit;
tracebacks only with --debug (they always go to the log file).
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar, cast

from cli.errors import CommandError
from cli.output import SafeStream, emit_json, table
from core.clock import parse_iso, system_clock

if TYPE_CHECKING:
    from core.health import Health
    from storage.db import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


def parse_instant(text: str | None, option: str) -> datetime:
    """`--as-of`/`--now`: ISO 8601, a bare date is 00:00 UTC, default now."""
    if text is None:
        return system_clock()
    try:
        return parse_iso(text)
    except ValueError:
        raise CommandError(
            f"{option} '{text}' is not an ISO 8601 time such as 2026-11-20T12:00:00Z."
        ) from None


def run(args: argparse.Namespace, db_path: Path) -> int:
    """Run one command; what it prints passes `SafeStream` (no escape codes from files)."""
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = cast(TextIO, SafeStream(sys.stdout))
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = cast(TextIO, SafeStream(sys.stderr))
    handlers: dict[str, Callable[[argparse.Namespace, Path], int]] = {
        "import": cmd_import,
        "metrics": cmd_metrics,
        "deadlines": cmd_deadlines,
        "alerts": cmd_alerts,
        "template": cmd_template,
        "triage": cmd_triage,
        "feedback-check": cmd_feedback_check,
        "check-reply": cmd_check_reply,
        "reconcile": cmd_reconcile,
        "products": cmd_products,
        "reimbursements": cmd_reimbursements,
        "review-requests": cmd_review_requests,
        "key": cmd_key,
    }
    try:
        code = handlers[args.command](args, db_path)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:  # `metrics --json | head`: the reader has all it wanted
        _quiet_stdout()
        return 0
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # the last line of defence: a sentence, not a traceback
        from storage.db_file import explain

        log.exception("command %s failed", args.command)
        if args.debug:
            raise
        print(explain(exc, db_path) or _sentence(exc), file=sys.stderr)
        return 1


def _sentence(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if text.endswith(".") else text + "."


def _quiet_stdout() -> None:
    """What is still buffered for a closed pipe goes nowhere (no second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError):
        pass


def _open_store(db_path: Path, *, writes: bool = False) -> Store:
    """Open (create, migrate) the database; one that cannot be written opens read-only,
    which a command that `writes` refuses with a sentence."""
    from storage.db import DatabaseUnusable, Store
    from storage.db_file import explain, read_only_sentence

    try:
        store = Store(db_path)
    except DatabaseUnusable as exc:
        raise CommandError(_sentence(exc)) from None
    except (OSError, sqlite3.Error) as exc:
        reason = explain(exc, db_path)
        if reason is None:
            reason = f"Cannot open the database {db_path}: {getattr(exc, 'strerror', None) or exc}."
        raise CommandError(reason) from None
    if writes and store.read_only:
        raise CommandError(read_only_sentence(store.path))
    return store


def _warn_key_fallback(store: Store, *, quiet_problem: bool = False) -> None:
    """Say on stderr where the key is when it is not in a keyring, and (unless each
    refused file says it) what is wrong with it."""
    from services.shell import key_status

    status = key_status(store)  # loads the key, deciding keyring or file
    if status.in_file:
        print(
            f"warning: no system keyring is available, so the key that encrypts buyer data "
            f"is kept in {status.key_file}; keep that file private and back it up with the "
            "database.",
            file=sys.stderr,
        )
        log.warning("PII key fallback: %s", status.fallback_reason)
    if status.problem and not quiet_problem:
        print(f"warning: {status.problem}", file=sys.stderr)


# --- import ----------------------------------------------------------------


def cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from services.imports import import_files, import_line, outcome_json

    store = _open_store(db_path, writes=True)
    _warn_key_fallback(store, quiet_problem=True)
    said: list[bool] = []

    def waiting() -> None:  # another import holds the lock past the busy timeout
        if not said:
            said.append(True)
            print("waiting for another import to finish ...", file=sys.stderr, flush=True)

    results = import_files(store, args.files, system_clock, on_wait=waiting).outcomes
    if args.json:
        emit_json({"files": [outcome_json(r) for r in results]})
    else:
        for r in results:
            print(import_line(r))
    problem = store.key_problem
    if problem and not any(problem in (r.error or "") for r in results):
        print(f"warning: {problem}", file=sys.stderr)
    return 0 if all(r.error is None for r in results) else 1


# --- metrics / deadlines / alerts -------------------------------------------


def _health(db_path: Path, instant: datetime, marketplace: str | None) -> Health:
    """The one way the commands get metrics, the board and warnings (same as the app)."""
    from core.marketplaces import find_marketplace
    from services.health import current_health

    if marketplace is not None and find_marketplace(marketplace) is None:
        raise CommandError(
            f"--marketplace '{marketplace}' is not a marketplace we know; "
            "use a name such as Amazon.com, a code such as US, or a marketplace id."
        )
    store = _open_store(db_path)
    return current_health(store, instant, marketplace, removable_only=False)  # the spec's board


def cmd_metrics(args: argparse.Namespace, db_path: Path) -> int:
    from core.serialize import ages_out_rows, forecast_rows, metrics_rows, metrics_to_json

    as_of = parse_instant(args.as_of, "--as-of")
    health = _health(db_path, as_of, args.marketplace)
    if args.json:
        emit_json(metrics_to_json(health.metrics, health.as_of, health.marketplace))
        return 0
    scope = health.marketplace or "all marketplaces"
    print(f"Account health at {health.as_of:%Y-%m-%d %H:%M} UTC, {scope}\n")
    rows = metrics_rows(health.metrics)
    table(rows[0], rows[1:], status_col=rows[0].index("status"))
    ages = ages_out_rows(health.metrics)
    if len(ages) > 1:
        print("\nDefective orders leave the ODR window:")
        table(ages[0], ages[1:])
    fc = forecast_rows(health.metrics)
    if len(fc) > 1:
        print("\nODR forecast (a lower bound: defects not yet received are unknown):")
        table(fc[0], fc[1:])
    return 0


def cmd_deadlines(args: argparse.Namespace, db_path: Path) -> int:
    from core.serialize import board_rows, board_to_json

    health = _health(db_path, parse_instant(args.now, "--now"), None)
    return _listing(
        args,
        health.board,
        lambda: board_to_json(health.board, health.as_of),
        board_rows,
        "Nothing is due.",
        "state",
    )


def cmd_alerts(args: argparse.Namespace, db_path: Path) -> int:
    from core.serialize import alerts_rows, alerts_to_json

    health = _health(db_path, parse_instant(args.now, "--now"), None)
    return _listing(
        args,
        health.alerts,
        lambda: alerts_to_json(health.alerts, health.as_of),
        alerts_rows,
        "No warnings.",
        None,
    )


def _listing(
    args: argparse.Namespace,
    items: Sequence[T],
    to_json: Callable[[], dict[str, object]],
    to_rows: Callable[[Sequence[T]], list[list[str]]],
    empty: str,
    status_header: str | None,
) -> int:
    """A list command: JSON, a sentence when empty, or a table coloured by its status column."""
    if args.json:
        emit_json(to_json())
        return 0
    if not items:
        print(empty)
        return 0
    rows = to_rows(items)
    status_col = rows[0].index(status_header) if status_header else 0
    table(rows[0], rows[1:], status_col=status_col)
    return 0


# --- templates ---------------------------------------------------------------


def cmd_template(args: argparse.Namespace, db_path: Path) -> int:
    from services.imports import blank_template, save_blank_template

    if args.output is None:
        sys.stdout.write(blank_template(args.name))
        return 0
    try:
        written = save_blank_template(args.name, args.output)
    except FileExistsError:
        raise CommandError(f"{args.output} already exists; choose another file name.") from None
    except OSError as exc:
        raise CommandError(f"Cannot write {args.output}: {exc.strerror or exc}.") from None
    print(f"Wrote the blank {args.name} template to {written}")
    return 0


# --- assistants ---------------------------------------------------------------


def cmd_triage(args: argparse.Namespace, db_path: Path) -> int:
    from cli.assistants import triage

    return triage(args, _open_store(db_path), parse_instant(args.now, "--now"))


def cmd_feedback_check(args: argparse.Namespace, db_path: Path) -> int:
    from cli.assistants import feedback_check

    return feedback_check(args, _open_store(db_path), parse_instant(args.now, "--now"))


def cmd_check_reply(args: argparse.Namespace, db_path: Path) -> int:
    from cli.assistants import check_reply

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {args.file}: {exc.strerror or exc}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{args.file} is not UTF-8 text.") from None
    return check_reply(args, text)


# --- reconciliation with Amazon, defects by product ------------------------------------


def cmd_reconcile(args: argparse.Namespace, db_path: Path) -> int:
    from cli.reconcile import reconcile

    return reconcile(args, _open_store(db_path), parse_instant(args.now, "--now"))


def cmd_key(args: argparse.Namespace, db_path: Path) -> int:
    from cli.keys import cmd_key as key_command

    writes = args.key_action in ("import", "reset")  # a key backup can leave a read-only volume
    return key_command(args, db_path, _open_store(db_path, writes=writes))


def cmd_products(args: argparse.Namespace, db_path: Path) -> int:
    from cli.reconcile import products

    return products(args, _open_store(db_path), parse_instant(args.now, "--now"))


def cmd_reimbursements(args: argparse.Namespace, db_path: Path) -> int:
    from cli.reimbursements import reimbursements

    return reimbursements(args, _open_store(db_path), parse_instant(args.as_of, "--as-of"))


# --- review requests -----------------------------------------------------------------


def cmd_review_requests(args: argparse.Namespace, db_path: Path) -> int:
    from cli.review_requests import mark, review_requests

    if args.action == "mark":
        return mark(args, _open_store(db_path), parse_instant(args.at, "--at"))
    return review_requests(args, _open_store(db_path), parse_instant(args.now, "--now"))
