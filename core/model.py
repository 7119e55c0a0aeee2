"""Domain records shared by importers, storage, metrics and the GUI.

Plain frozen dataclasses: importers build them, storage persists them, core
computes on them. Every datetime is timezone-aware UTC; fields that Amazon
only gives as a calendar date are `date`s and are placed at 00:00 UTC by the
metric rules (spec/metrics.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, get_args

# Re-exported: the FBA note's rule, in every language, lives in core.strike_through.
from core.strike_through import is_struck_through as is_struck_through

Channel = Literal["afn", "mfn"]
"""AFN = fulfilled by Amazon (FBA), MFN = fulfilled by the merchant (FBM)."""

CHANNELS: tuple[Channel, ...] = ("afn", "mfn")

ReportKind = Literal[
    "orders",
    "orders_fbm",
    "feedback",
    "returns_fbm",
    "returns_fba",
    "performance",
    "messages",
    "claims",
    "email",
    "shipments",
    "reimbursements",
    "adjustments",
    "ledger",
    "removals",
    "settlement",
    "date_range",
]
REPORT_KINDS: tuple[ReportKind, ...] = get_args(ReportKind)

ORDER_STATUSES = ("Pending", "Unshipped", "Shipping", "Shipped", "Cancelled")
"""The statuses we know. Amazon adds others over time (`Shipped - Delivered to Buyer`,
`Pending - Waiting for Pick Up`...): those are kept as written and count as not cancelled."""
CANCELLED = "Cancelled"

CLAIM_KINDS = ("a-to-z", "chargeback")
CLAIM_REASONS = (
    "not_received",
    "late_delivery",
    "damaged_in_transit",
    "not_as_described",
    "defective",
    "wrong_item",
    "return_refund",
    "fraud",
    "other",
)
FULFILMENT_REASONS = frozenset({"not_received", "late_delivery", "damaged_in_transit"})
CLAIM_STATUSES = (
    "open",
    "info_requested",
    "granted",
    "denied",
    "withdrawn",
    "refunded_after_filing",
    "won",
    "lost",
)

RETURN_STATUSES = ("Pending", "Approved", "Authorized", "Closed", "Rejected")
RETURN_DECIDED_STATUSES = frozenset({"Approved", "Authorized", "Closed", "Rejected"})


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One row of the All Orders report: an order item with its order's fields.

    Storage splits it into an order (newest `last_updated` wins) and an item.
    `ship_city`, `ship_state` and `ship_postal_code` are buyer PII.
    """

    order_id: str
    purchase_date: datetime
    last_updated: datetime
    status: str
    channel: Channel
    marketplace: str  # the sales-channel, e.g. "Amazon.com"
    sku: str
    asin: str
    product_name: str
    quantity: int
    item_status: str = ""
    currency: str = ""
    item_price: Decimal | None = None
    merchant_order_id: str = ""
    ship_service_level: str = ""
    ship_city: str = ""
    ship_state: str = ""
    ship_postal_code: str = ""
    ship_country: str = ""
    is_business_order: bool = False
    line: int = 1
    """Which line of this SKU in the order it is (1, 2...): a split shipment lists a SKU twice."""


@dataclass(frozen=True, slots=True)
class FbmOrderLine:
    """One row of an FBM order report (Order report / New Orders, Unshipped Orders).

    Keyed by `order_item_id`. The buyer fields and the address are PII. These
    reports have no order status or last-updated time: an order first seen here
    is unshipped, and a later All Orders row of it decides its status.
    """

    order_id: str
    order_item_id: str
    purchase_date: datetime
    marketplace: str
    sku: str
    quantity: int
    product_name: str = ""
    currency: str = ""
    item_price: Decimal | None = None
    ship_service_level: str = ""
    ship_country: str = ""
    is_business_order: bool = False
    is_prime: bool | None = None
    payments_date: datetime | None = None
    reporting_date: datetime | None = None
    promise_date: datetime | None = None
    delivery_start_date: datetime | None = None
    delivery_end_date: datetime | None = None
    buyer_name: str = ""
    buyer_email: str = ""
    buyer_phone: str = ""
    recipient_name: str = ""
    ship_address: tuple[str, ...] = ()  # address lines 1-3, then the ship phone
    ship_city: str = ""
    ship_state: str = ""
    ship_postal_code: str = ""

    @property
    def status(self) -> str:
        return "Unshipped"


@dataclass(frozen=True, slots=True)
class Order:
    """The order-level view the metrics need (latest known status)."""

    order_id: str
    purchase_date: datetime
    status: str
    channel: Channel
    marketplace: str = "Amazon.com"

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED


