"""The Products screen and the `products` command: defects and returns by SKU or ASIN."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.clock import day_start
from core.product_defects import GroupBy, ProductDefects
from storage.db import Store
from storage.repository.product_inputs import product_defects


@dataclass(frozen=True, slots=True)
class ProductsPage:
    """Products of the orders placed from `first` to `last` (UTC days), worst first;
    none when `first` is after `last`."""

    first: date
    last: date
    by: GroupBy
    products: list[ProductDefects]


def products_page(
    store: Store, first: date, last: date, by: GroupBy, marketplace: str | None = None
) -> ProductsPage:
    if first > last:  # the screen explains it; nothing to read
        return ProductsPage(first, last, by, [])
    start, end = day_start(first), day_start(last + timedelta(days=1))
    return ProductsPage(first, last, by, product_defects(store.db, start, end, by, marketplace))
