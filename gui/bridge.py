"""The QObject that carries results from background work to widgets.

Jobs and background tasks never touch widgets; they emit these signals, which Qt
queues to the GUI thread. Payloads are typed objects from core and services.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Bridge(QObject):
    changed = Signal(object)  # services.changes.Changes: what a write touched
    metrics_changed = Signal(object)  # core.health.Health; emitted by gui.health_feed only
    deadlines_changed = Signal(object)  # list of core.deadlines.DeadlineItem
    alerts_raised = Signal(object)  # list of core.alerts.Alert to show now
    import_finished = Signal(object)  # storage ImportOutcome
    settings_changed = Signal()  # Settings saved: schedules (weekly review) follow
    navigate = Signal(str, str)  # screen name, row reference (from a tray message)
    job_failed = Signal(str, str)  # job name, one-sentence error