@dataclass(frozen=True, slots=True)
class Feedback:
    """Seller feedback; one per order. `rater_email` is PII."""

    order_id: str
    feedback_date: date
    rating: int
    comments: str = ""
    response: str = ""
    rater_email: str = ""
    marketplace: str = ""
    struck_through: bool = False
    # True when the file this came from held 4-5 star rows (Feedback Manager
    # download); Amazon's own report holds only 1-3 star rows.
    from_full_report: bool = True
    removed: bool = False  # app state: Amazon removed it after a request
    removal_requested: bool = False  # app state
    # The removal checker's verdict kept when the comment was purged (privacy rule):
    # "" while the comment is there, else core.feedback_check.verdict_code's text.
    kept_verdict: str = ""

    @property
    def negative(self) -> bool:
        return self.rating <= 2

    @property
    def counts(self) -> bool:
        """Struck-through and removed feedback count nowhere."""
        return not (self.removed or self.struck_through)


@dataclass(frozen=True, slots=True)
class Claim:
    """An A-to-z guarantee claim or a chargeback (claims.csv / manual entry)."""

    claim_id: str
    order_id: str
    kind: str  # "a-to-z" | "chargeback"
    filed_at: datetime
    reason: str
    status: str
    amount: Decimal | None = None
    currency: str = ""
    info_requested_at: datetime | None = None
    decided_at: datetime | None = None
    buy_shipping_protected: bool = False
    notes: str = ""
    appeal_logged: bool = False  # app state: an appeal was logged for it


@dataclass(frozen=True, slots=True)
class ReturnRequest:
    """An FBM return request (Returns report), key (order_id, rma_id)."""

    order_id: str
    rma_id: str
    request_date: date
    status: str
    order_date: date | None = None
    in_policy: bool | None = None
    a_to_z_claim: bool = False
    is_prime: bool = False
    asin: str = ""
    sku: str = ""
    item_name: str = ""
    quantity: int = 1
    reason: str = ""
    return_type: str = ""
    resolution: str = ""
    currency: str = ""
    order_amount: Decimal | None = None
    refunded_amount: Decimal | None = None
    category: str = ""
    # Derived by storage (import history or the app), not by importers:
    decided_at: datetime | None = None
    first_seen_decided: bool = False  # first import already showed it decided
    negative_feedback: bool = False  # seller marked negative return feedback

    @property
    def decided_status(self) -> bool:
        return self.status in RETURN_DECIDED_STATUSES


@dataclass(frozen=True, slots=True)
class FbaReturn:
    """An FBA customer return: Amazon's, never in RDR; `customer_comments` is PII."""

    return_date: datetime
    order_id: str
    sku: str
    asin: str
    fnsku: str = ""
    product_name: str = ""
    quantity: int = 1
    fulfillment_center_id: str = ""
    detailed_disposition: str = ""
    reason: str = ""
    status: str = ""
    license_plate_number: str = ""
    customer_comments: str = ""


@dataclass(frozen=True, slots=True)
class Message:
    """A buyer-seller message. `sender`, `subject` and `body` are PII.

    `thread_id` is resolved by the importer: explicit thread id, else the order
    id, else the buyer's relay alias.
    """

    message_id: str
    thread_id: str
    direction: Literal["in", "out"]
    timestamp: datetime
    order_id: str = ""
    subject: str = ""
    body: str = ""
    sender: str = ""
    no_response_needed: bool = False
    automated: bool = False
    marketplace: str = ""
    responded_at: datetime | None = None  # app state: "mark responded"
    contact_type: str = ""  # app state: triage override


@dataclass(frozen=True, slots=True)
class PerformanceMetric:
    """One metric of one marketplace from the seller performance report."""

    marketplace_id: str
    name: str  # e.g. "orderDefectRate", "lateShipmentRate"
    channel: str = ""  # "afn" / "mfn" for ODR, else ""
    rate: float | None = None  # a fraction: 0.009 = 0.9 %
    target: float | None = None
    target_condition: str = ""
    status: str = ""
    date_from: datetime | None = None
    date_to: datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PerformanceReport:
    """A dated snapshot of GET_V2_SELLER_PERFORMANCE_REPORT."""

    account_statuses: dict[str, str]  # marketplaceId -> NORMAL / AT_RISK / ...
    metrics: tuple[PerformanceMetric, ...]
    ahr_status: dict[str, str] = field(default_factory=dict)  # marketplaceId -> status
    ahr_score: dict[str, int] = field(default_factory=dict)
    raw_json: str = ""


Record = (
    OrderLine
    | FbmOrderLine
    | Feedback
    | Claim
    | ReturnRequest
    | FbaReturn
    | Message
    | PerformanceReport
)
