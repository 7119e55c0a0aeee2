"""Migration step 5 writes the shipped rules, matrix and templates once; readers never write.

Databases from before step 5 were seeded (or not) by the readers themselves:
such a file keeps the seller's rows as they are and gains no duplicates.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
import sqlite_utils

from core.triage import CONTACT_TYPES, DEFAULT_MATRIX, DEFAULT_RULES, EscalationRow
from storage import migrations
from storage.db import migrate, open_db
from storage.repository.reply_templates import DEFAULT_TEMPLATES, list_templates
from storage.repository.triage_store import load_matrix, load_rules, save_matrix

SEEDING_STEP = 5


def counts(db: sqlite_utils.Database) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("triage_rules", "escalation_matrix", "reply_templates")
    )


def old_database(path: Path) -> sqlite3.Connection:
    """A file at the schema before the seeding step, as the previous release left it."""
    conn = sqlite3.connect(path)
    for version, step in enumerate(migrations.MIGRATIONS[: SEEDING_STEP - 1], 1):
        step(conn)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    return conn


def seed_like_the_old_readers(conn: sqlite3.Connection) -> None:
    """What load_rules, load_matrix and list_templates wrote on their first read."""
    conn.executemany(
        "INSERT INTO triage_rules(contact_type, pattern, language, priority, enabled, origin) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(r.contact_type, r.pattern, r.language, r.priority, int(r.enabled), r.origin)
         for r in DEFAULT_RULES],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO escalation_matrix(contact_type, owner, target_hours, resolution, "
        "dollar_limit, notes, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(r.contact_type, r.owner, r.target_hours, r.resolution, None, r.notes, i)
         for i, r in enumerate(DEFAULT_MATRIX)],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO reply_templates(name, body, updated_at) VALUES (?, ?, '')",
        [(t.name, t.body) for t in DEFAULT_TEMPLATES],
    )
    conn.executemany(
        "INSERT INTO settings(key, value) VALUES (?, 'true')",
        [("triage_rules_seeded",), ("reply_templates_seeded",)],
    )
    conn.commit()


def test_a_new_database_is_seeded_exactly_once(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_db(path)
    assert migrations.MIGRATIONS[SEEDING_STEP - 1] is migrations.seed_defaults
    assert counts(db) == (len(DEFAULT_RULES), len(DEFAULT_MATRIX), len(DEFAULT_TEMPLATES))
    assert load_matrix(db) == list(DEFAULT_MATRIX)
    assert [r.origin for r in load_rules(db)] == ["default"] * len(DEFAULT_RULES)
    db.conn.close()
    assert migrate(path) == migrations.SCHEMA_VERSION  # nothing left to run
    db = open_db(path)
    assert counts(db) == (len(DEFAULT_RULES), len(DEFAULT_MATRIX), len(DEFAULT_TEMPLATES))
    db.conn.close()


def test_an_old_seeded_database_keeps_the_sellers_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = old_database(path)
    seed_like_the_old_readers(conn)
    # The seller then edited: a rule and a template deleted, a rule of their own, a matrix owner.
    conn.execute("DELETE FROM triage_rules WHERE id = 1")
    conn.execute(
        "INSERT INTO triage_rules(contact_type, pattern, priority, origin) "
        "VALUES ('product_defect', 'wobbl*', 85, 'seller')"
    )
    conn.execute("DELETE FROM reply_templates WHERE id = 1")
    conn.execute("UPDATE escalation_matrix SET owner = 'Ana' WHERE position = 0")
    conn.commit()
    before = {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("triage_rules", "escalation_matrix", "reply_templates")
    }
    conn.close()
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert path.with_name(f"{path.name}.pre-v{migrations.SCHEMA_VERSION}.bak").exists()
    after = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in before}
    assert after == before
    assert load_matrix(db)[0].owner == "Ana"
    db.conn.close()


def test_an_old_database_whose_rules_were_all_deleted_stays_without_rules(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    conn = old_database(path)
    seed_like_the_old_readers(conn)
    conn.execute("DELETE FROM triage_rules")
    conn.execute("DELETE FROM reply_templates")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert counts(db) == (0, len(DEFAULT_MATRIX), 0)
    db.conn.close()


def test_an_old_database_never_read_gets_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = old_database(path)
    conn.execute("INSERT INTO review_log (reviewed_at) VALUES ('2026-11-20T00:00:00+00:00')")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert counts(db) == (len(DEFAULT_RULES), len(DEFAULT_MATRIX), len(DEFAULT_TEMPLATES))
    assert load_matrix(db) == list(DEFAULT_MATRIX)
    db.conn.close()


def test_an_old_partial_matrix_gains_the_missing_rows_after_the_sellers(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = old_database(path)
    conn.execute(
        "INSERT INTO escalation_matrix(contact_type, owner, target_hours, resolution, "
        "dollar_limit, position) VALUES ('product_defect', 'Bo', 6, 'refund', '80', 0)"
    )
    conn.commit()
    conn.close()
    db = open_db(path)
    rows = load_matrix(db)
    assert rows[0] == EscalationRow("product_defect", "Bo", 6, "refund", Decimal("80"))
    assert rows[1:] == [r for r in DEFAULT_MATRIX if r.contact_type != "product_defect"]
    assert db.execute("SELECT count(*) FROM escalation_matrix").fetchone()[0] == len(CONTACT_TYPES)
    db.conn.close()


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    path = tmp_path / "read.sqlite3"
    db = open_db(path)
    # A partial matrix: the old load_matrix wrote the missing rows back.
    save_matrix(db, [EscalationRow("product_defect", "Bo", 6, "refund", Decimal("80"))])
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


def test_readers_do_not_write(seeded_path: Path) -> None:
    db = open_db(seeded_path)
    before = db.conn.total_changes
    assert len(load_matrix(db)) == len(CONTACT_TYPES)
    assert len(load_rules(db)) == len(DEFAULT_RULES)
    assert load_rules(db, enabled_only=True)
    assert len(list_templates(db)) == len(DEFAULT_TEMPLATES)
    assert db.conn.total_changes == before
    assert db.execute("SELECT count(*) FROM escalation_matrix").fetchone()[0] == 1
    db.conn.close()


def test_readers_work_on_a_read_only_connection(seeded_path: Path) -> None:
    conn = sqlite3.connect(f"file:{seeded_path}?mode=ro", uri=True)
    db = sqlite_utils.Database(conn)
    assert len(load_matrix(db)) == len(CONTACT_TYPES)
    assert len(load_rules(db)) == len(DEFAULT_RULES)
    assert len(list_templates(db)) == len(DEFAULT_TEMPLATES)
    conn.close()
