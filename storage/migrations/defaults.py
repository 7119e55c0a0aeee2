"""Step 5: the shipped triage rules, escalation matrix and reply templates, written once.

Until this step the readers wrote them on first use (`load_rules`,
`load_matrix`, `list_templates`), so reading could write. A database where
that already happened keeps its rows as the seller left them: rules and
templates are written only where they were never seeded (the `*_seeded`
setting unset and the table empty, the old readers' own test), and the
matrix only gains the contact types it lacks, after the seller's rows.
"""

from __future__ import annotations

import json
import sqlite3

RULES_SEEDED = "triage_rules_seeded"
TEMPLATES_SEEDED = "reply_templates_seeded"
"""Settings the old readers set once they had seeded; read here, written no more."""


def seed_defaults(conn: sqlite3.Connection) -> None:
    from core.triage import DEFAULT_MATRIX, DEFAULT_RULES
    from storage.repository.reply_templates import DEFAULT_TEMPLATES

    if _unseeded(conn, RULES_SEEDED, "triage_rules"):
        conn.executemany(
            "INSERT INTO triage_rules(contact_type, pattern, language, priority, enabled, origin) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    r.contact_type,
                    r.pattern.strip(),
                    r.language,
                    r.priority,
                    int(r.enabled),
                    r.origin,
                )
                for r in DEFAULT_RULES
            ],
        )
    if _unseeded(conn, TEMPLATES_SEEDED, "reply_templates"):
        conn.executemany(
            "INSERT INTO reply_templates(name, body, updated_at) VALUES (?, ?, '')",
            [(t.name, t.body) for t in DEFAULT_TEMPLATES],
        )
    have = {row[0] for row in conn.execute("SELECT contact_type FROM escalation_matrix")}
    position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM escalation_matrix")
    start = int(position.fetchone()[0])
    missing = [r for r in DEFAULT_MATRIX if r.contact_type not in have]
    conn.executemany(
        "INSERT INTO escalation_matrix(contact_type, owner, target_hours, resolution, "
        "dollar_limit, notes, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.contact_type,
                r.owner,
                float(r.target_hours),
                r.resolution,
                None if r.dollar_limit is None else str(r.dollar_limit),
                r.notes,
                position,
            )
            for position, r in enumerate(missing, start)
        ],
    )


def _unseeded(conn: sqlite3.Connection, setting: str, table: str) -> bool:
    """Neither seeded by an old reader (its setting) nor holding any row."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [setting]).fetchone()
    try:
        seeded = row is not None and bool(json.loads(row[0]))
    except json.JSONDecodeError:
        seeded = False
    if seeded:
        return False
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) == 0
