"""What another process changed in the database: the open window follows within seconds.

A scripted `import` (or any other process) commits through its own connection; the
window's poll sees `PRAGMA data_version` move (storage.data_version) and reads the
import attempts it did not make itself. Their report kinds say what changed, the same
`Changes` the window's own imports broadcast, so each screen reloads only what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.changes import Changes
from services.imports import KIND_CHANGES
from storage.data_version import DataVersion
from storage.imports.history import started_here

__all__ = ["DataVersion", "OutsideChanges", "outside_changes"]


@dataclass(frozen=True, slots=True)
class OutsideChanges:
    """What changed since the last poll, and the newest import attempt seen."""

    changes: Changes
    seen: int


def outside_changes(probe: DataVersion, seen: int | None) -> OutsideChanges:
    """Poll once. `seen` is the newest import known so far (None on the first poll: the
    current newest becomes the starting point and nothing is reported)."""
    if seen is None:
        probe.moved()  # the baseline of data_version
        return OutsideChanges(Changes(), probe.newest_import())
    if not probe.moved():
        return OutsideChanges(Changes(), seen)
    changes = Changes()
    newest = seen
    for import_id, kind, outcome in probe.imports_after(seen):
        newest = max(newest, import_id)
        if started_here(probe.path, import_id):
            continue  # this window's own import: already broadcast
        changes |= Changes(imports=True)
        if outcome == "ok":
            changes |= KIND_CHANGES.get(kind or "", Changes())
    return OutsideChanges(changes, newest)
