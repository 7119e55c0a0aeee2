"""`--install-desktop-entry` / `--remove-desktop-entry`: the Linux launcher entry from a terminal.

Prints each file written or removed (so a seller can see what was touched) and
turns every failure into one sentence on stderr with exit status 1.
"""

from __future__ import annotations

import sys


def desktop_entry_command(install: bool) -> int:
    """Write (install) or remove the launcher entry of this installation; the exit status."""
    from gui.desktop.desktop_entry import install_desktop_entry, remove_desktop_entry
    from gui.desktop.files import NotOurFile

    doing = "add" if install else "remove"
    try:
        paths = install_desktop_entry() if install else remove_desktop_entry()
    except NotOurFile as exc:
        return _fail(str(exc))
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"Cannot {doing} the launcher entry ({exc.strerror or exc}{where}).")
    except ValueError as exc:
        return _fail(f"Cannot {doing} the launcher entry: {exc}.")
    if not paths:
        print("There was no launcher entry to remove.")
    for path in paths:
        print(f"{'Wrote' if install else 'Removed'} {path}")
    return 0


def _fail(sentence: str) -> int:
    print(sentence, file=sys.stderr)
    return 1
