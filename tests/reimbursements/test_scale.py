"""The finder stays linear: one FNSKU with tens of thousands of events, and the benchmark's data."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from core.reimbursements import find_cases
from tests.reimbursements.factory import AS_OF, event, find, reimbursement

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "reimbursements_finder.py"


def test_one_fnsku_with_many_events_is_not_quadratic() -> None:
    """30,000 losses, found units and payments of one FNSKU: a scan per event would take minutes."""
    n = 10_000
    rows: list[object] = []
    for i in range(n):
        ago = 1 + i % 365
        rows.append(event(ago, "M", -2, ref=f"L{i}"))
        rows.append(event(ago, "F", 1, ref=f"F{i}"))
        rows.append(reimbursement(ago, 1, reason="Lost_Warehouse", rid=f"R{i}"))
    start = time.process_time()
    cases = find(*rows)
    assert time.process_time() - start < 10
    assert sum(c.quantity for c in cases) <= n


def test_the_benchmark_data_runs_small() -> None:
    spec = importlib.util.spec_from_file_location("reimbursements_finder", BENCHMARK)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.ORDERS, bench.SKUS = 3_000, 30
    year = bench.Year(1)
    cases = find_cases(year.inputs(), bench.AS_OF)
    kinds = {c.kind for c in cases}
    assert kinds == {"customer_return", "return_damaged", "warehouse", "removal", "reversal"}
    assert year.rows() > 3_000
    assert AS_OF < bench.AS_OF
