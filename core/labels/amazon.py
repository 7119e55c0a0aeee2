"""User-facing words for the codes Amazon writes into its reports.

Keys are written as Amazon does; lookups ignore case, '-', '_' and spaces, so
'Lost_Warehouse', 'LOST_WAREHOUSE' and 'lost-warehouse' find the same label.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.labels.table import word_table

AMAZON_STATUS: Mapping[str, str] = word_table(
    """
    GOOD: Good
    GREAT: Great
    FAIR: Fair
    POOR: Poor
    BAD: Bad
    NONE: Not rated
    HEALTHY: Healthy
    NORMAL: Normal
    AT_RISK: At risk
    CRITICAL: Critical
    UNHEALTHY: Unhealthy
    DEACTIVATED: Deactivated
    """
)
AMAZON_METRIC: Mapping[str, str] = word_table(
    """
    orderDefectRate: Order Defect Rate
    lateShipmentRate: Late Shipment Rate
    preFulfillmentCancellationRate: Pre-fulfilment Cancel Rate
    validTrackingRate: Valid Tracking Rate
    onTimeDeliveryRate: On-Time Delivery Rate
    invoiceDefectRate: Invoice Defect Rate
    accountHealthRating: Account Health Rating
    listingPolicyViolations: Listing policy violations
    productAuthenticityCustomerComplaints: Product authenticity customer complaints
    productConditionCustomerComplaints: Product condition customer complaints
    productSafetyCustomerComplaints: Product safety customer complaints
    receivedIntellectualPropertyComplaints: Received intellectual property complaints
    restrictedProductPolicyViolations: Restricted product policy violations
    suspectedIntellectualPropertyViolations: Suspected intellectual property violations
    foodAndProductSafetyIssues: Food and product safety issues
    customerProductReviewsPolicyViolations: Customer product reviews policy violations
    otherPolicyViolations: Other policy violations
    documentRequests: Document requests
    warningStates: Policy warnings
    """
)
FBA_DISPOSITION: Mapping[str, str] = word_table(
    """
    SELLABLE: Sellable
    UNSELLABLE: Unsellable
    DEFECTIVE: Defective
    CUSTOMER_DAMAGED: Damaged by the customer
    CARRIER_DAMAGED: Damaged by the carrier
    DISTRIBUTOR_DAMAGED: Damaged before it reached Amazon
    WAREHOUSE_DAMAGED: Damaged in Amazon's warehouse
    DAMAGED: Damaged in Amazon's warehouse
    EXPIRED: Expired
    """
)
RETURN_REASON: Mapping[str, str] = word_table(
    """
    DEFECTIVE: Defective
    NOT_AS_DESCRIBED: Not as described
    QUALITY_UNACCEPTABLE: Quality not acceptable
    MISSING_PARTS: Parts missing
    NOT_COMPATIBLE: Not compatible
    PART_NOT_COMPATIBLE: Part not compatible
    DAMAGED: Damaged
    DAMAGED_BY_CARRIER: Damaged by the carrier
    DAMAGED_BY_FC: Damaged in Amazon's warehouse
    UNWANTED_ITEM: No longer wanted
    ORDERED_WRONG_ITEM: Ordered the wrong item
    MISORDERED: Ordered by mistake
    FOUND_BETTER_PRICE: Found a better price
    SWITCHEROO: A different item was sent back
    EXTRA_ITEM: Extra item received
    UNAUTHORIZED_PURCHASE: Bought without permission
    MISSED_ESTIMATED_DELIVERY: Arrived too late
    NEVER_ARRIVED: Never arrived
    NO_REASON_GIVEN: No reason given
    APPAREL_TOO_SMALL: Too small
    APPAREL_TOO_LARGE: Too large
    APPAREL_STYLE: Style not as expected
    DID_NOT_LIKE_FABRIC: Did not like the fabric
    EXCESSIVE_INSTALLATION: Too hard to install
    UNDELIVERABLE_REFUSED: Refused at delivery
    UNDELIVERABLE_UNKNOWN: Could not be delivered
    UNDELIVERABLE_INSUFFICIENT_ADDRESS: Could not be delivered: address incomplete
    UNDELIVERABLE_FAILED_DELIVERY_ATTEMPTS: Could not be delivered: no one there
    UNDELIVERABLE_CARRIER_MISS_SORTED: Could not be delivered: carrier mis-sorted
    AMZ-PG-BAD-DESC: Description on the website was wrong
    AMZ-PG-MISORDERED: Ordered by mistake
    AMZ-PG-APP-TOO-SMALL: Too small
    AMZ-PG-APP-TOO-LARGE: Too large
    AMZ-PG-APP-STYLE: Style not as expected
    """
)
CUSTOMER_REASON_PREFIX = "CR-"
"""FBM returns write the buyer's stated reason as 'CR-DEFECTIVE': 'Defective (customer)'."""
FBA_RETURN_STATUS: Mapping[str, str] = word_table(
    """
    Unit returned to inventory: Returned to your inventory
    Reimbursed: Reimbursed
    Repackaged Successfully: Repackaged
    """
)
RETURN_TYPE: Mapping[str, str] = word_table(
    """
    C-Returns: Customer return
    """
)
RETURN_RESOLUTION: Mapping[str, str] = word_table(
    """
    StandardRefund: Refund
    Replacement: Replacement
    Exchange: Exchange
    """
)
ADJUSTMENT_REASON: Mapping[str, str] = word_table(
    """
    1: Software correction
    2: Software correction
    3: Catalogue change: moved in
    4: Catalogue change: moved out
    5: Unrecoverable
    6: Damaged by the inbound carrier
    7: Expired unit damaged
    D: Destroyed
    E: Damaged in Amazon's warehouse
    F: Found
    H: Damaged: customer return
    J: Software correction
    K: Damaged: item defect
    M: Lost in Amazon's warehouse
    N: Transferred to you
    O: Inventory correction
    P: Condition changed
    Q: Damaged: other
    U: Damaged by the distributor
    """
)
REIMBURSEMENT_REASON: Mapping[str, str] = word_table(
    """
    CustomerReturn: Refunded, not returned
    CustomerServiceIssue: Customer service issue
    Lost_Warehouse: Lost in Amazon's warehouse
    Damaged_Warehouse: Damaged in Amazon's warehouse
    Lost_Inbound: Lost on the way to Amazon
    Damaged_Inbound: Damaged on the way to Amazon
    Lost_Outbound: Lost on the way to the buyer
    Damaged_Outbound: Damaged on the way to the buyer
    RemovalOrderLost: Removal order lost
    RemovalOrderDamaged: Removal order damaged
    FeeCorrection: Fee correction
    Reimbursement_Reversal: Reimbursement reversed
    GeneralAdjustment: General adjustment
    Refund: Refund
    """
)
LEDGER_EVENT: Mapping[str, str] = word_table(
    """
    Shipments: Shipped to buyers
    CustomerReturns: Customer returns
    Adjustments: Adjustments
    Receipts: Received at Amazon
    VendorReturns: Removals and disposals
    WhseTransfers: Moves between warehouses
    """
)
