"""Headroom and status in exact arithmetic (metrics.md 'Status and headroom')."""

from __future__ import annotations

import math

import pytest

from core.metrics.common import below_target_status, headroom


@pytest.mark.parametrize(
    ("target", "numerator", "denominator", "expected"),
    [
        (1.0, 0, 200, 1),  # ceil(2) - 1 - 0
        (1.0, 1, 150, 0),  # ceil(1.5) - 1 - 1: the next defect breaches
        (1.0, 0, 150, 1),
        (1.0, 0, 100, 0),  # one defect in 100 is exactly 1 %: a breach
        (1.0, 0, 99, 0),
        (1.0, 0, 0, 0),
        (1.0, 5, 200, 0),  # already over: never negative
        (10.0, 0, 48, 4),
        (10.0, 8, 48, 0),
        (0.9, 0, 1000, 8),  # 0.9/100*1000 = 9 exactly; float gives 9.000000000000002
        (1.1, 0, 1000, 10),  # 1.1/100*1000 = 11 exactly; float gives 11.000000000000002
        (3.5, 0, 200, 6),  # float gives 7.000000000000001
    ],
)
def test_headroom(target: float, numerator: int, denominator: int, expected: int) -> None:
    assert headroom(target, numerator, denominator) == expected


@pytest.mark.parametrize(("target", "denominator"), [(0.9, 1000), (1.1, 1000), (3.5, 200)])
def test_float_ceil_would_be_wrong_here(target: float, denominator: int) -> None:
    naive = max(0, math.ceil(target / 100 * denominator) - 1)
    assert naive != headroom(target, 0, denominator)


@pytest.mark.parametrize(
    ("numerator", "denominator", "status"),
    [
        (0, 0, "no_data"),
        (0, 1000, "ok"),
        (7, 1000, "ok"),  # 0.7 % < 0.75 %, headroom 2
        (3, 400, "warning"),  # exactly 0.75 %: warn_ratio x target, inclusive
        (1, 150, "warning"),  # 0.67 % but headroom 0
        (9, 1000, "warning"),  # headroom 0
        (1, 100, "breach"),  # exactly the target is a breach
        (2, 150, "breach"),
    ],
)
def test_status(numerator: int, denominator: int, status: str) -> None:
    assert below_target_status(numerator, denominator, 1.0, 0.75) == status


def test_status_at_exact_warning_edge_with_decimal_target() -> None:
    # 0.7 % target, warn at 0.525 %: 21/4000 is exactly 0.525 %
    assert below_target_status(21, 4000, 0.7, 0.75) == "warning"
    assert below_target_status(20, 4000, 0.7, 0.75) == "ok"
