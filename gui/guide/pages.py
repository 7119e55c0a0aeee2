"""One page of Help > Guide per screen: what it shows and what to do there."""

from __future__ import annotations

PAGES: dict[str, tuple[str, str]] = {
    "dashboard": (
        "Dashboard",
        "<p>Your account's health at a glance, computed from the reports you imported. "
        "Each card shows one metric, its target, how many orders or messages it counts "
        "and over which days, and how many more defects it can take before it breaches.</p>"
        "<p>Green means within target, amber close to it, red over it. The ODR card shows "
        "FBA and FBM separately because Amazon holds each to the target; the chart shows "
        "the last weeks and the forecast the next 14 days (a lower bound: defects that have "
        "not arrived yet are unknown).</p>"
        "<p><b>What to do:</b> when a card turns amber, open the screen it names (the Inbox "
        "for late responses, Defects for the ODR) and act before it turns red. See the "
        "<a href='#glossary'>glossary</a> for each metric.</p>",
    ),
    "inbox": (
        "Inbox",
        "<p>Everything with a deadline, soonest first: buyer messages (24 hours), FBM return "
        "requests (48 hours), A-to-z information requests, claim appeals, feedback removal "
        "windows (only for feedback Amazon may remove) and reimbursement claims. Red rows "
        "are overdue, amber ones due soon.</p>"
        "<p>Clocks that had already run out before your first import of that report wait "
        "under one line per kind above the list: most were answered in Seller Central long "
        "ago. <i>Mark all as answered in Seller Central</i> settles them; <i>Review them one "
        "by one</i> lists them.</p>"
        "<p>Select several rows (Shift or Ctrl and click) to mark them at once; "
        "<i>Undo</i> (Ctrl+Z) takes the last mark back. Ctrl+F searches order IDs, SKUs and "
        "the buyer's words.</p>"
        "<p>Select a buyer message to see the thread, its type and owner from your "
        "escalation matrix, and to draft a reply: the checker flags what Amazon's "
        "communication rules forbid (links, requests for positive feedback, ...). The app "
        "never sends anything: copy the reply into Seller Central.</p>"
        "<p><b>What to do:</b> answer, then <i>Mark responded</i>; use <i>No response "
        "needed</i> for messages that need none, so they do not count as late.</p>",
    ),
    "defects": (
        "Defects",
        "<p>Every negative feedback, A-to-z claim, chargeback and FBM return, with whether it "
        "counts toward your ODR today, why not when it does not, when it leaves the window, "
        "and whether Amazon may remove the feedback.</p>"
        "<p>Select a row to keep notes (what you sent Amazon, what they answered) and "
        "evidence files; a feedback row also shows the removal check, with the words that "
        "decided it. <i>Set status of selected</i> changes many rows at once (Undo takes it "
        "back); Ctrl+F searches order IDs, SKUs and comments.</p>"
        "<p><b>What to do:</b> once a week, tick <i>New since last review</i>, go through the "
        "new defects, then press <i>Weekly review done</i>. Request removal of eligible "
        "feedback within its 90 days; appeal claims you can prove wrong.</p>",
    ),
    "imports": (
        "Imports",
        "<p>Drop report files here or choose <i>Import files</i>. The app recognises each "
        "report from its content; a file is imported whole or not at all, and importing the "
        "same data again changes nothing. The history says what each file added.</p>"
        "<p><b>What to do:</b> download the All Orders report, the feedback, returns, "
        "claims and the seller performance report from Seller Central every few days (the "
        "dashboard says how fresh each is). The messages and claims templates (File menu) "
        "are for typing in what Seller Central does not export.</p>",
    ),
    "settings": (
        "Settings",
        "<p>The targets and windows the metrics use (Amazon's by default), when warnings "
        "show, quiet hours, the weekly review, the zone times are shown in, start at login "
        "(it takes effect as soon as you tick it), the watched "
        "folder, backups, the encryption key and how long buyer details are kept. The "
        "escalation matrix and the triage rules decide each buyer message's type, owner and "
        "target.</p>"
        "<p><b>What to do:</b> leave Amazon's targets unless Amazon changes them; set quiet "
        "hours and the weekly review to fit your week; keep a key backup apart from your "
        "data backups.</p>",
    ),
    "reconciliation": (
        "Amazon vs ours",
        "<p>Amazon's own figures (from its seller performance report, or typed in from the "
        "Account Health page) beside the ones computed here for the same days, with every "
        "difference explained: orders Amazon has not counted yet, defects you have not "
        "imported, Amazon's rounding.</p>"
        "<p><b>What to do:</b> when Amazon marks a metric at risk or a policy in breach, act "
        "on it even when our figure looks fine: Amazon's decides.</p>",
    ),
    "products": (
        "Products",
        "<p>Defects and returns per product (SKU or ASIN) for the orders of a period: which "
        "products cause your negative feedback, claims and returns, and the buyers' main "
        "return reasons.</p>"
        "<p><b>What to do:</b> a product with a high defect rate needs a better listing, "
        "packaging or supplier before it costs your ODR.</p>",
    ),
    "warnings": (
        "Warnings",
        "<p>Every warning the tray showed: a metric close to or over its target, a deadline "
        "due soon or overdue, stale data, the weekly review. Each shows once until its "
        "situation changes; snooze one to be reminded later.</p>"
        "<p><b>What to do:</b> open a warning to go to the screen that deals with it.</p>",
    ),
    "reimbursements": (
        "Reimbursements",
        "<p>FBA units Amazon lost, damaged, or refunded without getting them back, found in "
        "the settlement, returns, reimbursement, inventory ledger and removal reports, with "
        "the window in which Amazon accepts a claim and the value at stake.</p>"
        "<p><b>What to do:</b> file the claims marked claimable in Seller Central (<i>Copy "
        "claim text</i> helps), then mark them filed and record Amazon's answer.</p>",
    ),
    "review_requests": (
        "Review requests",
        "<p>Orders inside Amazon's window for <i>Request a Review</i> (5 to 30 days after "
        "delivery), soonest-closing first, without the orders Amazon does not allow a "
        "request for (refunded, with a claim or a complaint, business buyers by choice).</p>"
        "<p><b>What to do:</b> request reviews for today's list in Seller Central, then mark "
        "them requested so they leave the list.</p>",
    ),
}
