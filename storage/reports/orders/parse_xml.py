"""The XML All Orders report (GET_XML_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL / _BY_LAST_UPDATE_).

Read into the same `OrderLine`s as the flat file, with the flat file's checks
(cells.py: the same values refuse, in the same words; a refusal names the
element's line and the flat file's column). Its layout, one `Order` per order:

    <AmazonEnvelope>...<Message><Order>
      <AmazonOrderID/> <MerchantOrderID/> <PurchaseDate/> <LastUpdatedDate/>
      <OrderStatus/> <SalesChannel/> <IsBusinessOrder/>
      <FulfillmentData><FulfillmentChannel/> <ShipServiceLevel/>
        <Address><City/> <State/> <PostalCode/> <Country/></Address></FulfillmentData>
      <OrderItem><ASIN/> <SKU/> <ItemStatus/> <ProductName/> <Quantity/>
        <ItemPrice><Component><Type>Principal</Type><Amount currency="USD"/></Component>...
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from core.model import OrderLine, ReportKind
from storage.imports.notes import tally
from storage.imports.reading import Head
from storage.imports.xml_reading import Record, records
from storage.reports.orders.cells import Cells

KIND: ReportKind = "orders"

_MARKERS = frozenset({"amazonorderid", "lastupdateddate", "orderstatus"})


def sniff(head: Head) -> bool:
    """An `Order` element with Amazon's order id, status and last-updated date."""
    return "order" in head.keys and head.keys >= _MARKERS


def parse(path: Path) -> Iterator[OrderLine]:
    """One `OrderLine` per `OrderItem`; Non-Amazon orders are checked, counted and skipped."""
    cells = Cells(path.name)
    noted = tally()
    orders = lines = skipped = 0
    for order in records(path, "Order"):
        amazon, found = _lines(cells, order)
        if not amazon:
            skipped += len(found)
            continue
        orders += 1 if found else 0
        lines += len(found)
        yield from found
    noted.orders = (noted.orders or 0) + orders
    noted.lines = (noted.lines or 0) + lines
    noted.skipped_non_amazon += skipped
    for status, count in cells.unknown.items():
        noted.unknown_status += count
        noted.note_status(status, count)


def _lines(cells: Cells, order: Record) -> tuple[bool, list[OrderLine]]:
    """Whether the order is an Amazon one (not Non-Amazon), and its lines, checked."""
    at = order.line
    market = cells.marketplace(at, order.get("SalesChannel"))
    order_id = order.get("AmazonOrderID", "AmazonOrderId")
    cells.order_id(at, order_id, amazon=market is not None)
    purchase = cells.timestamp(at, "purchase-date", order.get("PurchaseDate"))
    updated = cells.timestamp(at, "last-updated-date", order.get("LastUpdatedDate"))
    assert isinstance(purchase, datetime) and isinstance(updated, datetime)
    status = order.get("OrderStatus")
    status = cells.status(at, status) if status not in cells.unknown else _again(cells, status)
    channel = cells.channel(at, order.get("FulfillmentChannel"))
    business = bool(cells.flag(at, order.get("IsBusinessOrder")))
    seen: dict[str, int] = {}
    found: list[OrderLine] = []
    for item in order.all("OrderItem"):
        line = item.line
        sku = item.get("SKU")
        asin = item.get("ASIN")
        if asin:
            cells.asin(line, asin)
        seen[sku] = seen.get(sku, 0) + 1
        price, currency = _principal(cells, item)
        found.append(
            OrderLine(
                order_id=order_id,
                purchase_date=purchase,
                last_updated=updated,
                status=status,
                channel=channel,
                marketplace=market or "",
                sku=sku,
                asin=asin,
                product_name=item.get("ProductName", "Title"),
                quantity=cells.quantity(line, item.get("Quantity", "QuantityOrdered")),
                item_status=item.get("ItemStatus"),
                currency=currency,
                item_price=price,
                merchant_order_id=order.get("MerchantOrderID", "MerchantOrderId"),
                ship_service_level=order.get("ShipServiceLevel"),
                ship_city=order.get("City"),
                ship_state=order.get("State", "StateOrRegion"),
                ship_postal_code=order.get("PostalCode"),
                ship_country=order.get("Country", "CountryCode"),
                is_business_order=business,
                line=seen[sku],
            )
        )
    return market is not None, found


def _again(cells: Cells, status: str) -> str:
    cells.unknown[status] += 1
    return status


def _principal(cells: Cells, item: Record) -> tuple[Decimal | None, str]:
    """The item's Principal price component (its amount and the amount's currency)."""
    price = item.first("ItemPrice")
    components = price.all("Component") if price is not None else []
    for component in components:
        if component.get("Type").lower() == "principal":
            amount = component.first("Amount")
            text = component.get("Amount")
            currency = amount.attributes.get("currency", "") if amount is not None else ""
            value = cells.price(component.line, text) if text else None
            assert value is None or isinstance(value, Decimal)
            return value, currency
    return None, ""
