"""Entry point: arguments, data folder, logging, the store; then CLI or desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.parser import build_parser, default_db_path, desktop_options, platform_data_dir

LOG_HANDLER = "account-health-log"
"""The name of the log file's handler on the root logger (gui.crash.log_file reads it)."""


def configure_logging(data_dir: Path, debug: bool) -> None:
    """Details go to a rotating, owner-only log file in the data folder; users see sentences.

    The data folder is made owner-only (0700) when this app creates it, or when it is
    the default per-user folder. A folder that cannot be written (a read-only volume)
    gets no log file: the read commands still work there.
    """
    import logging

    from storage.db_file import writable
    from storage.private_files import PrivateRotatingFileHandler, private_folder

    private_folder(data_dir, default=data_dir == platform_data_dir())
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    # A log that cannot be written (a full disk) must not print its own traceback on
    # stderr between the sentences the seller reads: the sentence says what is wrong.
    logging.raiseExceptions = False
    if not writable(data_dir / "account-health.log"):
        root.addHandler(logging.NullHandler())  # no log, and no log lines on stderr
        return
    # An idle app writes about 4 lines an hour (a recompute every 15 minutes; the
    # every-minute jobs log at DEBUG, APScheduler only its problems): 4 files of 1 MB keep
    # far more than 30 days of normal use (it was ~590 lines, 96 kB, an hour before).
    handler = PrivateRotatingFileHandler(
        data_dir / "account-health.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(LOG_HANDLER)  # how the About box and crash reports find the file
    root.addHandler(handler)
    # APScheduler writes two lines per run of every job (each minute): only its problems.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    args = desktop_options(argv) or build_parser().parse_args(argv)
    if args.command is None and getattr(args, "version", False):
        from core.version import version_line

        print(version_line())
        return 0
    if args.command is None and (args.install_desktop_entry or args.remove_desktop_entry):
        from cli.desktop import desktop_entry_command

        return desktop_entry_command(install=args.install_desktop_entry)
    db_path: Path = (args.db or default_db_path()).expanduser().resolve()
    if args.command is None:
        from gui.launch import launch

        # The desktop app sets logging up after its window is painted (nothing logs
        # before); an unusable data folder then becomes a dialog, not a stderr line.
        return launch(
            db_path, lambda: configure_logging(db_path.parent, args.debug), tray=args.tray
        )
    try:
        configure_logging(db_path.parent, args.debug)
    except OSError as exc:
        print(f"Cannot use the data folder {db_path.parent}: {exc.strerror}.", file=sys.stderr)
        return 1
    from cli.commands import run

    return run(args, db_path)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `main.py metrics | head` closed the pipe early
        sys.stderr.close()
        sys.exit(0)
