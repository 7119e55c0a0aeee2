"""Fuzzing the section 9 importers like the others: records or ImportRefused, nothing else.

Mutated heads of the reimbursement sample files, and random cells under the spec's
headers (tab-delimited, and the Date Range CSV with and without its preamble).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from tests.fixtures.fba_reports import (
    ADJUSTMENTS,
    DATE_RANGE,
    LEDGER,
    LEDGER_SPACED,
    PREAMBLE,
    REIMBURSEMENTS,
    REMOVALS,
    SETTLEMENT_V1,
    SETTLEMENT_V2,
    SHIPMENTS,
)
from tests.test_importers_fuzz import FUZZ, _cell_text, _mutation, import_bytes, mutate, workdir

__all__ = ["workdir"]  # the module fixture, shared

FOLDER = SAMPLES / "reimbursements"
HEADS = {
    p.name: b"".join(p.read_bytes().splitlines(keepends=True)[:14])
    for p in sorted(FOLDER.glob("*"))
    if p.is_file()
}
_fba_cells = st.one_of(
    _cell_text,
    st.sampled_from(["10/01/2026", "02/30/2026", "25.08.2026", "Jun 8, 2025 10:23:05 PM PDT",
                     "01.09.2026 10:22:11 UTC", "1 Sep 2026 10:22:11 XYZ", "Refund", "Erstattung",
                     "Adjustments", "CustomerReturns", "M", "F", "E", "Completed", "-1,50",
                     "1.234,56", "AFN", "MFN", "X001WHISK1", "0"]),
)  # fmt: skip


@FUZZ
@given(name=st.sampled_from(sorted(HEADS)), ops=st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_samples(workdir: Path, name: str, ops: list[tuple[Any, ...]]) -> None:
    raw = HEADS[name]
    for op in ops:
        raw = mutate(raw, op)
    import_bytes(workdir, raw)


@FUZZ
@given(
    header=st.sampled_from([SHIPMENTS, REIMBURSEMENTS, ADJUSTMENTS, LEDGER, LEDGER_SPACED,
                            REMOVALS, SETTLEMENT_V2, SETTLEMENT_V1]),
    drop=st.sets(st.integers(min_value=0, max_value=50), max_size=3),
    rows=st.lists(st.lists(_fba_cells, min_size=0, max_size=50), max_size=4),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)  # fmt: skip
def test_random_cells_under_the_spec_headers(
    workdir: Path, header: list[str], drop: set[int], rows: list[list[str]], encoding: str
) -> None:
    kept = [h for i, h in enumerate(header) if i not in drop]
    text = "\n".join(["\t".join(kept), *("\t".join(r).replace("\n", " ") for r in rows)]) + "\n"
    try:
        content = text.encode(encoding)
    except UnicodeEncodeError:
        content = text.encode("utf-8")
    import_bytes(workdir, content)


@FUZZ
@given(
    preamble=st.booleans(),
    drop=st.sets(st.integers(min_value=0, max_value=30), max_size=3),
    rows=st.lists(st.lists(_fba_cells, min_size=0, max_size=32), max_size=4),
)
def test_random_cells_in_a_date_range_report(
    workdir: Path, preamble: bool, drop: set[int], rows: list[list[str]]
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow([h for i, h in enumerate(DATE_RANGE) if i not in drop])
    writer.writerows(rows)
    text = ("\n".join(PREAMBLE) + "\n" if preamble else "") + out.getvalue()
    import_bytes(workdir, text.encode("utf-8"))


@pytest.mark.parametrize("name", sorted(HEADS))
def test_every_sample_head_parses(workdir: Path, name: str) -> None:
    assert isinstance(import_bytes(workdir, HEADS[name]), list)
