"""A known Amazon report we do not read is refused with its own name (issue 13).

Headers are spec/reports.md section 9's, shuffled: detection works on the set of
columns, never their order, and never takes one of these for an All Orders file
with a missing column.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from storage.imports.errors import ImportRefused
from storage.reports.detect import detect_report
from storage.reports.known import KNOWN_REPORTS

SPEC_HEADERS = {
    "Amazon Fulfilled Shipments": "amazon-order-id merchant-order-id shipment-id shipment-item-id "
    "amazon-order-item-id merchant-order-item-id purchase-date payments-date shipment-date "
    "reporting-date buyer-email buyer-name buyer-phone-number sku product-name quantity-shipped "
    "currency item-price item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax "
    "ship-service-level recipient-name ship-address-1 ship-address-2 ship-address-3 ship-city "
    "ship-state ship-postal-code ship-country ship-phone-number bill-address-1 bill-address-2 "
    "bill-address-3 bill-city bill-state bill-postal-code bill-country item-promotion-discount "
    "ship-promotion-discount carrier tracking-number estimated-arrival-date "
    "fulfillment-center-id fulfillment-channel sales-channel",
    "FBA Reimbursements": "approval-date reimbursement-id case-id amazon-order-id reason sku "
    "fnsku asin product-name condition currency-unit amount-per-unit amount-total "
    "quantity-reimbursed-cash quantity-reimbursed-inventory quantity-reimbursed-total "
    "original-reimbursement-id original-reimbursement-type",
    "Inventory Adjustments": "adjusted-date transaction-item-id fnsku sku product-name "
    "fulfillment-center-id quantity reason disposition reconciled unreconciled",
    "Inventory Ledger": "Date FNSKU ASIN MSKU Title EventType ReferenceID Quantity "
    "FulfillmentCenter Disposition Reason Country ReconciledQuantity UnreconciledQuantity",
    "Removal Order Detail": "request-date order-id order-type service-speed order-status "
    "last-updated-date sku fnsku disposition requested-quantity cancelled-quantity "
    "disposed-quantity shipped-quantity in-process-quantity removal-fee currency",
    "Settlement": "settlement-id settlement-start-date settlement-end-date deposit-date "
    "total-amount currency transaction-type order-id merchant-order-id adjustment-id "
    "shipment-id marketplace-name amount-type amount-description amount fulfillment-id "
    "posted-date posted-date-time order-item-code merchant-order-item-id "
    "merchant-adjustment-item-id sku quantity-purchased promotion-id",
}


READ_AS = {
    "Amazon Fulfilled Shipments": "Amazon Fulfilled Shipments",
    "FBA Reimbursements": "FBA Reimbursements",
    "Inventory Adjustments": "Inventory Adjustments",
    "Inventory Ledger": "Inventory Ledger (detailed view)",
    "Removal Order Detail": "Removal Order Detail",
    "Settlement": "Settlement (flat file)",
}
"""Section 9's reports are read now (the reimbursement finder): detected by their column
set, whatever the order, and never taken for an All Orders file."""

UNREAD_HEADERS = {
    "FBA Customer Shipment Sales": "shipment-date sku fnsku asin fulfillment-center-id "
    "quantity amazon-order-id currency item-price-per-unit shipping-price gift-wrap-price "
    "ship-city ship-state ship-postal-code shipment-id",
    "Manage FBA Inventory": "sku fnsku asin product-name condition your-price "
    "mfn-listing-exists mfn-fulfillable-quantity afn-listing-exists afn-warehouse-quantity "
    "afn-fulfillable-quantity afn-unsellable-quantity",
    "Reserved Inventory": "sku fnsku asin product-name reserved_qty reserved_customerorders",
}


@pytest.mark.parametrize("name", list(SPEC_HEADERS))
@pytest.mark.parametrize("seed", [1, 2])
def test_a_section_9_report_is_read_whatever_its_column_order(
    tmp_path: Path, name: str, seed: int
) -> None:
    header = SPEC_HEADERS[name].split()
    random.Random(seed).shuffle(header)
    path = tmp_path / "report.txt"
    path.write_text("\t".join(header) + "\n" + "\t".join("x" for _ in header) + "\n")
    assert detect_report(path).amazon_name == READ_AS[name]


@pytest.mark.parametrize("name", list(UNREAD_HEADERS))
@pytest.mark.parametrize("seed", [1, 2])
def test_a_known_report_is_refused_with_its_name(tmp_path: Path, name: str, seed: int) -> None:
    header = UNREAD_HEADERS[name].split()
    random.Random(seed).shuffle(header)
    path = tmp_path / "report.txt"
    path.write_text("\t".join(header) + "\n" + "\t".join("x" for _ in header) + "\n")
    with pytest.raises(ImportRefused) as caught:
        detect_report(path)
    assert str(caught.value) == (
        f"report.txt, line 1: this is Amazon's {name} report, which is not read yet."
    )


def test_the_spaced_ledger_and_a_csv_after_a_preamble_are_recognised(tmp_path: Path) -> None:
    spaced = tmp_path / "ledger.txt"
    spaced.write_text(
        "Date\tDate and Time\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity"
        "\tFulfillment Center\tDisposition\tReason\tCountry\tReconciled Quantity"
        "\tUnreconciled Quantity\n"
    )
    assert detect_report(spaced).amazon_name == "Inventory Ledger (detailed view)"
    date_range = tmp_path / "range.csv"
    date_range.write_text(
        '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore"\n'
        '"All amounts in USD, unless specified"\n'
        "date/time,settlement id,type,order id,sku,description,quantity,marketplace\n"
        "Jun 8 2025,1,Refund,111-1234567-1234567,S,d,1,amazon.com\n"
    )
    assert detect_report(date_range).amazon_name == "Date Range transactions"


def test_an_xml_settlement_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.xml"
    path.write_text('<?xml version="1.0"?><AmazonEnvelope><Message><SettlementReport>'
                    "<SettlementData/></SettlementReport></Message></AmazonEnvelope>")  # fmt: skip
    with pytest.raises(ImportRefused, match="Amazon's Settlement \\(XML\\) report"):
        detect_report(path)


def test_every_known_report_has_a_name_and_a_signature() -> None:
    names = [k.name for k in KNOWN_REPORTS]
    assert len(set(names)) == len(names)
    assert all(k.signatures and all(k.signatures) for k in KNOWN_REPORTS)
