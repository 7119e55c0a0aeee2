"""FBM order report lines into the orders and order_items of All Orders, merged.

The same order may come from All Orders and from an FBM order report, in
either sequence; it stays one order and each item one item:

- The order: an order we do not know is created from the FBM report (status
  Unshipped, channel mfn, last updated at its reporting, payments or purchase
  time). An order we know keeps its status, channel and last-updated time:
  only All Orders decides those. The FBM report adds what only it has: `is_prime`,
  `promise_date`, `delivery_start_date`, `delivery_end_date` and the buyer's
  PII (`buyer_enc`, and `ship_address_enc` when the order has none).
- An item is found by its `order_item_id`; else it is the first line of its
  SKU that has no item id yet (an All Orders line: All Orders has no item id),
  else a new line of its SKU. So an All Orders import later updates the same
  line, and the item is never counted twice. A line All Orders wrote (it has
  an ASIN, which the FBM reports lack) keeps All Orders' values: the FBM report
  only gives it its item id. So importing the two reports in turn never flips
  a product name or price back and forth.

A line counts as added (new item), updated (its item or its order's FBM
fields changed) or unchanged. PII is compared decrypted, so re-importing the
same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.model import FbmOrderLine
from storage.imports.context import ImportContext, money, select_in, ts
from storage.reports.orders.address import pack, pack_address, unpack

BUYER_FIELDS = 8
"""buyer name, e-mail, phone, recipient, address lines 1-3, ship phone (packed, encrypted)."""

_FBM = ("is_prime", "promise_date", "delivery_start_date", "delivery_end_date")
_SELECT_ORDERS = (
    f"SELECT order_id, {', '.join(_FBM)}, buyer_enc, ship_address_enc IS NOT NULL "
    "FROM orders WHERE order_id IN ({})"
)
_ORDER_COLUMNS = (
    "order_id", "purchase_date", "last_updated", "status", "channel", "marketplace",
    "ship_service_level", "is_business_order", "ship_country", "ship_address_enc", *_FBM,
    "buyer_enc", "import_id",
)  # fmt: skip
_INSERT_ORDER = "INSERT INTO orders ({}) VALUES ({})".format(
    ", ".join(_ORDER_COLUMNS), ", ".join("?" * len(_ORDER_COLUMNS))
)
_UPDATE_ORDER = f"""UPDATE orders SET {", ".join(f"{c} = ?" for c in _FBM)}, buyer_enc = ?,
    ship_address_enc = COALESCE(ship_address_enc, ?), pii_purged_at = NULL,
    marketplace = CASE WHEN marketplace = '' THEN ? ELSE marketplace END
