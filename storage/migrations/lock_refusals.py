"""Step 7: forget the watched files earlier versions refused for a lock, not for their content.

Those versions recorded "database is locked" as the file's refusal, so the
watched folder never offered the file again, even after a restart. The lock
was another import's, not the file's: the attempts leave the import history
and the watched folder offers the files again.
"""

from __future__ import annotations

import sqlite3

_LOCKED = "outcome = 'refused' AND error LIKE '%database is locked%'"


def forget_lock_refusals(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"DELETE FROM watched_files WHERE import_id IN (SELECT id FROM imports WHERE {_LOCKED})"
    )
    conn.execute(f"DELETE FROM imports WHERE {_LOCKED}")
