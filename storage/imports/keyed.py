"""The upsert of report kinds keyed by an id (feedback, claims, FBA returns, messages).

A row is "unchanged" when its plaintext equals what is stored (encrypted
columns are decrypted to compare: their random nonces make ciphertext differ
every time). App-state columns are never written by an import. Each blob is bound
to its table, column and row key (storage/pii_places.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from storage.imports.context import ImportContext, select_in
from storage.pii_places import row_key

Key = tuple[Any, ...]
KeyedRow = tuple[Key, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]
"""(key, plain values, PII plaintexts, insert-only values) of one record."""


@dataclass(frozen=True, slots=True)
class Shape:
    """How one kind maps to its table. Insert-only columns belong to the app after insert."""

    table: str
    keys: tuple[str, ...]
    plain: tuple[str, ...]
    encrypted: tuple[str, ...] = ()
    insert_only: tuple[str, ...] = ()
    constant: tuple[tuple[str, Any], ...] = ()  # written on insert and update


class KeyedWriter:
    """Looks a batch's rows up by key, writes only the new or changed ones.

    A kind's writer names its `shape` and turns a record into a `KeyedRow`.
    """

    shape: ClassVar[Shape]

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        s = self.shape
        cols = (*s.keys, *s.plain, *s.encrypted, *s.insert_only, *(c for c, _ in s.constant))
        updates = (*s.plain, *s.encrypted, *(c for c, _ in s.constant))
        self._select = (
            f"SELECT {', '.join((*s.keys, *s.plain, *s.encrypted))} FROM {s.table} "
            f"WHERE {s.keys[0]} IN ({{}})"
        )
        self._upsert = (
            f"INSERT INTO {s.table} ({', '.join(cols)}, import_id) "
            f"VALUES ({', '.join('?' * (len(cols) + 1))}) "
            f"ON CONFLICT({', '.join(s.keys)}) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in (*updates, "import_id"))
        )
        self._constants = tuple(v for _, v in s.constant)

    def row(self, record: Any) -> KeyedRow:
        raise NotImplementedError

    def write(self, records: Sequence[Any]) -> None:
        rows = [self.row(r) for r in records]
        n_keys, n_plain = len(self.shape.keys), len(self.shape.plain)
        table, columns = self.shape.table, self.shape.encrypted
        decrypt, encrypt = self.ctx.cipher.decrypt_field, self.ctx.cipher.encrypt_field
        stored: dict[Key, tuple[tuple[Any, ...], tuple[str, ...]]] = {}
        for found in select_in(self.ctx.conn, self._select, (k[0] for k, *_ in rows)):
            values = tuple(found)
            plain = values[n_keys : n_keys + n_plain]
            where = row_key(*values[:n_keys])
            blobs = values[n_keys + n_plain :]
            pii = tuple(decrypt(b, table, c, where) for b, c in zip(blobs, columns, strict=True))
            stored[values[:n_keys]] = (plain, pii)
        writes: list[tuple[Any, ...]] = []
        for key, plain, pii, insert_only in rows:
            before = stored.get(key)
            if before == (plain, pii):
                self.ctx.counts.note("unchanged")
                continue
            self.ctx.counts.note("added" if before is None else "updated")
            stored[key] = (plain, pii)
            where = row_key(*key)
            enc = tuple(encrypt(t, table, c, where) for t, c in zip(pii, columns, strict=True))
            writes.append((*key, *plain, *enc, *insert_only, *self._constants, self.ctx.import_id))
        if writes:
            self.ctx.conn.executemany(self._upsert, writes)
