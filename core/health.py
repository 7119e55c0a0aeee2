"""What every screen, the tray and the CLI know about the account at one instant."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from core.alerts import Alert
from core.deadlines import DeadlineItem
from core.metrics import MetricsResult
from core.reconciliation.flags import AmazonFlag
from core.triage import MessageTriage


@dataclass(frozen=True, slots=True)
class Health:
    """Metrics, the deadline board and the warnings at `as_of`, computed together."""

    as_of: datetime
    marketplace: str | None  # canonical name ("Amazon.com"), None = all marketplaces
    metrics: MetricsResult
    board: list[DeadlineItem]
    alerts: list[Alert]
    last_orders_import: datetime | None
    triage: Mapping[str, MessageTriage] = field(default_factory=dict)
    """Open buyer messages on the board by message id: type, rule, pathway, target."""
    first_imports: Mapping[str, datetime] = field(default_factory=dict)
    """Report kind -> the seller's first import of it by `as_of`: board items due before
    it are history (core.deadline_history), shown collapsed and never warned about."""
    amazon: tuple[AmazonFlag, ...] = ()
    """Amazon's own status of each figure in its latest report (or typed-in figures)."""
