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
    parts = text.split(_SEP)
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]
