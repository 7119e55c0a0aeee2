"""CLI for the seller assistants: triage, feedback-removal check, reply check."""

from __future__ import annotations

import argparse
import textwrap
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cli.output import emit_json, table
from core.clock import iso
from core.feedback_check import verdict_to_json
from core.reply_check import check_reply as lint_reply
from core.reply_check import findings_to_json
from core.triage import CONTACT_TYPE_LABELS, message_triage_to_json
from storage.db import Store

if TYPE_CHECKING:
    from storage.db import Store


def triage(args: argparse.Namespace, store: Store, now: datetime) -> int:
    """Inbound messages that still need an answer, with type, rule, pathway and due time."""
    from services.triage import waiting_messages

    rows: list[dict[str, Any]] = []
    for w in waiting_messages(store, now):
        payload = message_triage_to_json(w.triage)
        payload.update(
            order_id=w.order_id,
            received_at=iso(w.received_at),
            due_at=iso(w.item.due_at),
            seconds_left=w.item.seconds_left,
            state=w.item.state,
        )
        rows.append(payload)
    if args.json:
        emit_json({"now": iso(now), "messages": rows})
        return 0
    if not rows:
        print("No buyer message is waiting for an answer.")
        return 0
    table(
        ["order", "type", "matched", "owner", "target (UTC)", "due (UTC)", "state"],
        [
            [
                r["order_id"] or r["message_id"],
                CONTACT_TYPE_LABELS.get(
                    r["classification"]["contact_type"], r["classification"]["contact_type"]
                ),
                r["classification"]["matched_text"] or "-",
                r["pathway"]["owner"] or "-",
                r["target_at"][:16].replace("T", " "),
                r["due_at"][:16].replace("T", " "),
                r["state"],
            ]
            for r in rows
        ],
        status_col=6,
    )
    return 0


def feedback_check(args: argparse.Namespace, store: Store, now: datetime) -> int:
    """Every 1-3 star feedback inside its 90-day window, with the removal verdict."""
    from services.defects import removal_candidates

    rows: list[dict[str, Any]] = []
    for c in removal_candidates(store, now):
        f = c.feedback
        rows.append(
            {
                "order_id": f.order_id,
                "date": f.feedback_date.isoformat(),
                "rating": f.rating,
                "channel": c.channel,
                "comments": f.comments,
                "removal_due_at": iso(c.window.due_at),
                "seconds_left": c.window.seconds_left,
                **verdict_to_json(c.verdict),
            }
        )
    if args.json:
        emit_json({"now": iso(now), "feedback": rows})
        return 0
    if not rows:
        print("No negative or neutral feedback is inside its 90-day removal window.")
        return 0
    table(
        ["order", "date", "stars", "eligible", "request by (UTC)"],
        [
            [
                r["order_id"],
                r["date"],
                str(r["rating"]),
                "yes" if r["eligible"] else "no",
                r["removal_due_at"][:10],
            ]
            for r in rows
        ],
    )
    print("\nWhy:")
    for r in rows:
        print(wrapped(r["order_id"], _why(r)))
    return 0


def _why(row: dict[str, Any]) -> str:
    """The verdict's reasons in words (their explanations), else its note."""
    return " ".join(x["explanation"] for x in row["reasons"]) or row["note"]


def wrapped(head: str, text: str, width: int = 100) -> str:
    """`text` wrapped beside `head`, continuation lines indented under the first."""
    indent = " " * (len(head) + 2)
    lines = textwrap.wrap(text, width - len(indent)) or [""]
    return "\n".join([f"{head}  {lines[0]}", *(indent + line for line in lines[1:])])


def check_reply(args: argparse.Namespace, text: str) -> int:
    """Exit 0 when the reply follows the guidelines, 1 with the findings otherwise."""
    findings = lint_reply(text)
    if args.json:
        emit_json(findings_to_json(findings))
    elif not findings:
        print("The reply follows Amazon's communication guidelines.")
    else:
        for f in findings:
            line = text.count("\n", 0, f.span[0]) + 1
            print(f'line {line}: {f.message} "{f.excerpt}". Fix: {f.fix}')
    return 0 if not findings else 1
