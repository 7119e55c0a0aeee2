"""The schema, as one ordered list of steps. Step N brings user_version to N.

Never edit a released step: append a new one. `db.open_db` backs the file up
before running any step and refuses a database whose version is newer than
the last step here.

Conventions: instants are TEXT `YYYY-MM-DDTHH:MM:SS+00:00` (UTC, so text order
is time order); calendar dates are TEXT `YYYY-MM-DD`; booleans are INTEGER
0/1; money is TEXT (exact decimal). Columns ending in `_enc` hold buyer PII
encrypted with AES-256-GCM (storage/cipher.py); nothing else is encrypted,
so losing the key never makes the metrics unreadable.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from storage.migrations.dashboard import typed_figures_and_metric_days
from storage.migrations.defaults import seed_defaults
from storage.migrations.indexes import (
    covering_metric_indexes,
    message_deadline_indexes,
    orders_period_index,
    reply_templates_table,
)
from storage.migrations.initial import initial_schema
from storage.migrations.lock_refusals import forget_lock_refusals
from storage.migrations.privacy import privacy_columns
from storage.migrations.reimbursements import reimbursement_tables
from storage.migrations.reports import report_variants
from storage.migrations.review_requests import review_request_log

Step = Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Step] = [
    initial_schema,
    message_deadline_indexes,
    reply_templates_table,
    covering_metric_indexes,
    seed_defaults,
    reimbursement_tables,
    review_request_log,
    privacy_columns,
    report_variants,
    forget_lock_refusals,
    typed_figures_and_metric_days,
    orders_period_index,  # last: the slow step the kill test interrupts (tests/test_fault_killed)
]
"""Index i holds the step that takes user_version from i to i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)
