"""What a write changed, so each screen, the tray and the scheduler refresh only when needed.

The idea is Anki's `OpChanges`: a write returns which kinds of data it touched, the
window broadcasts it, and every listener asks the one question it cares about.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Changes:
    """Kinds of stored data a write touched; combine with `|`."""

    orders: bool = False
    feedback: bool = False
    returns: bool = False
    messages: bool = False
    claims: bool = False
    performance: bool = False
    defect_status: bool = False  # statuses, notes, removal requests, appeals
    settings: bool = False
    triage_rules: bool = False  # escalation matrix and rules
    reply_templates: bool = False
    warnings: bool = False  # the tray's memory: shown, snoozed, paused, reviews
    imports: bool = False  # the import history
    snapshots: bool = False  # stored daily numbers for the trend charts
    ahr: bool = False  # typed-in Account Health Rating readings
    reimbursements: bool = False  # FBA reports of the reimbursement finder, marks on its cases
    review_requests: bool = False  # the review-request log, its settings and request text

    def __or__(self, other: Changes) -> Changes:
        return replace(
            self, **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def metric_inputs(self) -> bool:
        """Whether the metrics, the deadline board or the warnings may differ now."""
        return (
            self.orders
            or self.feedback
            or self.returns
            or self.messages
            or self.claims
            or self.performance
            or self.defect_status
            or self.settings
            or self.triage_rules
            or self.reimbursements  # claims are clocks on the board
        )

    @classmethod
    def everything(cls) -> Changes:
        """After a restore or an explicit refresh (F5): every listener reloads."""
        return cls(**{f.name: True for f in fields(cls)})

    def names(self) -> list[str]:
        """The kinds that changed, for logs and tests."""
        return [f.name for f in fields(self) if getattr(self, f.name)]
