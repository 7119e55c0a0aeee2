"""What the seller reads about a background job: its name, and a sentence when it fails.

Kept apart from the scheduler so that the words can change without touching the timing.
"""

from __future__ import annotations

JOB_LABELS = {
    "start": "Starting the background jobs",
    "recompute": "Recomputing the metrics",
    "deadlines": "Checking the deadlines",
    "weekly_review": "The weekly review reminder",
    "backup": "The nightly backup",
    "purge": "Erasing old buyer data",
    "watch": "Checking the watched folder",
    "tick": "The wake-up check",
    "history": "Computing the daily history of the metrics",
}


def _label(name: str) -> str:
    return JOB_LABELS.get(name, f"The background job {name}")


def job_place(name: str) -> str:
    """Where a crash report says a job's bug happened: 'in a background job (the nightly backup)'."""
    return f"in a background job ({_label(name).lower()})"


def failure_sentence(name: str, exc: BaseException) -> str:
    label = _label(name)
    reason = str(exc).strip().rstrip(".") or type(exc).__name__
    return f"{label} failed ({reason}); the details are in the log."
