"""The order-line rule, in one place: what a line of an All Orders file changes.

The order with the newer `last_updated` wins; an equal or older one changes
nothing, except that an item never seen before is kept. Every path applies
it from here: OrderWriter line by line, the bulk path's `replay` for the
orders it cannot handle set-based, and its set-based SQL through the table
`simple_changes` derives from `replay`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storage.imports.context import Change

Key = tuple[str, int]  # (sku, line) within one order: line 2 is a SKU's second line
Values = tuple[Any, ...]  # asin, product_name, quantity, item_status, currency, item_price
SimpleLine = tuple[bool, bool]
"""A line of a simple order by (won: its run rewrote the order, stored: its item was there)."""


def order_wins(last_updated: str, current: str | None) -> bool:
    """Whether a line rewrites its order: the order is unknown (None) or older."""
    return current is None or last_updated > current


def line_change(
    last_updated: str,
    current: str | None,
    mine: bool,
    replaced: bool,
    old: Values | None,
    values: Values,
) -> tuple[Change, bool]:
    """The rule for one order line: its change, and whether it (re)writes the order row.

    `current` is the order's last_updated so far (None: unknown order), `mine`
    whether this import wrote it, `replaced` whether this import replaced an older
    row; `old` is the item as stored, `values` the line's.
    """
    if order_wins(last_updated, current):
        return ("added" if old is None else "updated"), True
    if last_updated == current and mine:  # another line of an order this import wrote
        if old is None:
            return "added", False
        return ("updated" if old != values or replaced else "unchanged"), False
    # An older line: it changes nothing, except an item we never saw, which is kept.
    return ("added" if old is None else "unchanged"), False


class LineChanges:
    """What replaying one order's lines did: counts and the items to write."""

    __slots__ = ("added", "updated", "unchanged", "writes")

    def __init__(self) -> None:
        self.added = self.updated = self.unchanged = 0
        self.writes: dict[Key, Values] = {}


def replay(
    before: str | None, stored: dict[Key, Values], lines: Iterable[tuple[Key, str, Values]]
) -> LineChanges:
    """`line_change` over the lines of one order, in file order.

    `before` is the order's last_updated before this import (None: new), `stored`
    its items then; a line is (key, last_updated, values).
    """
    changes = LineChanges()
    items = dict(stored)
    current = before
    mine = replaced = False  # the order row is this import's; it replaced an older one
    for key, updated, values in lines:
        old = items.get(key)
        change, takes_order = line_change(updated, current, mine, replaced, old, values)
        if takes_order:
            replaced = replaced or current is not None
            current = updated
            mine = True
        if change == "unchanged":
            changes.unchanged += 1
            continue
        if change == "added":
            changes.added += 1
        else:
            changes.updated += 1
        items[key] = values
        changes.writes[key] = values
    return changes


def simple_changes() -> dict[SimpleLine, Change]:
    """What `replay` says of every line of a simple order, by (won, stored).

    A simple order has one run (its lines share one last_updated and name each
    item once) and was not written earlier by this import. The bulk path counts
    and writes such lines set-based, by this table; a line it writes is one
    whose change is not "unchanged". Worked out by replaying small orders of
    each kind, so a change to the rule reaches the SQL too. Raises ValueError
    if the rule ever makes such a line depend on more than (won, stored): the
    set-based path could not follow it then.
    """
    found: dict[SimpleLine, set[Change]] = {}
    day = "2026-01-0{}T00:00:00+00:00".format
    keys: list[Key] = [("S1", 1), ("S2", 1)]
    for before in (None, day(2)):
        for updated in (day(1), day(2), day(3)):
            for stored in (False, True):
                if before is None and stored:
                    continue  # a new order has no items yet
                for same in (False, True):
                    old: dict[Key, Values] = {k: ("old",) for k in keys} if stored else {}
                    values: Values = ("old",) if same else ("new",)
                    lines = [(k, updated, values) for k in keys]
                    result = replay(before, old, lines)
                    counted: tuple[tuple[Change, int], ...] = (
                        ("added", result.added),
                        ("updated", result.updated),
                        ("unchanged", result.unchanged),
                    )
                    line = (order_wins(updated, before), stored)
                    found.setdefault(line, set()).update(c for c, n in counted if n)
    table: dict[SimpleLine, Change] = {}
    for key, changes in found.items():
        if len(changes) != 1:
            raise ValueError(f"the order rule gives a simple line {key} several changes")
        table[key] = changes.pop()
    return table
