"""Seller performance report variants and the older V1 XML report (issue 13), and what
the Amazon vs ours comparison makes of their new figures."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.model import PerformanceMetric, PerformanceReport
from core.reconciliation import reconcile_snapshot, reconciliation_to_json
from storage.db import Store
from storage.imports.apply import apply_import
from storage.imports.errors import ImportRefused
from storage.reports.detect import detect_report
from storage.reports.performance import parse as v2
from storage.reports.performance import parse_v1 as v1
from storage.repository.records import latest_performance

NOW = datetime(2026, 11, 20, tzinfo=UTC)
US = "ATVPDKIKX0DER"
RANGE = {"reportingDateFrom": "2026-10-21T00:00:00Z", "reportingDateTo": "2026-11-03T23:59:59Z"}


def report(tmp_path: Path, data: dict[str, Any]) -> PerformanceReport:
    path = tmp_path / "perf.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    [found] = v2.parse(path)
    return found


def metric(found: PerformanceReport, name: str) -> PerformanceMetric:
    [m] = [m for m in found.metrics if m.name == name]
    return m


VARIANTS = {
    "accountStatuses": [{"marketplaceId": US, "status": "NORMAL"}],
    "performanceMetrics": [{
        "unitOnTimeDeliveryRate": {"rate": 0.9, "status": "BAD", "targetValue": 0.95,
                                   "targetCondition": "GREATER_THAN", "totalUnitCount": 200,
                                   "unitOnTimeDeliveryCount": 180, "reportingDateRange": RANGE},
        "policyViolationWarnings": {"warningsCount": 2, "reportingDateRange": RANGE},
        "lateShipmentRateList": [{"rate": 0.05, "status": "BAD", "targetValue": 0.04,
                                  "targetCondition": "LESS_THAN", "lateShipmentCount": 5,
                                  "orderCount": 100}],
        "warningStates": [{"warningType": "LISTING_POLICY", "status": "BAD"},
                          {"warningType": "SHIPPING", "status": "GOOD"}],
    }],
}  # fmt: skip


def test_the_marketplace_comes_from_the_one_account_status(tmp_path: Path) -> None:
    found = report(tmp_path, VARIANTS)
    assert {m.marketplace_id for m in found.metrics} == {US}


def test_without_a_single_account_status_the_marketplace_is_unknown(tmp_path: Path) -> None:
    data = {**VARIANTS, "accountStatuses": []}
    assert {m.marketplace_id for m in report(tmp_path, data).metrics} == {""}


def test_new_blocks_and_list_forms_are_read(tmp_path: Path) -> None:
    found = report(tmp_path, VARIANTS)
    unit = metric(found, "unitOnTimeDeliveryRate")
    assert (unit.rate, unit.target, unit.counts) == (
        0.9, 0.95, {"totalUnitCount": 200, "unitOnTimeDeliveryCount": 180}
    )  # fmt: skip
    assert metric(found, "policyViolationWarnings").counts == {"warningsCount": 2}
    late = metric(found, "lateShipmentRate")  # the list form, as the plain block
    assert (late.rate, late.counts) == (0.05, {"lateShipmentCount": 5, "orderCount": 100})
    assert metric(found, "warningStates.LISTING_POLICY").status == "BAD"
    assert metric(found, "warningStates.SHIPPING").status == "GOOD"


def test_a_rate_that_is_not_a_number_is_refused_with_its_json_path(tmp_path: Path) -> None:
    data = {"performanceMetrics": [{"marketplaceId": US, "lateShipmentRate": {"rate": "lots"}}]}
    with pytest.raises(ImportRefused) as caught:
        report(tmp_path, data)
    assert str(caught.value) == (
        "perf.json, column 'performanceMetrics[0].lateShipmentRate.rate': 'lot…' (4 characters) "
        "is not a number."
    )


def test_the_new_figures_reach_the_comparison(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "perf.json"
    path.write_text(json.dumps(VARIANTS), encoding="utf-8")
    assert apply_import(store, path, now=NOW).ok
    [snapshot] = latest_performance(store.db)
    rec = reconcile_snapshot(snapshot, {})
    unit = next(s for s in rec.shipping if s.name == "unitOnTimeDeliveryRate")
    assert (unit.title, unit.status, unit.numerator, unit.denominator) == (
        "Unit On-Time Delivery Rate (US, 14 days)", "breach", 180, 200
    )  # fmt: skip
    assert [w.text for w in rec.warnings] == [
        "Policy violation warnings: 2",
        "Warning: listing policy (bad)",
        "Warning: shipping (good)",
    ]
    assert [w["status"] for w in reconciliation_to_json(rec)["warnings"]] == [
        "breach", "breach", "ok"
    ]  # fmt: skip


def test_a_report_without_unit_on_time_delivery_shows_no_row_for_it(samples: Path) -> None:
    [found] = v2.parse(samples / "performance" / "seller-performance-2026-11-20.json")
    assert all(m.name != "unitOnTimeDeliveryRate" for m in found.metrics)
    snapshot = {"marketplace_id": US, "metrics": []}
    assert all(
        s.name != "unitOnTimeDeliveryRate" for s in reconcile_snapshot(snapshot, {}).shipping
    )


V1 = """<?xml version="1.0" encoding="UTF-8"?>
<sellerPerformanceReports>
 <sellerPerformanceReport>
  <orderDefects>
   <orderDefectMetrics>
    <timeFrame><start>2026-10-21T00:00:00Z</start><end>2026-11-19T00:00:00Z</end></timeFrame>
    <fulfillmentType>Seller</fulfillmentType><orderCount>400</orderCount>
    <orderDefects><count>9</count><rate>2.25</rate></orderDefects>
    <negativeFeedbacks><count>5</count></negativeFeedbacks>
    <a_z_claims><count>3</count></a_z_claims><chargebacks><count>1</count></chargebacks>
   </orderDefectMetrics>
   <orderDefectMetrics>
    <timeFrame><start>2026-09-20T00:00:00Z</start><end>2026-11-19T00:00:00Z</end></timeFrame>
    <fulfillmentType>Seller</fulfillmentType><orderCount>800</orderCount>
    <orderDefects><count>8</count></orderDefects>
    <negativeFeedbacks><count>4</count></negativeFeedbacks>
    <a_z_claims><count>3</count></a_z_claims><chargebacks><count>1</count></chargebacks>
   </orderDefectMetrics>
  </orderDefects>
  <customerExperience>
   <customerExperienceMetrics>
    <timeFrame><start>2026-10-20T00:00:00Z</start><end>2026-11-19T00:00:00Z</end></timeFrame>
    <orderCount>200</orderCount><lateShipment><count>6</count></lateShipment>
    <preFulfillmentCancellation><count>2</count></preFulfillmentCancellation>
    <refunds><count>4</count></refunds>
   </customerExperienceMetrics>
  </customerExperience>
 </sellerPerformanceReport>
