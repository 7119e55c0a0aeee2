"""Where the seller presses Request a Review: the order's page in Seller Central."""

from __future__ import annotations

from urllib.parse import quote

from core.marketplaces import find_marketplace

DEFAULT_DOMAIN = "amazon.com"


def order_page_url(order_id: str, marketplace: str) -> str:
    """https://sellercentral.<marketplace domain>/orders-v3/order/<id>; amazon.com when the
    marketplace is not one we know (a blank or "Non-Amazon" sales channel)."""
    found = find_marketplace(marketplace) if marketplace else None
    domain = found.domain if found is not None else DEFAULT_DOMAIN
    return f"https://sellercentral.{domain}/orders-v3/order/{quote(order_id.strip(), safe='-')}"
