"""Use cases: one typed function per screen and per command, shared by the GUI and the CLI.

Each takes the store (and an instant, settings) and returns dataclasses from `core`;
writes return `services.changes.Changes`, so the front ends know what to refresh.
No Qt here, and no SQL: that lives in `storage`.
"""
