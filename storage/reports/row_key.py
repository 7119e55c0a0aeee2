"""The upsert of report rows that carry no id of their own (ledger, settlement, Date Range...).

Such a row is known by its identity cells; two equal rows in one file are two
events, so the key is the identity plus its occurrence in the file (1, 2, ...).
Re-importing the file, or a later file that repeats the rows, finds the same keys.
The key is one indexed text column, so a batch is looked up by exact key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from storage.imports.context import ImportContext
from storage.imports.keyed import KeyedRow, KeyedWriter

_SEP = "\x1f"  # ASCII unit separator: never part of a report cell


def identity_key(identity: Sequence[Any], occurrence: int) -> str:
    return _SEP.join("" if v is None else str(v) for v in identity) + f"{_SEP}#{occurrence}"


class RowKeyWriter(KeyedWriter):
    """A kind's writer names its `shape` (keys = ("row_key",)) and splits a record into
    (identity values, other plain values, PII plaintexts); the shape's plain columns
    are the identity columns followed by the others."""

    def __init__(self, ctx: ImportContext) -> None:
        super().__init__(ctx)
        self._seen: Counter[tuple[Any, ...]] = Counter()

    def parts(self, record: Any) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]]:
        raise NotImplementedError

    def row(self, record: Any) -> KeyedRow:
        identity, plain, pii = self.parts(record)
        self._seen[identity] += 1
        key = identity_key(identity, self._seen[identity])
        return (key,), (*identity, *plain), pii, ()
