"""Background work: recompute, deadline checks, weekly review, backup, purge, watched folder.

APScheduler runs each job in a worker thread. A job opens its own connection
(`store.db` in that thread, closed at the end), works through `services` and
reports back only by emitting `Bridge` signals, which Qt queues to the GUI
thread: fresh numbers through the health feed's `publish`, writes as `Changes`.
A failing job emits `job_failed` and is logged; it never crashes the app. A job
that fails with a bug (gui.crash.is_bug) goes to the crash report instead: logged
with its traceback and shown once in a dialog.
A one-minute tick notices a wall-clock jump (the laptop slept) and runs the
missed checks once. Even reading the schedule's settings happens in a job, so
starting the runner costs the GUI thread no database work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from core.alerts import Alert, sort_alerts
from core.clock import Clock, iso
from core.health import Health
from core.settings import MetricSettings
from gui.bridge import Bridge
from gui.crash import is_bug, report_bug
from gui.event_alerts import EventAlerts
from gui.health_feed import HistoryJob, publish
from gui.job_texts import failure_sentence, job_place
from services.health import current_health, refresh_health, review_reminder
from services.jobs import (
    back_up,
    backup_due,
    backup_folder,
    import_settled,
    log_weekly_review,
    purge_old_pii,
    schedule_settings,
    watched_folder,
)
from services.review_requests import RequestsReminder
from services.settings import display_prefs
from storage.db import Store
from storage.imports.apply import ImportOutcome
from storage.watch_folder import WatchedFolder

log = logging.getLogger(__name__)

RECOMPUTE_MINUTES = 15
DEADLINE_SECONDS = 60
WATCH_SECONDS = 30
TICK_SECONDS = 60
FREQUENT_JOBS = frozenset({"deadlines", "watch", "tick"})  # every minute: DEBUG lines only
JUMP = timedelta(minutes=5)
MISFIRE_GRACE_SECONDS = 3600
BACKUP_TIME = (3, 0)  # local
PURGE_TIME = (3, 30)  # local


def local_timezone() -> tzinfo:
    """The system's zone (DST-aware), for the local-time schedules."""
    import tzlocal

    zone: tzinfo = tzlocal.get_localzone()
    return zone


