"""Quitting while the start-up job is still adding the periodic jobs ends, never hangs.

APScheduler's shutdown(wait=True) holds its job-store lock while it joins the worker
threads; a worker then calling add_job waited for that lock forever (seen when the
app quit within a second of its start).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

from core.clock import FixedClock
from gui.bridge import Bridge
from gui.scheduler import JobRunner


def test_shutdown_while_a_job_adds_jobs_does_not_deadlock(qapp: Any, store: Any) -> None:
    runner = JobRunner(store, Bridge(), FixedClock(datetime(2026, 11, 20, 15, tzinfo=UTC)))
    adding = threading.Event()
    real_add_job = runner.scheduler.add_job

    def slow_add_job(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            adding.set()  # the start-up job, in a worker thread
            time.sleep(0.05)  # seven of these: shutdown comes in the middle
        return real_add_job(*args, **kwargs)

    runner.scheduler.add_job = slow_add_job  # type: ignore[method-assign]
    runner.jobs["start"] = runner.add_jobs  # only the part that adds the periodic jobs
    runner.scheduler.start()
    runner.run_now("start")
    assert adding.wait(5)
    stopper = threading.Thread(target=runner.shutdown, kwargs={"wait": True}, daemon=True)
    stopper.start()
    stopper.join(10)
    assert not stopper.is_alive(), "shutdown hung while a job was adding jobs"
    assert not runner.running
