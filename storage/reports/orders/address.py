"""The ship address of an order as one plaintext: one encryption per written order.

Its own module so the bulk import's reader process (feed.py) can pack
addresses without importing the cipher and keyring machinery.
"""

from __future__ import annotations

_SEP = "\x1f"  # ASCII unit separator: never part of an address


def pack_address(city: str, state: str, postal_code: str) -> str:
    """City, state and postal code as one plaintext, so one encryption per order."""
    return _SEP.join((city, state, postal_code))


def unpack_address(text: str) -> tuple[str, str, str]:
    parts = unpack(text, 3)
    return parts[0], parts[1], parts[2]


def pack(*parts: str) -> str:
    """Several PII fields as one plaintext (the FBM order reports' buyer fields)."""
    return _SEP.join(parts)


def unpack(text: str, count: int) -> list[str]:
    """`pack`'s fields back, padded to `count` (a field added later reads as "")."""
    parts = text.split(_SEP)
    return parts + [""] * (count - len(parts))
