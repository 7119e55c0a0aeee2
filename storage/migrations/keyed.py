"""Data steps that need the PII key: run by `Store` once the key is known to be right.

Schema steps (storage/migrations/__init__.py) run before any key is at hand, and a lost
key must never stop the metrics, so a step that re-encrypts or re-hashes waits here until
the key opens this database's data; the setting `pii_format` counts the steps done. Without
the key nothing here runs and nothing is lost: old blobs stay readable by the old rules,
plaintext comments stay where they were, and the next start with the key finishes the job.
A database with data is copied to `<name>.pre-pii<N>.bak` first, like a schema step.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from storage.cipher import BLOB_VERSION, PLACEHOLDER, PiiCipher, legacy_alias_hash
from storage.pii_places import ENCRYPTED

log = logging.getLogger(__name__)

PII_FORMAT_SETTING = "pii_format"
LEGACY_SALT_SETTING = "thread_salt"
UNKEYED_ID = "sha256:"

KeyedStep = Callable[[sqlite3.Connection, PiiCipher], None]


def bind_and_encrypt(conn: sqlite3.Connection, cipher: PiiCipher) -> None:
    """Format 1 (issue 15 points 3, 7, 8): keyed ids, free text encrypted, blobs bound.

    Ids first, since a message's blobs are bound to its (new) id.
    """
    _rekey_message_ids(conn, cipher)
    _rekey_threads(conn, cipher)
    _encrypt_free_text(conn, cipher)
    _bind_blobs(conn, cipher)


KEYED_STEPS: list[KeyedStep] = [bind_and_encrypt]
PII_FORMAT = len(KEYED_STEPS)


def pii_format(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [PII_FORMAT_SETTING]).fetchone()
    try:
        return int(json.loads(row[0])) if row else 0
    except (TypeError, ValueError):
        return 0


def run_keyed_steps(db: sqlite_utils.Database, path: Path, cipher: PiiCipher) -> int:
    """Run the steps this file lacks with a key known to open its data; returns how many.

    Each step is one transaction with its `pii_format` bump, re-checked inside it, so two
    processes starting together run it once.
    """
    start = pii_format(db)
    if start >= PII_FORMAT:
        return 0
    try:
        return _run(db, path, cipher, start)
    except (sqlite3.Error, OSError) as exc:
        # A read-only file or a full disk: the data stays in the old, readable form and
        # the next start tries again; nothing half-done stays (one transaction a step).
        log.error("the one-time re-encryption of %s did not run: %s", path, exc)
        return 0


def _run(db: sqlite_utils.Database, path: Path, cipher: PiiCipher, start: int) -> int:
    from storage.db import backup_copy, transaction

    if _has_data(db.conn):
        backup_copy(db.conn, path.with_name(f"{path.name}.pre-pii{PII_FORMAT}.bak"))
    done = 0
    for step in range(start, PII_FORMAT):
        with transaction(db):
            if pii_format(db) > step:
                continue
            KEYED_STEPS[step](db.conn, cipher)
            db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [PII_FORMAT_SETTING, json.dumps(step + 1)],
            )
            done += 1
    return done


def _has_data(conn: sqlite3.Connection) -> bool:
    tables = ("orders", "feedback", "messages", "claims", "notes", "returns_fba")
    return any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in tables)


def _rekey_message_ids(conn: sqlite3.Connection, cipher: PiiCipher) -> None:
    """Ids of e-mails without a Message-ID: a plain content digest becomes a keyed one."""
    old = [
        r[0]
        for r in conn.execute(
            "SELECT message_id FROM messages WHERE message_id LIKE ?", [UNKEYED_ID + "%"]
        )
    ]
    conn.executemany(
        "UPDATE messages SET message_id = ? WHERE message_id = ?",
        [(cipher.message_id(m), m) for m in old],
    )


def _rekey_threads(conn: sqlite3.Connection, cipher: PiiCipher) -> None:
    """Salted alias hashes become keyed ones, and the salt leaves the database.

    The alias comes back from an inbound message's decrypted sender (checked against the
    old hash); a thread whose every sender was purged has no alias left, so its new id is
    a keyed hash of the old one: it stays one thread, and is past retention anyway.
    """
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [LEGACY_SALT_SETTING]).fetchone()
    try:
        salt = bytes.fromhex(json.loads(row[0])) if row else b""
    except (TypeError, ValueError):
        salt = b""
    aliases: dict[str, str] = {}
    for thread, blob in conn.execute(
        "SELECT thread_id, sender_enc FROM messages WHERE thread_id LIKE 'h:%' "
        "AND direction = 'in' AND sender_enc IS NOT NULL"
    ):
        sender = cipher.decrypt(blob)
        if thread not in aliases and salt and legacy_alias_hash(salt, sender) == thread:
            aliases[thread] = sender
    threads = [
        r[0]
        for r in conn.execute("SELECT DISTINCT thread_id FROM messages WHERE thread_id LIKE 'h:%'")
    ]
    conn.executemany(
        "UPDATE messages SET thread_id = ? WHERE thread_id = ?",
        [
            (
                cipher.thread_id(aliases[t])
                if t in aliases
                else "t:" + cipher.lookup_hash("legacy-thread", t),
                t,
            )
            for t in threads
        ],
    )
    conn.execute("DELETE FROM settings WHERE key = ?", [LEGACY_SALT_SETTING])


_FREE_TEXT = (
    ("feedback", "order_id", (("comments", "comments_enc"), ("response", "response_enc"))),
    ("claims", "claim_id", (("notes", "notes_enc"),)),
    ("notes", "CAST(id AS TEXT)", (("text", "text_enc"), ("evidence_path", "evidence_path_enc"))),
)


def _encrypt_free_text(conn: sqlite3.Connection, cipher: PiiCipher) -> None:
    """Free text kept in plaintext columns moves, encrypted, into its `_enc` column."""
    for table, key_sql, pairs in _FREE_TEXT:
        plain = [p for p, _ in pairs]
        wanted = " OR ".join(f"{p} != ''" for p in plain)
        rows = conn.execute(
            f"SELECT rowid, {key_sql}, {', '.join(plain)} FROM {table} WHERE {wanted}"
        ).fetchall()
        sets = ", ".join([f"{e} = ?" for _, e in pairs] + [f"{p} = ''" for p in plain])
        conn.executemany(
            f"UPDATE {table} SET {sets} WHERE rowid = ?",
            [
                (
                    *(
                        cipher.encrypt_field(text, table, enc, key)
                        for text, (_, enc) in zip(texts, pairs, strict=True)
                    ),
                    rowid,
                )
                for rowid, key, *texts in rows
            ],
        )


def _bind_blobs(conn: sqlite3.Connection, cipher: PiiCipher) -> None:
    """Version-1 blobs become version 2: bound to their place and padded.

    A blob this key cannot open (written under another key) is left as it is.
    """
    for e in ENCRYPTED:
        rows = conn.execute(
            f"SELECT rowid, {e.key_sql}, {e.column} FROM {e.table} "
            f"WHERE substr({e.column}, 1, 1) = ?",
            [bytes([BLOB_VERSION])],
        ).fetchall()
        updates = []
        for rowid, key, blob in rows:
            text = cipher.decrypt(blob)
            if text != PLACEHOLDER:
                updates.append((cipher.encrypt_field(text, e.table, e.column, key), rowid))
        conn.executemany(f"UPDATE {e.table} SET {e.column} = ? WHERE rowid = ?", updates)
