"""Fuzzing detect_report + each kind's parser: a file yields records or ImportRefused, nothing else.

Random bytes, mutated heads of the real samples (cells dropped, duplicated or
altered, lines dropped or repeated, truncation, flipped and inserted bytes),
and synthetic tables built from known header names with random cells.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.model import Record
from storage.imports.errors import ImportRefused
from storage.reports.detect import detect_report
from tests.conftest import SAMPLES
from tests.fixtures.report_files import (
    FEEDBACK_9,
    ORDERS_CURRENT,
    ORDERS_OLDER,
    RETURNS_FBA,
    RETURNS_FBM,
)
from tests.fixtures.variant_files import ORDER_REPORT_HEADER, UNSHIPPED_HEADER, fbm_row
from tests.test_performance_variants import V1
from tests.test_report_variants import XML_ORDERS, XML_RETURNS

SAMPLE_FILES = (
    "orders-1.txt",
    "orders-2.txt",
    "feedback.txt",
    "returns-fbm.txt",
    "returns-fba.txt",
)
HEAD_LINES = 12  # the header plus a few rows keeps each example fast
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),  # raise it for a long run
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _heads() -> dict[str, bytes]:
    folder = SAMPLES / "seller-a"
    if not folder.exists():
        return {}
    heads = {}
    for name in SAMPLE_FILES:
        lines = (folder / name).read_bytes().splitlines(keepends=True)
        heads[name] = b"".join(lines[:HEAD_LINES])
    return heads


HEADS = _heads()


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def import_bytes(folder: Path, content: bytes) -> list[Record] | ImportRefused:
    """The whole pipeline on `content`: only records or a refusal may come out."""
    path = folder / "fuzzed.txt"
    path.write_bytes(content)
    try:
        return list(detect_report(path).parse(path))
    except ImportRefused as refused:
        assert str(refused).startswith("fuzzed.txt")
        assert str(refused).endswith(".")
        return refused


@FUZZ
@given(content=st.binary(max_size=2048))
def test_random_bytes(workdir: Path, content: bytes) -> None:
    import_bytes(workdir, content)


_index = st.integers(min_value=0, max_value=10_000)
_cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "0", "-1", "6", "N", "Y", "true", "NaN", "1e999", "31-Feb-2026",
                     "2026-13-01T00:00:00Z", "13/13/26", "26/11/3", "3.11.26", "Non-Amazon",
                     "Shipped - Delivered to Buyer", "Cancelled", "AFN", "Amazon", "\x00", "\r"]),
)  # fmt: skip
_mutation = st.one_of(
    st.tuples(st.just("drop_cell"), _index, _index),
    st.tuples(st.just("dup_cell"), _index, _index),
    st.tuples(st.just("alter_cell"), _index, _index, _cell_text),
    st.tuples(st.just("drop_line"), _index),
    st.tuples(st.just("dup_line"), _index),
    st.tuples(st.just("truncate"), _index),
    st.tuples(st.just("flip"), _index, st.integers(min_value=1, max_value=255)),
    st.tuples(st.just("insert"), _index, st.binary(min_size=1, max_size=8)),
)


def mutate(raw: bytes, op: tuple[Any, ...]) -> bytes:
    kind = op[0]
    lines = raw.splitlines(keepends=True) or [b""]
    if kind in ("drop_cell", "dup_cell", "alter_cell"):
        li = int(op[1]) % len(lines)
        body = lines[li].rstrip(b"\r\n")
        ending = lines[li][len(body) :]
        cells = body.split(b"\t")
        ci = int(op[2]) % len(cells)
        if kind == "drop_cell":
            del cells[ci]
        elif kind == "dup_cell":
            cells.insert(ci, cells[ci])
        else:
            cells[ci] = str(op[3]).encode("utf-8")
        lines[li] = b"\t".join(cells) + ending
        return b"".join(lines)
    if kind in ("drop_line", "dup_line"):
        li = int(op[1]) % len(lines)
        if kind == "drop_line":
            del lines[li]
        else:
            lines.insert(li, lines[li])
        return b"".join(lines)
    pos = int(op[1]) % (len(raw) + 1)
    if kind == "truncate":
        return raw[:pos]
    if kind == "flip":
        if not raw:
            return raw
        pos = min(pos, len(raw) - 1)
        return raw[:pos] + bytes([raw[pos] ^ int(op[2])]) + raw[pos + 1 :]
    return raw[:pos] + bytes(op[2]) + raw[pos:]


@pytest.mark.skipif(not HEADS, reason="tests/data/samples is not available")
@FUZZ
@given(
    name=st.sampled_from(SAMPLE_FILES),
    ops=st.lists(_mutation, min_size=1, max_size=4),
)
def test_mutated_samples(workdir: Path, name: str, ops: list[tuple[Any, ...]]) -> None:
    raw = HEADS[name]
    for op in ops:
        raw = mutate(raw, op)
    import_bytes(workdir, raw)


@FUZZ
@given(
    header=st.sampled_from(
        [
            ORDERS_CURRENT,
            ORDERS_OLDER,
            FEEDBACK_9,
            RETURNS_FBM,
            RETURNS_FBA,
            list(ORDER_REPORT_HEADER),
            list(UNSHIPPED_HEADER),
        ]
    ),  # fmt: skip
    drop=st.sets(st.integers(min_value=0, max_value=40), max_size=3),
    rows=st.lists(st.lists(_cell_text, min_size=0, max_size=40), max_size=4),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_random_cells_under_real_headers(
    workdir: Path, header: list[str], drop: set[int], rows: list[list[str]], encoding: str
) -> None:
    kept = [h for i, h in enumerate(header) if i not in drop]
    lines = ["\t".join(kept), *("\t".join(r).replace("\n", " ") for r in rows)]
    text = "\n".join(lines) + "\n"
    try:
        content = text.encode(encoding)
    except UnicodeEncodeError:
        content = text.encode("utf-8")
    import_bytes(workdir, content)


VARIANT_FILES = {
    "fbm-orders": ("\t".join(ORDER_REPORT_HEADER) + "\n" + "\t".join(fbm_row(ORDER_REPORT_HEADER))
                   + "\n").encode(),
    "unshipped": ("\t".join(UNSHIPPED_HEADER) + "\n" + "\t".join(fbm_row(UNSHIPPED_HEADER))
                  + "\n").encode(),
    "xml-orders": XML_ORDERS.format(encoding="UTF-8", a="111-0000001-0000001", city="Boise",
                                    name="Whisk").encode(),
    "xml-returns": XML_RETURNS.encode(),
    "v1-performance": V1.encode(),
}  # fmt: skip


@FUZZ
@given(
    name=st.sampled_from(sorted(VARIANT_FILES)),
    ops=st.lists(_mutation, min_size=1, max_size=4),
)
def test_mutated_variant_files(workdir: Path, name: str, ops: list[tuple[Any, ...]]) -> None:
    """The FBM order reports and the XML variants, mutated like the samples."""
    raw = VARIANT_FILES[name]
    for op in ops:
        raw = mutate(raw, op)
    import_bytes(workdir, raw)


@pytest.mark.parametrize("name", sorted(VARIANT_FILES))
def test_unmutated_variant_files_parse(workdir: Path, name: str) -> None:
    found = import_bytes(workdir, VARIANT_FILES[name])
    assert isinstance(found, list) and found, found
