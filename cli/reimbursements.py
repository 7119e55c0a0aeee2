"""CLI for the FBA reimbursement finder (spec/reimbursements.md): the same use case as the screen."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from cli.output import emit_json, table
from core.format import count_noun, format_money
from core.reimbursements import Case, reimbursements_to_json

if TYPE_CHECKING:
    from storage.db import Store

NO_CASES = (
    "No reimbursement cases. Import your settlement or Date Range reports, the FBA customer "
    "returns, reimbursements, inventory ledger and removal order detail reports to look for them."
)


def reimbursements(args: argparse.Namespace, store: Store, as_of: datetime) -> int:
    """`reimbursements [--as-of T] [--json]`: every case, soonest window end first."""
    from services.reimbursements import CLAIMABLE_NOW, reimbursement_cases

    page = reimbursement_cases(store, as_of)
    if args.json:
        emit_json(reimbursements_to_json(page.as_of, page.cases))
        return 0
    if not page.cases:
        print(NO_CASES)
        return 0
    now = [c for c in page.cases if c.state in CLAIMABLE_NOW]
    totals = ", ".join(format_money(v, cur) for cur, v in page.claimable_now().items())
    unvalued = page.unvalued_now()
    print(f"FBA reimbursement cases at {page.as_of:%Y-%m-%d %H:%M} UTC")
    print(
        f"Claimable now: {count_noun(len(now), 'case')}, worth about {totals or 'an unknown sum'}"
        + (f" ({unvalued} without an estimate)" if unvalued else "")
        + "\n"
    )
    rows = case_rows(page.cases)
    table(rows[0], rows[1:], status_col=0)
    return 0


def case_rows(cases: Sequence[Case]) -> list[list[str]]:
    rows = [
        ["state", "kind", "order / FNSKU", "sku", "units", "event", "window (UTC days)", "value"]
    ]
    for c in cases:
        window = f"{c.claim_opens} .. {c.claim_closes}" if c.claim_closes else "no window"
        value = format_money(c.estimated_value, c.currency or "") if c.estimated_value else "?"
        rows.append(
            [
                c.state,
                c.kind,
                (c.order_id if c.kind != "warehouse" else None) or c.fnsku or "",
                c.sku or "",
                str(c.quantity),
                c.event_date.isoformat(),
                window,
                value,
            ]
        )
    return rows
