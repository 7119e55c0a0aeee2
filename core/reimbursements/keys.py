"""A case key in words, for the places that hold only the key (the board, the tray).

Keys are built by the kind modules: `customer_return|order|sku`,
`return_damaged|order|sku`, `warehouse|fnsku|reason|ref`, `removal|order|fnsku|sku`,
`reversal|reimbursement id|fnsku|sku`, with `#n` appended to a repeated identity.
"""

from __future__ import annotations

_REASONS = {"M": "lost", "E": "damaged"}


def case_subject(key: str) -> str:
    """'order 111-... (SKU KT-KNIFE)', 'FNSKU X00... (lost)', 'removal order R-1 (FNSKU X00...)'."""
    kind, _, rest = key.partition("|")
    parts = rest.split("#", 1)[0].split("|")
    first = parts[0] if parts else ""
    second = parts[1] if len(parts) > 1 else ""
    if kind in ("customer_return", "return_damaged"):
        return f"order {first} (SKU {second})" if second else f"order {first}"
    if kind == "warehouse":
        what = _REASONS.get(second, "lost or damaged")
        return f"FNSKU {first} ({what})"
    if kind == "removal":
        return f"removal order {first} (FNSKU {second})" if second else f"removal order {first}"
    if kind == "reversal":
        return f"reimbursement {first} (FNSKU {second})" if second else f"reimbursement {first}"
    return key
