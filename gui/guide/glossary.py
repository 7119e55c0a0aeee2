"""The glossary of Help > Guide: every metric and deadline, in the seller's words.

For each: what Amazon measures, the target, and what to do. Written for this app from
Amazon's published rules (spec/metrics.md); plain local HTML, no links outside the guide.
"""

from __future__ import annotations

Entry = tuple[str, str, str, str, str]
"""(anchor, name, what Amazon measures, the target, what to do)"""

METRICS: tuple[Entry, ...] = (
    (
        "odr",
        "Order Defect Rate (ODR)",
        "The share of your orders that got negative feedback (1 or 2 stars), an A-to-z "
        "Guarantee claim or a credit-card chargeback. Amazon looks at orders placed over 60 "
        "days, and its report lags about 14 days behind today. An order with two defects "
        "counts once. FBA and FBM orders are held to the target separately.",
        "Under 1 %. It is the metric that most quickly leads to a deactivated account.",
        "Answer complaints before they become claims; respond to every A-to-z claim within "
        "its window; appeal claims granted unfairly; ask Amazon to remove feedback that "
        "breaks its rules. The dashboard says how many more defects each channel can take.",
    ),
    (
        "lrr",
        "Late Response Rate (LRR)",
        "The share of buyer messages of the last 30 days that got their first answer more "
        "than 24 hours after they arrived (or have none after 24 hours). Weekends and "
        "holidays count. Messages you marked as needing no answer do not count.",
        "Under 10 %.",
        "Answer every buyer message within 24 hours, every day of the week; the Inbox "
        "counts down each one. Mark messages that need no answer (thank-you notes, "
        "automatic notices) so they leave the count.",
    ),
    (
        "nfr",
        "Negative Feedback Rate (NFR)",
        "The share of seller feedback of the last 90 days rated 1 or 2 stars. Amazon has no "
        "published hard limit, but a high rate costs the Buy Box and search visibility.",
        "A warning above 5 %, serious above 10 %.",
        "Solve the buyer's problem quickly and politely (never ask them to change the "
        "feedback); request removal of feedback that is a product review, obscene, "
        "contains personal details or blames Amazon's own delivery.",
    ),
    (
        "rdr",
        "Return Dissatisfaction Rate (RDR)",
        "The share of your FBM return requests of the last 60 days that went badly: the "
        "buyer gave negative return feedback, you decided later than 48 hours, or you "
        "rejected a return that was within the return policy. FBA returns are Amazon's.",
        "Under 10 %.",
        "Authorise or close every FBM return request within 48 hours (the Inbox counts "
        "them down) and do not reject returns the policy allows.",
    ),
    (
        "shipping",
        "Late shipment, cancellation and valid tracking rates",
        "For orders you ship yourself: shipments confirmed late, orders you cancelled "
        "before shipping, and shipments without a valid tracking number. They come from "
        "Amazon's performance report (the Amazon vs ours screen).",
        "Late shipment under 4 %, cancellation under 2.5 %, valid tracking over 95 %.",
        "Confirm shipment on time, keep stock counts right so you need not cancel, and "
        "always upload a tracking number from a carrier Amazon recognises.",
    ),
    (
        "ahr",
        "Account Health Rating (AHR)",
        "Amazon's score for how well you follow its selling policies (not the metrics "
        "above): policy warnings lower it. You type it in from the Account Health page.",
        "200 or more is healthy; 100 to 199 is at risk; under 100 your account may be deactivated.",
        "Read every policy warning in Seller Central and answer it; a resolved warning "
        "stops counting.",
    ),
)

DEADLINES: tuple[Entry, ...] = (
    (
        "message",
        "Buyer message",
        "The time from a buyer's message to your first real answer.",
        "24 hours, every day. Your escalation matrix can set a stricter target of your own.",
        "Answer in Seller Central; then mark it answered here (or import the reply).",
    ),
    (
        "return",
        "FBM return request",
        "The time from a buyer's return request to your decision.",
        "48 hours.",
        "Authorise (or close) the request in Seller Central within 48 hours.",
    ),
    (
        "claim_info",
        "A-to-z information request",
        "When Amazon asks you about an A-to-z claim, the time you have to answer.",
        "48 hours (some older help pages say 72 hours; a setting).",
        "Send tracking, order records and your messages with the buyer before the window "
        "closes; without an answer Amazon usually grants the claim.",
    ),
    (
        "appeal",
        "Claim appeal",
        "After Amazon grants a claim against you, the time you have to appeal.",
        "30 days.",
        "Appeal when you have proof you were not at fault (delivered with tracking, the "
        "buyer refused a valid return, ...). A won appeal removes the defect.",
    ),
    (
        "feedback_removal",
        "Feedback removal request",
        "The time after a negative feedback during which Amazon accepts a removal request.",
        "90 days.",
        "The Defects screen says which feedback Amazon may remove and why; only those "
        "appear on the deadline board. Request removal in Seller Central.",
    ),
    (
        "reimbursement",
        "FBA reimbursement claim",
        "For units Amazon lost, damaged or refunded without getting back: the period in "
        "which Amazon accepts a claim.",
        "Windows differ by case (for example 60 to 120 days after a refund without a "
        "return); the Reimbursements screen shows each one.",
        "File the claim in Seller Central while its window is open, with the order or "
        "FNSKU the screen gives.",
    ),
)


def glossary_html() -> str:
    """The glossary page: metrics first, then deadlines."""
    parts = ["<h2>Glossary</h2>", "<h3>Metrics</h3>"]
    parts += [_entry(e) for e in METRICS]
    parts.append("<h3>Deadlines</h3>")
    parts += [_entry(e) for e in DEADLINES]
    return "".join(parts)


def _entry(entry: Entry) -> str:
    anchor, name, measures, target, action = entry
    return (
        f"<h4><a name='{anchor}'></a>{name}</h4>"
        f"<p><b>What Amazon measures:</b> {measures}</p>"
        f"<p><b>Target:</b> {target}</p>"
        f"<p><b>What to do:</b> {action}</p>"
    )
