"""Queries over long lists of ids, a chunk of ids at a time.

`IN (SELECT value FROM json_each(?))` over the 300,000 order ids of a busy seller's
review-request inputs built its JSON text in one C call, and sorted the ids in another,
each holding the interpreter lock for up to half a second: the window froze while a
worker read them. Chunks of CHUNK ids keep every such call to a few milliseconds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlite_utils

CHUNK = 5_000


def id_chunks(ids: Iterable[str], size: int = CHUNK) -> Iterator[str]:
    """JSON arrays of at most `size` ids each, every id once (in the order first met)."""
    seen: set[str] = set()
    chunk: list[str] = []
    for value in ids:
        if value in seen:
            continue
        seen.add(value)
        chunk.append(value)
        if len(chunk) == size:
            yield json.dumps(chunk)
            chunk = []
    if chunk:
        yield json.dumps(chunk)


def rows_for_ids(
    db: sqlite_utils.Database, sql: str, ids: Iterable[str], params: Sequence[Any] = ()
) -> list[Any]:
    """The rows of `sql`, whose last `?` takes a JSON array of ids, over every chunk."""
    rows: list[Any] = []
    for chunk in id_chunks(ids):
        rows.extend(db.execute(sql, [*params, chunk]).fetchall())
    return rows