WHERE order_id = ?"""
_ITEM_VALUES = ("order_item_id", "product_name", "quantity", "currency", "item_price")
_SELECT_ITEMS = (
    f"SELECT order_id, sku, line, asin != '', {', '.join(_ITEM_VALUES)} FROM order_items "
    "WHERE order_id IN ({})"
)
_UPSERT_ITEM = f"""INSERT INTO order_items (order_id, sku, line, {", ".join(_ITEM_VALUES)})
VALUES (?, ?, ?, {", ".join("?" * len(_ITEM_VALUES))})
ON CONFLICT (order_id, sku, line) DO UPDATE SET
    {", ".join(f"{c} = excluded.{c}" for c in _ITEM_VALUES)}"""

Item = tuple[str, int]  # (sku, line)


@dataclass(slots=True)
class _Order:
    """An order as this batch sees it: stored (or written earlier in the import)."""

    fbm: tuple[Any, ...]
    buyer: str
    has_address: bool
    items: dict[Item, tuple[Any, ...]] = field(default_factory=dict)
    from_all_orders: set[Item] = field(default_factory=set)  # lines All Orders wrote


class FbmOrderWriter:
    """Writes FBM order report lines; see the module docstring for the merge."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx

    def write(self, records: Sequence[Any]) -> None:
        lines: Sequence[FbmOrderLine] = records
        orders = self._load([x.order_id for x in lines])
        new_orders: dict[str, tuple[Any, ...]] = {}
        updates: dict[str, tuple[Any, ...]] = {}
        items: dict[tuple[str, str, int], tuple[Any, ...]] = {}
        seen: set[str] = set()  # orders whose first line of this batch was counted
        for line in lines:
            fbm = _fbm_values(line)
            buyer = _buyer(line)
            order = orders.get(line.order_id)
            order_changed = False
            if order is None:
                order = _Order(fbm, buyer, _has_address(line))
                orders[line.order_id] = order
                new_orders[line.order_id] = self._order_row(line, fbm, buyer)
            elif line.order_id not in seen:
                # A field this report lacks (the other FBM report has it) keeps its value.
                fbm = tuple(o if n is None else n for n, o in zip(fbm, order.fbm, strict=True))
                buyer = buyer or order.buyer
                if (order.fbm, order.buyer) != (fbm, buyer):
                    order.fbm, order.buyer = fbm, buyer
                    updates[line.order_id] = self._update_row(line, fbm, buyer)
                    order_changed = True
            seen.add(line.order_id)
            key, before = _match(order, line)
            values: tuple[Any, ...] = (
                line.order_item_id,
                line.product_name,
                line.quantity,
                line.currency,
                money(line.item_price),
            )
            if before is not None and key in order.from_all_orders:
                values = (line.order_item_id, *before[1:])
            order.items[key] = values
            if before != values:
                items[(line.order_id, *key)] = values
            if before is None:
                self.ctx.counts.note("added")
            elif before != values or order_changed:
                self.ctx.counts.note("updated")
            else:
                self.ctx.counts.note("unchanged")
        conn = self.ctx.conn
        conn.executemany(_INSERT_ORDER, new_orders.values())
        conn.executemany(_UPDATE_ORDER, updates.values())
        conn.executemany(_UPSERT_ITEM, [(*k, *v) for k, v in items.items()])

    def _load(self, order_ids: list[str]) -> dict[str, _Order]:
        conn, cipher = self.ctx.conn, self.ctx.cipher
        found: dict[str, _Order] = {}
        for row in select_in(conn, _SELECT_ORDERS, order_ids):
            values = tuple(row)
            width = len(_FBM)
            blob = values[1 + width]
            buyer = cipher.decrypt_field(blob, "orders", "buyer_enc", values[0]) if blob else ""
            found[values[0]] = _Order(values[1 : 1 + width], buyer, bool(values[2 + width]))
        if found:
            for row in select_in(conn, _SELECT_ITEMS, found):
                oid, sku, line, all_orders, *rest = tuple(row)
                found[oid].items[(sku, line)] = tuple(rest)
                if all_orders:
                    found[oid].from_all_orders.add((sku, line))
        return found

    def _order_row(self, line: FbmOrderLine, fbm: tuple[Any, ...], buyer: str) -> tuple[Any, ...]:
        updated = line.reporting_date or line.payments_date or line.purchase_date
        return (
            line.order_id,
            ts(line.purchase_date),
            ts(updated),
            line.status,
            "mfn",
            line.marketplace,
            line.ship_service_level,
            int(line.is_business_order),
            line.ship_country,
            self._address(line),
            *fbm,
            self._encrypt(buyer, line.order_id),
            self.ctx.import_id,
        )

    def _update_row(self, line: FbmOrderLine, fbm: tuple[Any, ...], buyer: str) -> tuple[Any, ...]:
        encrypted = self._encrypt(buyer, line.order_id)
        return (*fbm, encrypted, self._address(line), line.marketplace, line.order_id)

    def _address(self, line: FbmOrderLine) -> bytes | None:
        if not _has_address(line):
            return None
        packed = pack_address(line.ship_city, line.ship_state, line.ship_postal_code)
        return self.ctx.cipher.encrypt_field(packed, "orders", "ship_address_enc", line.order_id)

    def _encrypt(self, buyer: str, order_id: str) -> bytes | None:
        """The buyer's details, bound to this order's row (storage/pii_places.py)."""
        return self.ctx.cipher.encrypt_field(buyer, "orders", "buyer_enc", order_id)


def _fbm_values(line: FbmOrderLine) -> tuple[Any, ...]:
    prime = None if line.is_prime is None else int(line.is_prime)
    return (
        prime,
        ts(line.promise_date),
        ts(line.delivery_start_date),
        ts(line.delivery_end_date),
    )


def _buyer(line: FbmOrderLine) -> str:
    parts = (line.buyer_name, line.buyer_email, line.buyer_phone, line.recipient_name)
    address = (*line.ship_address, "", "", "", "")[:4]
    fields = (*parts, *address)
    return pack(*fields) if any(fields) else ""


def _has_address(line: FbmOrderLine) -> bool:
    return bool(line.ship_city or line.ship_state or line.ship_postal_code)


def _match(order: _Order, line: FbmOrderLine) -> tuple[Item, tuple[Any, ...] | None]:
    """The item this line is: by its item id, else an unclaimed line of its SKU, else new."""
    for key, values in order.items.items():
        if values[0] == line.order_item_id and key[0] == line.sku:
            return key, values
    same_sku = sorted(k for k in order.items if k[0] == line.sku)
    for key in same_sku:
        if not order.items[key][0]:
            return key, order.items[key]
    return (line.sku, (same_sku[-1][1] + 1) if same_sku else 1), None


def unpack_buyer(text: str) -> list[str]:
    """The buyer fields `buyer_enc` holds, in BUYER_FIELDS order."""
    return unpack(text, BUYER_FIELDS)
