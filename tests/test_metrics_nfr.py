"""NFR rules: window by feedback date, exclusions, completeness and the typed-in total."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.metrics import MetricInputs, compute_metrics
from core.metrics.nfr import compute_nfr
from core.metrics.result import NfrResult
from core.model import Feedback
from core.settings import MetricSettings

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
DAY = date(2026, 11, 1)


def fb(
    rating: int,
    day: date = DAY,
    *,
    full: bool = True,
    struck_through: bool = False,
    removed: bool = False,
) -> Feedback:
    return Feedback(
        f"o-{rating}-{day}",
        day,
        rating,
        from_full_report=full,
        struck_through=struck_through,
        removed=removed,
    )


def nfr(*feedback: Feedback, settings: MetricSettings | None = None) -> NfrResult:
    inputs = MetricInputs.from_records(feedback=feedback)
    return compute_metrics(inputs, AS_OF, settings or MetricSettings()).nfr


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (date(2026, 8, 23), True),  # 00:00 Aug 23 >= Aug 22 15:00
        (date(2026, 8, 22), False),  # 00:00 Aug 22 < Aug 22 15:00
        (date(2026, 11, 20), True),  # today, placed at 00:00
        (date(2026, 11, 21), False),
    ],
)
def test_window_by_feedback_date(day: date, inside: bool) -> None:
    r = nfr(fb(1, day), fb(5))
    assert (r.rate.numerator, r.rate.denominator) == ((1, 2) if inside else (0, 1))


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (fb(1, struck_through=True), (1, 4)),
        (fb(2, removed=True), (1, 4)),
        (fb(3), (1, 5)),  # neutral counts in the denominator only
        (fb(2), (2, 5)),
    ],
)
def test_exclusions(extra: Feedback, expected: tuple[int, int]) -> None:
    r = nfr(fb(1), fb(4), fb(5), fb(5), extra)
    assert (r.rate.numerator, r.rate.denominator) == expected


@pytest.mark.parametrize(
    ("n_negative", "n_total", "status"),
    [(5, 100, "ok"), (6, 100, "warning"), (10, 100, "warning"), (11, 100, "breach")],
)
def test_status_thresholds_are_strict(n_negative: int, n_total: int, status: str) -> None:
    items = [fb(1, date(2026, 10, 1 + i % 28)) for i in range(n_negative)]
    items += [Feedback(f"p{i}", DAY, 5) for i in range(n_total - n_negative)]
    r = nfr(*items)
    assert r.rate.status == status
    assert r.rate.headroom is None
    assert r.rate.target == 5.0


def test_negative_only_data_is_incomplete() -> None:
    r = nfr(fb(1, full=False), fb(3, full=False))
    assert r.complete is False
    assert r.rate.status == "no_data"
    assert (r.rate.numerator, r.rate.denominator) == (1, 2)


def test_a_positive_rating_makes_it_complete() -> None:
    r = nfr(fb(1, full=False), fb(4, full=False))
    assert r.complete is True
    assert r.rate.status == "breach"
    assert r.rate.value == pytest.approx(50.0)


def test_full_report_with_no_positives_is_complete() -> None:
    assert nfr(fb(1, full=True), fb(3, full=True)).complete is True


def test_typed_in_total_serves_as_denominator() -> None:
    s = MetricSettings(feedback_manager_total=40)
    r = nfr(fb(1, full=False), fb(3, full=False), settings=s)
    assert (r.rate.numerator, r.rate.denominator) == (1, 40)
    assert r.rate.value == pytest.approx(2.5)
    assert r.rate.status == "ok"
    assert (r.complete, r.typed_total) == (False, True)
    assert r.by_window[30].rate.status == "no_data"  # the total is for the status window


def test_typed_in_total_never_below_the_ratings_held() -> None:
    r = nfr(
        fb(1, full=False),
        fb(2, full=False),
        fb(3, full=False),
        settings=MetricSettings(feedback_manager_total=2),
    )
    assert r.rate.denominator == 3


def test_typed_in_total_is_ignored_when_data_is_complete() -> None:
    r = nfr(fb(1), fb(5), settings=MetricSettings(feedback_manager_total=500))
    assert r.rate.denominator == 2 and r.typed_total is False


def test_by_window() -> None:
    r = nfr(
        fb(1, date(2026, 11, 1)),
        fb(5, date(2026, 9, 1)),
        fb(2, date(2026, 3, 1)),
        fb(5, date(2025, 11, 1)),
    )
    got = {n: (w.rate.numerator, w.rate.denominator) for n, w in r.by_window.items()}
    assert got == {30: (1, 1), 90: (1, 2), 365: (2, 3)}
    assert r.by_window[365].rate.window_start == datetime(2025, 11, 20, 15, tzinfo=UTC)


def test_counts_of_one_date_are_placed_together_in_every_window() -> None:
    counts = {
        (date(2026, 11, 1), 1, True): 2,
        (date(2026, 11, 1), 5, True): 3,
        (date(2026, 11, 1), 4, False): 1,
        (date(2026, 8, 23), 2, True): 1,  # first date inside the 90-day window
        (date(2026, 8, 22), 2, True): 4,  # last date outside it
        (date(2026, 11, 21), 1, True): 9,  # after as_of: does not exist yet
    }
    r = compute_nfr(counts, AS_OF, MetricSettings())
    got = {n: (w.rate.numerator, w.rate.denominator) for n, w in r.by_window.items()}
    assert got == {30: (2, 6), 90: (3, 7), 365: (7, 11)}
