"""seller-a imported end to end must give expected.json (the worked example of metrics.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.clock import parse_iso
from core.deadlines import build_board
from core.metrics import compute_metrics
from core.serialize import board_to_json, metrics_to_json
from core.settings import MetricSettings
from storage.repository.metric_inputs import load_inputs

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
IMPORTED_AT = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


@pytest.fixture
def seller_a(store: Any, samples: Path) -> Any:
    from storage.imports.apply import apply_import

    folder = samples / "seller-a"
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".csv"):
            outcome = apply_import(store, path, now=IMPORTED_AT)
            assert outcome.error is None, outcome.error
    return store


@pytest.fixture
def expected(samples: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((samples / "seller-a" / "expected.json").read_text())
    return data


def assert_matches(got: Any, want: Any, path: str = "") -> None:
    """Every key of `want` is in `got`; rates within 0.005, everything else exactly."""
    if isinstance(want, dict):
        assert isinstance(got, dict), path
        for key, value in want.items():
            assert key in got, f"{path}.{key} missing"
            assert_matches(got[key], value, f"{path}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: {got!r}"
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            assert_matches(g, w, f"{path}[{i}]")
    elif isinstance(want, float) and path.endswith(".value"):
        assert got == pytest.approx(want, abs=0.005), path
    else:
        assert got == want, f"{path}: {got!r} != {want!r}"


def test_metrics_match_expected(seller_a: Any, expected: dict[str, Any]) -> None:
    settings = MetricSettings()
    inputs = load_inputs(seller_a.db, AS_OF, settings)
    got = metrics_to_json(compute_metrics(inputs, AS_OF, settings), AS_OF, None)
    assert got["as_of"] == expected["as_of"]
    for name, want in expected["metrics"].items():
        assert_matches(got["metrics"][name], want, name)


def test_board_matches_expected(seller_a: Any, expected: dict[str, Any]) -> None:
    settings = MetricSettings()
    inputs = load_inputs(seller_a.db, AS_OF, settings)
    items = board_to_json(build_board(inputs, AS_OF, settings), AS_OF)["items"]
    keys = ("kind", "order_id", "due_at", "seconds_left", "state")
    assert [{k: i[k] for k in keys} for i in items] == [
        {k: e[k] for k in keys} for e in expected["deadlines"]
    ]
    assert all(parse_iso(i["due_at"]).tzinfo is not None for i in items)


@pytest.mark.parametrize("marketplace", ["US", "amazon.com", "ATVPDKIKX0DER", "Amazon.com"])
def test_marketplace_filter_keeps_everything_of_a_single_marketplace(
    seller_a: Any, expected: dict[str, Any], marketplace: str
) -> None:
    inputs = load_inputs(seller_a.db, AS_OF, MetricSettings(), marketplace)
    got = metrics_to_json(compute_metrics(inputs, AS_OF), AS_OF, marketplace)
    assert got["marketplace"] == "Amazon.com"
    for name, want in expected["metrics"].items():
        assert_matches(got["metrics"][name], want, name)
    assert len(build_board(inputs, AS_OF)) == len(expected["deadlines"])


def test_other_marketplace_is_empty(seller_a: Any) -> None:
    inputs = load_inputs(seller_a.db, AS_OF, MetricSettings(), "UK")
    result = compute_metrics(inputs, AS_OF)
    assert result.odr.rate.denominator == 0
    assert result.lrr.rate.denominator == 0
    assert result.rdr.rate.denominator == 0
    assert build_board(inputs, AS_OF) == []


def test_text_rows_round_to_two_decimals(seller_a: Any) -> None:
    from core.serialize import metrics_rows

    rows = metrics_rows(compute_metrics(load_inputs(seller_a.db, AS_OF), AS_OF))
    by_name = {r[0].strip(): r for r in rows[1:]}
    assert by_name["ODR"][1:7] == ["0.63", "5", "796", "1.00", "warning", "0"]
    assert by_name["ODR AFN"][1] == "0.82"
    assert by_name["LRR"][1:4] == ["16.67", "8", "48"]
    assert by_name["NFR"][6] == "-"
