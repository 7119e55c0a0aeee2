"""The installed commands, both running main.main: `account-health-monitor` and `-cli`.

`account-health-monitor` is a GUI script: on Windows it starts without a console
window; on Linux and macOS it is an ordinary command, so `account-health-monitor
metrics ...` works in a terminal. `account-health-monitor-cli` is the console
script Windows needs for the headless commands (elsewhere it is the same thing).
The built app (packaging/launcher.py) starts here too.
"""

from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> int:
    """main.main with main.py's own handling of a closed pipe (`... metrics | head`)."""
    import main

    try:
        return main.main(argv)
    except BrokenPipeError:
        if sys.stderr is not None:
            sys.stderr.close()
        return 0
