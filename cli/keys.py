"""`key status|export|import|reset`: the encryption key of buyer details, from a terminal.

The passphrase of a key backup is asked for without echo (twice when exporting), or
read from the first line of `--passphrase-file` (`-`: standard input) for scripts;
it is never taken on the command line, where other users could see it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.errors import CommandError
from core.clock import system_clock

if TYPE_CHECKING:
    from storage.db import Store


def add_key_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    key = sub.add_parser("key", help="the encryption key of buyer details: status, backup, reset")
    actions = key.add_subparsers(dest="key_action", metavar="ACTION", required=True)
    actions.add_parser("status", help="where the key is kept and whether it opens the data")
    for name, text in (
        ("export", "write a key backup, sealed with a passphrase you choose"),
        ("import", "make the key in a key backup this database's key"),
    ):
        # No abbreviations: `--passphrase SECRET` must not pass for --passphrase-file.
        action = actions.add_parser(name, help=text, allow_abbrev=False)
        action.add_argument("file", type=Path)
        action.add_argument(
            "--passphrase-file",
            dest="passphrase_file",
            default=None,
            help="read the passphrase from the first line of this file (- for standard input)",
        )
    reset = actions.add_parser(
        "reset", help="the key is lost for good: erase what only it could open, start a new one"
    )
    reset.add_argument("--yes", action="store_true", help="confirm the erasure")


def cmd_key(args: argparse.Namespace, db_path: Path, store: Store) -> int:
    action = str(args.key_action)
    if action == "status":
        return _status(store)
    if action == "export":
        return _export(args, store)
    if action == "import":
        return _import(args, store)
    return _reset(args, store)


def _status(store: Store) -> int:
    from services.shell import key_status

    status = key_status(store)
    where = f"the key file {status.key_file}" if status.in_file else "the system keyring"
    print(f"Database: {store.path}")
    print(f"Key kept in: {where}")
    if status.problem:
        print(f"Problem: {status.problem}")
        return 1
    print("The key opens the buyer details of this database.")
    return 0


def _export(args: argparse.Namespace, store: Store) -> int:
    from services.keys import KeyActionRefused, KeyBackupRefused, export_key

    passphrase = _passphrase(args, confirm=True)
    try:
        written = export_key(store, Path(args.file), passphrase)
    except (KeyActionRefused, KeyBackupRefused) as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"Cannot write {args.file}: {exc.strerror or exc}.") from None
    print(
        f"Wrote the key backup {written}. Keep it and its passphrase apart from the database "
        "and its backups: buyer details in them can only be read with this key."
    )
    return 0


def _import(args: argparse.Namespace, store: Store) -> int:
    from services.keys import KeyActionRefused, KeyBackupRefused, import_key

    passphrase = _passphrase(args, confirm=False)
    try:
        import_key(store, Path(args.file), passphrase)
    except (KeyActionRefused, KeyBackupRefused) as exc:
        raise CommandError(str(exc)) from None
    where = store.key_store.key_file or "the system keyring"
    print(f"Imported the key into {where}; the buyer details of {store.path} can be read again.")
    return 0


def _reset(args: argparse.Namespace, store: Store) -> int:
    from services.keys import KeyActionRefused, reset_key

    if not args.yes:
        raise CommandError(
            "`key reset` erases every buyer detail encrypted with the lost key (metrics stay); "
            "if the key may still turn up, restore it or import its backup instead, "
            "else run `key reset --yes`."
        )
    try:
        done = reset_key(store, system_clock())
    except KeyActionRefused as exc:
        raise CommandError(str(exc)) from None
    print(
        f"Erased {done.erased} buyer details no key could open and started a new key; "
        f"the data as it was is kept in {done.backup}."
    )
    return 0


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    """From --passphrase-file, else asked twice (export) or once (import) on the terminal."""
    source = args.passphrase_file
    if source is not None:
        try:
            text = sys.stdin.readline() if source == "-" else Path(source).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read the passphrase from {source}: {exc}.") from None
        lines = text.splitlines()
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise CommandError(
            "There is no terminal to ask for the passphrase; give it with "
            "--passphrase-file FILE (or - for standard input)."
        )
    first = getpass.getpass("Passphrase of the key backup: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise CommandError("The two passphrases differ; nothing was written.")
    return first
