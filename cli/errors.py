"""The one exception a command raises to fail with a sentence (no traceback)."""

from __future__ import annotations


class CommandError(Exception):
    """A user-facing failure: its text is the one sentence shown on stderr."""
