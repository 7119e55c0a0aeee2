"""A line of Amazon's Fulfilled Shipments report: when an FBA order shipped and should arrive.

`estimated_arrival` is the delivery date the app has for FBA orders (the review-request
planner reads it). `buyer` and `address` hold the report's buyer PII, each packed into
one text so a row costs two encryptions (storage encrypts and purges them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class FbaShipment:
    order_id: str
    shipment_id: str
    shipment_item_id: str
    shipment_date: datetime
    sku: str = ""
    quantity: int = 1
    order_item_id: str = ""
    merchant_order_id: str = ""
    purchase_date: datetime | None = None
    estimated_arrival: datetime | None = None
    product_name: str = ""
    currency: str = ""
    item_price: Decimal | None = None
    ship_service_level: str = ""
    ship_country: str = ""
    carrier: str = ""
    fulfillment_center_id: str = ""
    fulfillment_channel: str = ""
    sales_channel: str = ""
    buyer: str = ""  # PII: name, e-mail, phone
    address: str = ""  # PII: recipient, ship and bill addresses, phones, tracking number
