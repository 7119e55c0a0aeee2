"""The QObject that carries results from background jobs to widgets.

Jobs run in worker threads and never touch widgets; they emit these signals,
which Qt queues to the GUI thread. Payloads are plain core/storage objects.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Bridge(QObject):
    changed = Signal(object)  # services.changes.Changes: what a write touched
    metrics_changed = Signal(object)  # core.health.Health: fresh numbers (one emitter)
    deadlines_changed = Signal(object)  # list of core.deadlines items
    alerts_raised = Signal(object)  # list of core.alerts.Alert to show now
    import_finished = Signal(object)  # storage ImportOutcome
    data_changed = Signal()  # something was written; views reload
    settings_changed = Signal()  # Settings saved: schedules (weekly review) follow
    navigate = Signal(str, str)  # screen name, row reference (from a tray message)
    job_failed = Signal(str, str)  # job name, one-sentence error