</sellerPerformanceReports>
"""


def test_the_v1_xml_report_gives_the_same_records(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "v1.xml"
    path.write_text(V1, encoding="utf-8")
    assert detect_report(path).amazon_name == "Seller Performance (V1, XML)"
    [found] = v1.parse(path)
    odr = metric(found, "orderDefectRate")
    assert (odr.channel, odr.rate, odr.marketplace_id) == ("mfn", 0.01, "")  # the 60-day frame
    assert odr.counts == {
        "orderCount": 800, "orderWithDefects": 8, "negativeFeedback": 4, "claims": 3,
        "chargebacks": 1,
    }  # fmt: skip
    late = metric(found, "lateShipmentRate")
    assert (late.rate, late.counts) == (0.03, {"orderCount": 200, "lateShipmentCount": 6})
    outcome = apply_import(store, path, now=NOW)
    assert (outcome.kind, outcome.report, outcome.added) == (
        "performance", "Seller Performance (V1, XML)", 1
    )  # fmt: skip
    [snapshot] = latest_performance(store.db)
    rec = reconcile_snapshot(snapshot, {})
    assert rec.marketplace == "unknown marketplace"
    assert next(s for s in rec.shipping if s.name == "lateShipmentRate").numerator == 6


def test_v1_numbers_that_are_not_numbers_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "v1.xml"
    path.write_text(V1.replace("<count>6</count>", "<count>lots</count>"), encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        list(v1.parse(path))
    assert str(caught.value) == (
        "v1.xml, line 23, column 'lateshipment': 'lot…' (4 characters) is not a number of 0 or "
        "more."
    )
