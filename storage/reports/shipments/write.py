"""Amazon Fulfilled Shipments, keyed by order, shipment and shipment item."""

from __future__ import annotations

from typing import Any

from core.shipments import FbaShipment
from storage.imports.context import money, ts
from storage.imports.keyed import KeyedRow, KeyedWriter, Shape

FBA_SHIPMENTS = Shape(
    table="fba_shipments",
    keys=("order_id", "shipment_id", "shipment_item_id"),
    plain=("order_item_id", "merchant_order_id", "purchase_date", "shipment_date",
           "estimated_arrival_date", "sku", "product_name", "quantity_shipped", "currency",
           "item_price", "ship_service_level", "ship_country", "carrier",
           "fulfillment_center_id", "fulfillment_channel", "sales_channel"),
    encrypted=("buyer_enc", "address_enc"),
)  # fmt: skip


class ShipmentWriter(KeyedWriter):
    shape = FBA_SHIPMENTS

    def row(self, record: Any) -> KeyedRow:
        s: FbaShipment = record
        plain = (
            s.order_item_id,
            s.merchant_order_id,
            ts(s.purchase_date),
            ts(s.shipment_date),
            ts(s.estimated_arrival),
            s.sku,
            s.product_name,
            s.quantity,
            s.currency,
            money(s.item_price),
            s.ship_service_level,
            s.ship_country,
            s.carrier,
            s.fulfillment_center_id,
            s.fulfillment_channel,
            s.sales_channel,
        )
        return (s.order_id, s.shipment_id, s.shipment_item_id), plain, (s.buyer, s.address), ()
