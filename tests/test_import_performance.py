"""Seller performance report (JSON): the sample, spelling variants and refusals."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.model import PerformanceMetric, PerformanceReport
from storage.imports.errors import ImportRefused
from storage.reports.performance.parse import KIND, parse

FIXTURES = Path(__file__).parent / "fixtures" / "perf"
US = "ATVPDKIKX0DER"
UK = "A1F83G8C2ARO7P"
DE = "A1PA6795UKMFR9"


def only(path: Path) -> PerformanceReport:
    [report] = parse(path)
    return report


def metric(
    report: PerformanceReport, name: str, channel: str = "", market: str = US
) -> PerformanceMetric:
    [found] = [
        m
        for m in report.metrics
        if (m.marketplace_id, m.name, m.channel) == (market, name, channel)
    ]
    return found


def test_kind() -> None:
    assert KIND == "performance"


def test_sample_report(samples: Path) -> None:
    path = samples / "performance" / "seller-performance-2026-11-20.json"
    report = only(path)
    assert report.account_statuses == {US: "NORMAL"}
    assert report.ahr_status == {US: "GREAT"}
    assert report.ahr_score == {}
    assert report.raw_json == path.read_text(encoding="utf-8")
    mfn = metric(report, "orderDefectRate", "mfn")
    assert (mfn.rate, mfn.target, mfn.target_condition, mfn.status) == (
        0.01,
        0.01,
        "LESS_THAN",
        "BAD",
    )
    assert mfn.counts == {
        "orderCount": 301,
        "orderWithDefects": 3,
        "claims": 2,
        "chargebacks": 1,
        "negativeFeedback": 1,
    }
    assert mfn.date_from == datetime(2026, 8, 24, tzinfo=UTC)
    assert mfn.date_to == datetime(2026, 11, 5, 23, 59, 59, tzinfo=UTC)
    afn = metric(report, "orderDefectRate", "afn")
    assert (afn.rate, afn.status, afn.counts["orderCount"]) == (0.0039, "GOOD", 512)
    # prefulfillmentCancelRate is stored under the schema's name.
    pcr = metric(report, "preFulfillmentCancellationRate")
    assert pcr.counts == {"cancellationCount": 0, "orderCount": 71}
    assert metric(report, "validTrackingRate").target_condition == "GREATER_THAN"
    assert metric(report, "invoiceDefectRate").counts == {"invoiceDefect": 0, "orderCount": 0}
    policy = metric(report, "productConditionCustomerComplaints")
    assert (policy.rate, policy.status, policy.counts) == (None, "BAD", {"defectsCount": 1})
    names = {m.name for m in report.metrics}
    assert "accountHealthRating" not in names and "warningStates" not in names
    assert "documentRequests" in names
    assert len(report.metrics) == 18


def test_spelling_variants_and_two_marketplaces() -> None:
    report = only(FIXTURES / "variants.json")
    assert report.account_statuses == {UK: "AT_RISK", DE: "NORMAL"}
    assert report.ahr_status == {UK: "AT_RISK", DE: "GREAT"}
    assert report.ahr_score == {UK: 180}
    mfn = metric(report, "orderDefectRate", "mfn", UK)
    assert mfn.rate == 0.02  # a numeric string is read as the number
    assert mfn.date_from == datetime(2026, 8, 23, 23, 0, tzinfo=UTC)
    assert mfn.date_to == datetime(2026, 11, 5, tzinfo=UTC)
    assert [m.channel for m in report.metrics if m.name == "orderDefectRate"] == ["mfn"]
    assert metric(report, "preFulfillmentCancellationRate", market=UK).rate == 0.01
    assert metric(report, "documentRequests", market=UK).counts == {"defectsCount": 2}
    assert metric(report, "warningStates", market=UK).status == "NONE"
    names = {m.name for m in report.metrics}
    assert "lateShipmentRateList" not in names and "unknownFutureBlock" not in names
    assert not [m for m in report.metrics if m.marketplace_id == DE]


def test_both_spellings_in_one_block_keep_the_first(tmp_path: Path) -> None:
    data = {
        "performanceMetrics": [
            {
                "marketplaceId": US,
                "preFulfillmentCancellationRate": {"rate": 0.01, "status": "GOOD"},
                "prefulfillmentCancelRate": {"rate": 0.02, "status": "GOOD"},
            }
        ]
    }
    report = only(dump(tmp_path, data))
    assert [m.rate for m in report.metrics] == [0.01]
    assert report.account_statuses == {}


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(ImportRefused) as info:
        list(parse(FIXTURES / "broken.json"))
    assert (info.value.line, info.value.column) == (3, "39")
    assert str(info.value).startswith("broken.json, line 3, column '39': the JSON is not valid")


def dump(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "perf.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def sample_with(samples: Path, change: Any) -> Any:
    data = json.loads(
        (samples / "performance" / "seller-performance-2026-11-20.json").read_text(encoding="utf-8")
    )
    change(data)
    return data


def _set(path: str, value: Any) -> Any:
    """A change that sets one JSON path (dotted, with [index]) of the sample."""

    def change(data: Any) -> None:
        keys: list[str | int] = []
        for part in path.replace("]", "").split("."):
            name, _, index = part.partition("[")
            keys.append(name)
            if index:
                keys.append(int(index))
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


ODR_MFN = "performanceMetrics[0].orderDefectRate.mfn"


@pytest.mark.parametrize(
    ("where", "value", "fragment"),
    [
        (f"{ODR_MFN}.rate", "abc", "'abc' is not a number"),
        (f"{ODR_MFN}.rate", True, "'Tru…' (4 characters) is not a number"),
        (f"{ODR_MFN}.rate", "lots", "'lot…' (4 characters) is not a number"),
        (f"{ODR_MFN}.rate", 1.5, "not a fraction between 0 and 1"),
        (f"{ODR_MFN}.rate", -0.1, "not a fraction between 0 and 1"),
        (f"{ODR_MFN}.targetValue", "high", "'hig…' (4 characters) is not a number"),
        (f"{ODR_MFN}.orderCount", 3.5, "not a whole number"),
        (f"{ODR_MFN}.claims.count", "two", "'two' is not a number"),
        (
            f"{ODR_MFN}.reportingDateRange.reportingDateFrom",
            "last week",
            "'las…' (9 characters) is not an ISO 8601",
        ),
        (f"{ODR_MFN}.reportingDateRange", "90 days", "reportingDateFrom/To"),
        ("performanceMetrics[0].lateShipmentRate.rate", "4%", "'4%' is not a number"),
        ("performanceMetrics[0].marketplaceId", "", "marketplace id is missing"),
        ("accountStatuses[0].marketplaceId", None, "marketplace id is missing"),
        (
            "performanceMetrics[0].accountHealthRating.ahrScore",
            "high",
            "'hig…' (4 characters) is not a number",
        ),
    ],
)
def test_bad_values_refuse_naming_the_json_path(
    tmp_path: Path, samples: Path, where: str, value: Any, fragment: str
) -> None:
    path = dump(tmp_path, sample_with(samples, _set(where, value)))
    with pytest.raises(ImportRefused) as info:
        list(parse(path))
    assert info.value.column == where
    assert str(info.value).startswith(f"perf.json, column '{where}': ")
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("data", "column", "fragment"),
    [
        ([], None, "not a seller performance report"),
        (
            {"reportType": "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"},
            None,
            "not a seller performance report",
        ),
        (
            {"performanceMetrics": {"marketplaceId": US}},
            "performanceMetrics",
            "a list was expected",
        ),
        ({"performanceMetrics": ["x"]}, "performanceMetrics[0]", "an object was expected"),
    ],
    ids=["array", "other-json", "metrics-not-list", "entry-not-object"],
)
def test_json_that_is_not_a_performance_report_is_refused(
    tmp_path: Path, data: Any, column: str | None, fragment: str
) -> None:
    with pytest.raises(ImportRefused) as info:
        list(parse(dump(tmp_path, data)))
    assert info.value.file == "perf.json" and info.value.column == column
    assert fragment in str(info.value)
