"""When an order was (or is taken to be) delivered: the date every request window hangs on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.review_requests.inputs import RequestOrder, ReviewRequestSettings, utc_day


@dataclass(frozen=True, slots=True)
class Delivery:
    day: date
    estimated: bool  # purchase date + transit days: no report gave a date


def transit_days(service_level: str, settings: ReviewRequestSettings) -> int:
    """Days in transit for a ship-service-level, matched as a loose substring."""
    key = "".join(service_level.lower().split()).replace("-", "")
    for needle, days in settings.transit_days:
        if needle in key:
            return days
    return settings.unknown_transit_days


def delivery_of(order: RequestOrder, settings: ReviewRequestSettings) -> Delivery:
    """FBA arrival (latest of a split shipment), else FBM delivery end, else promise date,
    else the estimate from the purchase date and the service level."""
    if order.estimated_arrivals:
        return Delivery(max(utc_day(d) for d in order.estimated_arrivals), False)
    for known in (order.delivery_end, order.promise_date):
        if known is not None:
            return Delivery(utc_day(known), False)
    days = transit_days(order.ship_service_level, settings)
    return Delivery(utc_day(order.purchase_date) + timedelta(days=days), True)
