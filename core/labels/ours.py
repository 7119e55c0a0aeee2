"""User-facing words for the app's own identifiers: kinds, states, reasons, codes.

Where a module already keeps its labels beside its codes (contact types, resolutions,
AHR bands), the table points at that dict so there is one source for each word.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.ahr import BAND_LABELS
from core.labels.table import word_table
from core.triage.matrix import CONTACT_TYPE_LABELS, RESOLUTION_LABELS

REPORT_KIND: Mapping[str, str] = word_table(
    """
    orders: All Orders report
    orders_fbm: FBM order report
    feedback: Feedback report
    returns_fbm: FBM returns report
    returns_fba: FBA customer returns report
    performance: Seller performance report
    messages: Buyer messages (CSV)
    claims: Claims and chargebacks (CSV)
    email: Buyer messages (e-mail)
    shipments: Amazon Fulfilled Shipments report
    reimbursements: FBA reimbursements report
    adjustments: Inventory adjustments report
    ledger: Inventory ledger (detailed view)
    removals: Removal order detail report
    settlement: Settlement report (flat file)
    date_range: Date Range transaction report
    """
)
CHANNEL: Mapping[str, str] = word_table(
    """
    afn: FBA (Amazon ships)
    mfn: FBM (you ship)
    """
)
CHANNEL_SHORT: Mapping[str, str] = word_table(
    """
    afn: FBA
    mfn: FBM
    """
)
METRIC: Mapping[str, str] = word_table(
    """
    order_defect_rate: Order Defect Rate
    late_response_rate: Late Response Rate
    negative_feedback_rate: Negative Feedback Rate
    return_dissatisfaction_rate: Return Dissatisfaction Rate
    odr: Order Defect Rate
    lrr: Late Response Rate
    nfr: Negative Feedback Rate
    rdr: Return Dissatisfaction Rate
    """
)
METRIC_SHORT: Mapping[str, str] = word_table(
    """
    order_defect_rate: ODR
    late_response_rate: LRR
    negative_feedback_rate: NFR
    return_dissatisfaction_rate: RDR
    """
)
STATUS: Mapping[str, str] = word_table(
    """
    ok: OK
    warning: Warning
    breach: Breach
    no_data: No data
    """
)
SEVERITY: Mapping[str, str] = word_table(
    """
    info: Info
    warning: Warning
    critical: Critical
    """
)
WARNING_STATUS: Mapping[str, str] = word_table(
    """
    shown: Shown
    snoozed: Snoozed
    resolved: Resolved
    """
)
DEADLINE_KIND: Mapping[str, str] = word_table(
    """
    message: Buyer message
    return: Return request
    claim_info: A-to-z info request
    appeal: Claim appeal
    feedback_removal: Feedback removal
    reimbursement: Reimbursement
    """
)
INBOX_FILTER: Mapping[str, str] = word_table(
    """
    all: All
    overdue: Overdue
    due_soon: Due soon
    no_response_needed: No response needed
    """
)
LANGUAGE: Mapping[str, str] = word_table(
    """
    en: English
    de: German
    fr: French
    es: Spanish
    it: Italian
    """
)
DEADLINE_STATE: Mapping[str, str] = word_table(
    """
    overdue: Overdue
    due_soon: Due soon
    open: Open
    """
)
DIRECTION: Mapping[str, str] = word_table(
    """
    in: From the buyer
    out: To the buyer
    """
)
RULE_ORIGIN: Mapping[str, str] = word_table(
    """
    default: Built-in rule
    seller: Your rule
    correction: From your correction
    """
)
CLAIM_KIND: Mapping[str, str] = word_table(
    """
    a-to-z: A-to-z claim
    chargeback: Chargeback
    """
)
CLAIM_REASON: Mapping[str, str] = word_table(
    """
    not_received: Not received
    late_delivery: Late delivery
    damaged_in_transit: Damaged in transit
    not_as_described: Not as described
    defective: Defective
    wrong_item: Wrong item
    return_refund: Return or refund
    fraud: Fraud
    other: Other
    """
)
CLAIM_STATUS: Mapping[str, str] = word_table(
    """
    open: Open
    info_requested: Information requested
    granted: Granted to the buyer
    denied: Denied (in your favour)
    withdrawn: Withdrawn by the buyer
    refunded_after_filing: Refunded after filing
    won: Won
    lost: Lost
    """
)
ORDER_STATUS: Mapping[str, str] = word_table(
    """
    Pending: Pending
    Unshipped: Unshipped
    Shipping: Shipping
    Shipped: Shipped
    Cancelled: Cancelled
    """
)
RETURN_STATUS: Mapping[str, str] = word_table(
    """
    Pending: Pending
    Approved: Approved
    Authorized: Authorised
    Closed: Closed
    Rejected: Rejected
    """
)
DEFECT_KIND: Mapping[str, str] = word_table(
    """
    feedback: Negative feedback
    claim: A-to-z claim
    chargeback: Chargeback
    return: FBM return
    """
)
DEFECT_STATUS: Mapping[str, str] = word_table(
    """
    open: Open
    appealed: Appealed
    removal_requested: Removal requested
    removed: Removed
    won: Won
    lost: Lost
    accepted: Accepted
    """
)
ODR_COMPONENT: Mapping[str, str] = word_table(
    """
    negative_feedback: Negative feedback
    a_to_z_claims: A-to-z claims
    chargebacks: Chargebacks
    """
)
RDR_COMPONENT: Mapping[str, str] = word_table(
    """
    negative_feedback: Negative return feedback
    late: Not decided within 48 h
    incorrectly_rejected: In-policy return rejected
    """
)
REMOVAL_REASON: Mapping[str, str] = word_table(
    """
    obscene: Obscene language
    personal_info: Personal information
    product_review: Entirely a product review
    fba_fulfilment: FBA delivery (Amazon's responsibility)
    """
)
FEEDBACK_TOPIC: Mapping[str, str] = word_table(
    """
    product: The product
    seller: The seller's service
    delivery: Delivery or packaging
    listing: The listing or description
    """
)
REPLY_FINDING: Mapping[str, str] = word_table(
    """
    external_link: Link outside Amazon
    email_address: E-mail address
    phone_number: Phone number
    off_amazon_contact: Contact outside Amazon
    marketing: Marketing
    positive_feedback_request: Asks for positive feedback
    conditional_review_request: Review request tied to satisfaction
    incentive: Something offered for a review
    """
)
CASE_KIND: Mapping[str, str] = word_table(
    """
    customer_return: Refunded, not returned
    return_damaged: Return damaged by Amazon or the carrier
    warehouse: Lost or damaged in the warehouse
    removal: Removal order short
    reversal: Reimbursement reversed
    """
)
CASE_STATE: Mapping[str, str] = word_table(
    """
    waiting: Not claimable yet
    claimable: Claimable
    closing_soon: Closing soon
    expired: Window closed
    filed: Filed
    reimbursed: Reimbursed
    denied: Denied
    """
)
REVIEW_EXCLUSION: Mapping[str, str] = word_table(
    """
    unanswered message: Unanswered buyer message
    return requested: Return requested
    A-to-z claim or chargeback: A-to-z claim or chargeback
    FBA return: FBA customer return
    refund: Refunded
    feedback received: Feedback already received
    business order: Business order
    already requested: Already requested
    """
)
GROUP_BY: Mapping[str, str] = word_table(
    """
    sku: SKU
    asin: ASIN
    """
)
AHR_BAND: Mapping[str, str] = {str(band): text for band, text in BAND_LABELS.items()}
CONTACT_TYPE: Mapping[str, str] = CONTACT_TYPE_LABELS
RESOLUTION: Mapping[str, str] = RESOLUTION_LABELS