class JobRunner:
    """Owns the scheduler and the jobs; `start()` once, `shutdown()` on quit."""

    def __init__(
        self,
        store: Store,
        bridge: Bridge,
        clock: Clock,
        *,
        scheduler: BaseScheduler | None = None,
        local_tz: tzinfo | None = None,
    ) -> None:
        self.store = store
        self.bridge = bridge
        self.clock = clock
        self.tz = local_tz or local_timezone()
        self.scheduler = scheduler or BackgroundScheduler(timezone=UTC)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)  # notified when a job finishes
        # Held around every add_job: shutdown() takes it to stop further additions, since
        # APScheduler's shutdown(wait) holds its job-store lock while it joins the worker
        # threads, and a worker then calling add_job would wait for it forever.
        self._scheduling = threading.RLock()
        self._running: set[str] = set()
        self._again: set[str] = set()
        self._last_run: dict[str, datetime] = {}
        self._last_tick: datetime | None = None
        self.events = EventAlerts()
        self._folder: WatchedFolder | None = None
        self._requests = RequestsReminder()
        self._stopped = False
        self.history = HistoryJob(store, bridge, clock)
        self.jobs: dict[str, Callable[[], object]] = {
            "start": self._start_up,
            "recompute": self.recompute,
            "deadlines": self.check_deadlines,
            "weekly_review": self.recompute,
            "backup": self.back_up,
            "purge": self.purge,
            "watch": self.poll_watched_folder,
            "tick": self._tick_job,
            "history": self.history.run,
        }
        bridge.changed.connect(self._requests.forget)

    # --- lifecycle ---------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Started and not shut down: `run_now` hands work to a worker thread."""
        return not self._stopped and bool(getattr(self.scheduler, "running", False))

    def start(self) -> None:
        """Start the worker threads; a first job schedules the others and catches up."""
        self.scheduler.start()
        self._last_tick = self.clock()
        self.run_now("start")

    def _start_up(self) -> None:
        self.add_jobs()
        for name in self.startup_catch_up():
            self.run_now(name)

    def shutdown(self, wait: bool = True, timeout_s: float = 60.0) -> None:
        """Stop the scheduler; with `wait`, running jobs finish before this returns.

        APScheduler 3's own `shutdown(wait=True)` joins the worker threads while holding
        its job-store lock, so a job that is just scheduling a follow-up (`run_now`)
        deadlocks it. Here the scheduler stops without waiting, no job starts after
        `_stopped` is set, and we wait for the jobs that already run.
        """
        with self._scheduling, self._lock:  # a job adding jobs finishes that first
            self._stopped = True
        if getattr(self.scheduler, "running", False):
            # Jobs live in memory and are rebuilt at start. Removing them first waits for
            # the scheduler loop (it holds the job-store lock); otherwise a one-off job it
            # is just finishing is removed after shutdown and APScheduler 3 raises
            # JobLookupError in its thread (seen when quitting right after the start).
            self.scheduler.pause()
            self.scheduler.remove_all_jobs()
            self.scheduler.shutdown(wait=False)
        if wait:
            with self._idle:
                self._idle.wait_for(lambda: not self._running, timeout=timeout_s)
            self._join_worker_threads()

    def _join_worker_threads(self) -> None:
        """No thread left behind: join the idle pool threads (no APScheduler lock held)."""
        executors = getattr(self.scheduler, "_executors", {})
        for executor in list(executors.values()):
            pool = getattr(executor, "_pool", None)  # concurrent.futures pool behind it
            if pool is not None:
                pool.shutdown(wait=True)

    def reschedule(self, settings: MetricSettings) -> None:
        """Settings changed (weekly review day/hour): rebuild the triggers."""
        self.add_jobs(settings)

    def add_jobs(self, settings: MetricSettings | None = None) -> None:
        """(Re)build every periodic job; without `settings` they are read in this thread."""
        if self._stopped:
            return
        cfg = settings if settings is not None else schedule_settings(self.store)
        common: dict[str, object] = {
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
            "replace_existing": True,
        }
        triggers: dict[str, object] = {
            "recompute": IntervalTrigger(minutes=RECOMPUTE_MINUTES, timezone=UTC),
            "deadlines": IntervalTrigger(seconds=DEADLINE_SECONDS, timezone=UTC),
            "weekly_review": CronTrigger(
                day_of_week=cfg.weekly_review_weekday,
                hour=cfg.weekly_review_hour,
                minute=0,
                timezone=self.tz,
            ),
            "backup": CronTrigger(hour=BACKUP_TIME[0], minute=BACKUP_TIME[1], timezone=self.tz),
            "purge": CronTrigger(hour=PURGE_TIME[0], minute=PURGE_TIME[1], timezone=self.tz),
            "watch": IntervalTrigger(seconds=WATCH_SECONDS, timezone=UTC),
            "tick": IntervalTrigger(seconds=TICK_SECONDS, timezone=UTC),
            "history": IntervalTrigger(hours=1, timezone=UTC),  # days that ended meanwhile
        }
        with self._scheduling:
            if self._stopped:
                return
            for name, trigger in triggers.items():
                options = dict(common)
                if name == "tick":
                    options["misfire_grace_time"] = None  # always run, late or not
                self.scheduler.add_job(
                    self._run, trigger, args=[name], id=name, name=name, **options
                )

    # --- running -----------------------------------------------------------------

    def run_now(self, name: str) -> None:
        """Run a job as soon as possible in a worker thread (coalesced with a running one).

        Before `start()` (tests, the CLI) the job runs synchronously in this thread;
        after `shutdown()` nothing runs.
        """
        if name not in self.jobs:
            raise KeyError(f"no background job named {name!r}")
        if self._stopped:
            return
        with self._lock:
            if name in self._running:
                self._again.add(name)
                return
        if not getattr(self.scheduler, "running", False):
            self._run(name, close=False)
            return
        # A one-off job of its own: nudging the periodic job races with APScheduler's
        # instance count (a run just finishing makes the nudge a skipped "max instances").
        with self._scheduling:
            if self._stopped:
                return
            self.scheduler.add_job(
                self._run,
                "date",
                run_date=datetime.now(UTC),
                args=[name],
                name=f"{name} (now)",
                misfire_grace_time=MISFIRE_GRACE_SECONDS,
            )

    def _run(self, name: str, close: bool = True) -> None:
        with self._lock:
            if self._stopped:
                return
            if name in self._running:  # the periodic and a one-off run met: run once more
                self._again.add(name)
                return
            self._running.add(name)
        try:
            started = time.monotonic()
            self.jobs[name]()
            self._last_run[name] = self.clock()
            level = logging.DEBUG if name in FREQUENT_JOBS else logging.INFO  # a quiet log
            log.log(level, "job %s ran in %.2f s", name, time.monotonic() - started)
        except Exception as exc:
            if not (is_bug(exc) and report_bug(exc, job_place(name))):
                log.exception("background job %s failed", name)
                self.bridge.job_failed.emit(name, failure_sentence(name, exc))
        finally:
            if close:
                try:
                    self.store.close()
                except Exception:
                    log.exception("closing the connection of job %s failed", name)
            with self._lock:
                self._running.discard(name)
                again = name in self._again
                self._again.discard(name)
                self._idle.notify_all()
        if again:
            self.run_now(name)

    # --- the jobs ----------------------------------------------------------------

    def recompute(self) -> None:
        """New numbers at clock(): a snapshot for the trend charts, then every signal."""
        now = self.clock()
        prefs = display_prefs(self.store, self.tz)
        health = self._with_reminder(refresh_health(self.store, now, prefs), now, fresh=True)
        publish(self.bridge, health)
        self._publish(health, now)

    def check_deadlines(self) -> None:
        """The countdown board and the warnings it raises (due soon / overdue)."""
        now = self.clock()
        health = current_health(self.store, now, prefs=display_prefs(self.store, self.tz))
        self._publish(self._with_reminder(health, now), now)

    def _with_reminder(self, health: Health, now: datetime, *, fresh: bool = False) -> Health:
        """The tray also reminds of the weekly review and of today's review requests (the
        CLI's `alerts` does not)."""
        reminders = [
            review_reminder(self.store, now, self.tz),
            self._requests.get(self.store, now, fresh),
        ]
        found = [r for r in reminders if r is not None]
        if not found:
            return health
        return replace(health, alerts=sort_alerts([*health.alerts, *found]))

    def _publish(self, health: Health, now: datetime) -> None:
        self.bridge.deadlines_changed.emit(health.board)
        self.bridge.alerts_raised.emit(self.current_alerts(health.alerts, now))

    def current_alerts(self, alerts: Sequence[Alert], now: datetime) -> list[Alert]:
        """The full list for the notifier: health alerts plus recent event alerts."""
        return [*alerts, *self.events.current(self.store, now)]

    def add_event_alert(self, alert: Alert, now: datetime) -> None:
        """An alert about an event (a refused watched file) that no recompute produces."""
        self.events.add(alert, now)

    def drop_event_alerts(self, keys: Iterable[str]) -> None:
        """What the events were about is over; the notifier resolves them at its next check."""
        self.events.drop(keys)

    def mark_review_done(self, at: datetime) -> None:
        """The seller did the weekly review: log it and clear the reminder."""
        self.bridge.changed.emit(log_weekly_review(self.store, at))
        self.run_now("recompute")

    def back_up(self) -> Path:
        return back_up(self.store, self.clock())

    def backup_dir(self, db: object = None) -> Path:
        """Where the backups go: the folder Settings shows (read with this thread's connection)."""
        return backup_folder(self.store)

    def purge(self) -> None:
        """Erase old buyer data; the screens that show it reload, the numbers follow."""
        changes = purge_old_pii(self.store, self.clock())
        if changes:
            self.bridge.changed.emit(changes)

    def poll_watched_folder(self) -> list[ImportOutcome]:
        """Import files that settled in the watched folder; off unless the setting is on."""
        now = self.clock()
        self._folder = watched_folder(self.store, self._folder)
        if self._folder is None:
            return []
        watch = import_settled(self.store, self._folder, now)
        self.drop_event_alerts(watch.cleared)
        for alert in watch.raised:
            self.add_event_alert(alert, now)
        for outcome in watch.outcomes:
            self.bridge.import_finished.emit(outcome)
        if watch.changes:  # the health feed recomputes when imported data changed
            self.bridge.changed.emit(watch.changes)
        return watch.outcomes

    # --- catching up after sleep or downtime ------------------------------------

    def _tick_job(self) -> None:
        for name in self.tick():
            self.run_now(name)

    def tick(self) -> list[str]:
        """The jobs to catch up when the wall clock jumped > 5 min past the expected tick."""
        now = self.clock()
        last, self._last_tick = self._last_tick, now
        if last is None or now - last <= timedelta(seconds=TICK_SECONDS) + JUMP:
            return []
        log.info("clock jumped from %s to %s: catching up", iso(last), iso(now))
        names = ["recompute"]
        names += [n for n in ("backup", "purge") if self._missed(n, last, now)]
        with self._lock:
            return [n for n in names if n not in self._running]

    def _missed(self, name: str, since: datetime, now: datetime) -> bool:
        """A fire time of `name` fell in (since, now] and the job has not run since it."""
        job = self.scheduler.get_job(name)
        if job is None:
            return False
        fire: datetime | None = job.trigger.get_next_fire_time(None, since)
        if fire is None or fire > now:
            return False
        return self._last_run.get(name, datetime.min.replace(tzinfo=UTC)) < fire

    def startup_catch_up(self) -> list[str]:
        """At start: fresh numbers, and a backup when the newest is a day old (PC off at 03:00)."""
        names = ["recompute", "purge", "history"]
        if backup_due(self.store, self.clock()):
            names.append("backup")
        return names
