"""Loading the Inbox's page in a worker thread, never taking the app down.

The first load lets the new screen paint before this thread competes with the GUI thread
for the interpreter lock, and then compiles the reply checker.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from core.health import Health
from gui.models.findings_model import load_checker
from services.inbox import InboxPage, inbox_page
from storage.db import Store

log = logging.getLogger(__name__)

FIRST_PAINT_S = 0.05
"""How long the first load waits, so the screen is built and painted without contention."""


def load_inbox(store: Store, now: datetime, health: Health | None, first: bool) -> InboxPage | str:
    """The page, or one sentence for the summary line: a screen must never take the app down.

    The first load lets the new screen paint before this thread competes with the GUI
    thread for the interpreter lock, and then compiles the reply checker.
    """
    if first:
        time.sleep(FIRST_PAINT_S)
    try:
        page: InboxPage | str = inbox_page(store, now, health)
    except Exception as exc:
        log.exception("inbox refresh failed")
        page = f"Could not load the deadlines: {exc}"
    if first:
        load_checker()
    return page
