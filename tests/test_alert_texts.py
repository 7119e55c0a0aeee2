"""Every warning text against its value, the warning level and the limit (issue 16).

"Negative Feedback Rate is 7.41 %, close to the 5 % limit" was false: 7.41 is above 5. The
texts here are checked word for word for each metric, status and headroom case, and a
sweep checks that every comparison a warning makes is true of the numbers it shows.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.alerts.rates import Levels, Wording, below_target_levels, rate_alert
from core.alerts.reminders import deadline_alert, stale_alert
from core.deadlines import DeadlineItem, DeadlineKind, DeadlineState
from core.format import DisplayPrefs
from core.metrics.common import above_limit_status, below_target_rate, exact, rate_value
from core.metrics.result import RateResult
from core.settings import MetricSettings

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
WINDOW = (datetime(2026, 9, 7, tzinfo=UTC), datetime(2026, 11, 6, tzinfo=UTC))
ODR = Wording("odr.afn", "FBA ODR", "FACTS.", ("defective order", "defective orders"), "ADVICE.")
LRR = Wording("lrr", "Late Response Rate", "FACTS.", ("late reply", "late replies"), "ADVICE.")
NFR = Wording("nfr", "Negative Feedback Rate", "FACTS.", None, "ADVICE.")
ODR_LEVELS = below_target_levels(1.0, 0.75)
NFR_LEVELS = Levels(exact(5.0), exact(10.0), strict=True)


def below(n: int, d: int, target: float = 1.0) -> RateResult:
    return below_target_rate(n, d, WINDOW, target, 0.75)


def nfr(n: int, d: int) -> RateResult:
    return RateResult(
        rate_value(n, d), n, d, *WINDOW, 5.0, above_limit_status(n, d, 5.0, 10.0), None
    )


@pytest.mark.parametrize(
    ("n", "d", "severity", "state", "title", "detail"),
    [
        (0, 200, None, None, None, None),
        (1, 400, None, None, None, None),  # 0.25 %, room for 2 more: ok
        # warning by headroom alone, below the warning level: "close to" is true here
        (
            1,
            150,
            "warning",
            "last:n=1",
            "One more defective order puts your FBA ODR at 1.33 %, above the 1 % limit",
            "FBA ODR is 0.67 % now, close to the 1 % limit. FACTS.",
        ),
        (
            1,
            200,
            "warning",
            "last:n=1",
            "One more defective order puts your FBA ODR at the 1 % limit",
            "FBA ODR is 0.5 % now, close to the 1 % limit. FACTS.",
        ),
        # above the warning level and no room left: one warning, not two
        (
            4,
            489,
            "warning",
            "last:n=4",
            "One more defective order puts your FBA ODR at 1.02 %, above the 1 % limit",
            "FBA ODR is 0.82 % now, above the 0.75 % warning level. FACTS.",
        ),
        (
            3,
            400,
            "warning",
            "last:n=3",
            "One more defective order puts your FBA ODR at the 1 % limit",
            "FBA ODR is 0.75 % now, at the 0.75 % warning level. FACTS.",
        ),
        # above the warning level with room left
        (
            8,
            1000,
            "warning",
            "warning",
            "FBA ODR is 0.8 %, above the 0.75 % warning level",
            "FACTS. 2 more defective orders would breach the 1 % limit.",
        ),
        (
            10,
            1300,
            "warning",
            "warning",
            "FBA ODR is 0.77 %, above the 0.75 % warning level",
            "FACTS. 3 more defective orders would breach the 1 % limit.",
        ),
        (
            75,
            10000,
            "warning",
            "warning",
            "FBA ODR is 0.75 %, at the 0.75 % warning level",
            "FACTS. 25 more defective orders would breach the 1 % limit.",
        ),
        # just under the limit: the value never reads like the limit
        (
            99,
            9960,
            "warning",
            "last:n=99",
            "One more defective order puts your FBA ODR at 1.004 %, above the 1 % limit",
            "FBA ODR is 0.99 % now, above the 0.75 % warning level. FACTS.",
        ),
        # breach
        (2, 200, "critical", "breach", "FBA ODR is 1 %, at the 1 % limit", "FACTS. ADVICE."),
        (3, 200, "critical", "breach", "FBA ODR is 1.5 %, above the 1 % limit", "FACTS. ADVICE."),
        (
            1001,
            100000,
            "critical",
            "breach",
            "FBA ODR is 1.001 %, above the 1 % limit",
            "FACTS. ADVICE.",
        ),
    ],
)
def test_odr_texts(
    n: int,
    d: int,
    severity: str | None,
    state: str | None,
    title: str | None,
    detail: str | None,
) -> None:
    alert = rate_alert(ODR, below(n, d), ODR_LEVELS)
    if severity is None:
        assert alert is None
        return
    assert alert is not None
    assert (alert.key, alert.severity, alert.state) == ("odr.afn.status", severity, state)
    assert (alert.title, alert.detail) == (title, detail)


@pytest.mark.parametrize(
    ("n", "d", "severity", "title", "detail"),
    [
        (5, 100, None, None, None),  # 5 % is not above 5 %
        (
            6,
            81,
            "warning",
            "Negative Feedback Rate is 7.41 %, above the 5 % warning level",
            "FACTS. The limit is 10 %.",
        ),
        (
            5001,
            100000,
            "warning",
            "Negative Feedback Rate is 5.001 %, above the 5 % warning level",
            "FACTS. The limit is 10 %.",
        ),
        (
            10,
            100,
            "warning",
            "Negative Feedback Rate is 10 %, above the 5 % warning level",
            "FACTS. The limit is 10 %.",
        ),
        (
            11,
            100,
            "critical",
            "Negative Feedback Rate is 11 %, above the 10 % limit",
            "FACTS. ADVICE.",
        ),
        (
            1,
            3,
            "critical",
            "Negative Feedback Rate is 33.33 %, above the 10 % limit",
            "FACTS. ADVICE.",
        ),
    ],
)
def test_nfr_texts(
    n: int, d: int, severity: str | None, title: str | None, detail: str | None
) -> None:
    alert = rate_alert(NFR, nfr(n, d), NFR_LEVELS)
    if severity is None:
        assert alert is None
        return
    assert alert is not None
    assert (alert.key, alert.severity, alert.title, alert.detail) == (
        "nfr.status",
        severity,
        title,
        detail,
    )


@pytest.mark.parametrize(
    ("n", "d", "title"),
    [
        (10, 51, "Late Response Rate is 19.61 %, above the 10 % limit"),
        (8, 100, "Late Response Rate is 8 %, above the 7.5 % warning level"),
        (
            1,
            11,
            "One more late reply puts your Late Response Rate at 18.18 %, above the 10 % limit",
        ),
        (1, 20, "One more late reply puts your Late Response Rate at the 10 % limit"),
    ],
)
def test_lrr_texts(n: int, d: int, title: str) -> None:
    alert = rate_alert(LRR, below(n, d, 10.0), below_target_levels(10.0, 0.75))
    assert alert is not None and alert.title == title


def test_no_alert_without_data() -> None:
    assert rate_alert(ODR, below(0, 0), ODR_LEVELS) is None
    assert rate_alert(NFR, nfr(0, 0), NFR_LEVELS) is None


_CLAIM = re.compile(
    r"(?:is|at) ([\d.]+) %(?: now)?, (above|at|below|close to) the ([\d.]+) % (?:limit|warning level)"
)


def _claims(text: str) -> list[tuple[float, str, float]]:
    return [(float(a), rel, float(b)) for a, rel, b in _CLAIM.findall(text)]


@pytest.mark.parametrize("metric", ["odr", "nfr"])
def test_every_comparison_a_warning_makes_is_true(metric: str) -> None:
    """Sweep many counts: each "X %, above/at/below/close to the Y %" holds of X and Y."""
    checked = 0
    for d in (3, 7, 20, 81, 99, 100, 150, 199, 200, 301, 489, 1000, 1300, 9960):
        for n in range(0, min(d, 40) + 1):
            if metric == "odr":
                alert = rate_alert(ODR, below(n, d), ODR_LEVELS)
            else:
                alert = rate_alert(NFR, nfr(n, d), NFR_LEVELS)
            if alert is None:
                continue
            claims = _claims(alert.title) + _claims(alert.detail)
            assert claims, alert.title
            for shown, relation, level in claims:
                checked += 1
                ok = {
                    "above": shown > level,
                    "at": shown == level,
                    "below": shown < level,
                    "close to": shown < level,
                }[relation]
                assert ok, (n, d, alert.title, alert.detail)
            assert "close to" not in alert.title
    assert checked > 100


def _item(
    kind: DeadlineKind, state: DeadlineState, seconds: float, target: datetime | None = None
) -> DeadlineItem:
    due = NOW + timedelta(seconds=seconds)
    return DeadlineItem(kind, "R1", "112-1", due, seconds, state, target)


BERLIN = DisplayPrefs(local_time=True, local_zone=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("item", "prefs", "severity", "title", "detail"),
    [
        (
            _item("message", "due_soon", 3 * 3600 + 600, NOW),
            DisplayPrefs(),
            "warning",
            "Buyer message on order 112-1 is due in 3 h 10 min",
            "Amazon's deadline: Nov 20, 2026 18:10 UTC. Your target: Nov 20, 2026 15:00 UTC.",
        ),
        (
            _item("message", "overdue", -(2 * 86400 + 4 * 3600)),
            DisplayPrefs(),
            "critical",
            "Buyer message on order 112-1 is overdue by 2 d 4 h",
            "Amazon's deadline: Nov 18, 2026 11:00 UTC.",
        ),
        (
            _item("return", "overdue", -3600),
            BERLIN,
            "critical",
            "Return request on order 112-1 is overdue by 1 h",
            "Amazon's deadline: Nov 20, 2026 15:00 CET.",
        ),
        (
            _item("claim_info", "due_soon", 7200),
            DisplayPrefs(),
            "warning",
            "Information for the A-to-z claim on order 112-1 is due in 2 h",
            "Amazon's deadline: Nov 20, 2026 17:00 UTC.",
        ),
        (
            _item("appeal", "due_soon", 2 * 86400),
            DisplayPrefs(),
            "warning",
            "Appeal of the claim on order 112-1 is due in 2 d",
            "Amazon's deadline: Nov 22, 2026 15:00 UTC.",
        ),
        (
            _item("feedback_removal", "overdue", -60),
            DisplayPrefs(),
            "critical",
            "Removal request for the negative feedback on order 112-1 is overdue by 1 min",
            "Amazon's deadline: Nov 20, 2026 14:59 UTC.",
        ),
        # a target no stricter than Amazon's deadline is not repeated
        (
            _item("message", "overdue", -3600, NOW - timedelta(hours=1)),
            DisplayPrefs(),
            "critical",
            "Buyer message on order 112-1 is overdue by 1 h",
            "Amazon's deadline: Nov 20, 2026 14:00 UTC.",
        ),
    ],
)
def test_deadline_texts(
    item: DeadlineItem, prefs: DisplayPrefs, severity: str, title: str, detail: str
) -> None:
    alert = deadline_alert(item, prefs)
    assert alert is not None
    assert (alert.severity, alert.title, alert.detail, alert.state) == (
        severity,
        title,
        detail,
        item.state,
    )


def test_an_open_clock_says_nothing() -> None:
    assert deadline_alert(_item("message", "open", 86400), DisplayPrefs()) is None


@pytest.mark.parametrize(
    ("last", "prefs", "title", "detail"),
    [
        (
            None,
            DisplayPrefs(),
            "No orders report imported yet",
            "Import an All Orders report from Seller Central so ODR has orders to count.",
        ),
        (NOW - timedelta(days=6, hours=23), DisplayPrefs(), None, None),
        (
            NOW - timedelta(days=7),
            DisplayPrefs(),
            "No orders report imported for 7 days",
            "The last one was imported on Nov 13, 2026 15:00 UTC. Download a fresh All Orders "
            "report so ODR counts your recent orders.",
        ),
        (
            datetime(2026, 11, 12, 8, tzinfo=UTC),
            BERLIN,
            "No orders report imported for 8 days",
            "The last one was imported on Nov 12, 2026 09:00 CET. Download a fresh All Orders "
            "report so ODR counts your recent orders.",
        ),
    ],
)
def test_stale_texts(
    last: datetime | None, prefs: DisplayPrefs, title: str | None, detail: str | None
) -> None:
    alert = stale_alert(NOW, last, MetricSettings(), prefs)
    if title is None:
        assert alert is None
        return
    assert alert is not None and (alert.title, alert.detail) == (title, detail)


def test_the_facts_of_each_metric_in_one_sentence() -> None:
    from core.alerts import evaluate_alerts
    from core.deadlines import build_board
    from core.metrics import MetricInputs, compute_metrics
    from core.model import Feedback, Message, Order

    start = datetime(2026, 10, 1, tzinfo=UTC)
    orders = [Order(f"o{i}", start, "Shipped", "mfn") for i in range(81)]
    ratings = [Feedback(o.order_id, start.date(), 1 if i < 6 else 5) for i, o in enumerate(orders)]
    late = Message("M1", "T1", "in", NOW - timedelta(hours=30), order_id="o1")
    inputs = MetricInputs.from_records(orders=orders, feedback=ratings, messages=[late])
    cfg = MetricSettings()
    found = {
        a.key: a
        for a in evaluate_alerts(
            compute_metrics(inputs, NOW, cfg),
            build_board(inputs, NOW, cfg),
            NOW,
            last_orders_import=NOW,
            weekly_review_due=False,
            settings=cfg,
        )
    }
    assert found["nfr.status"].title == (
        "Negative Feedback Rate is 7.41 %, above the 5 % warning level"
    )
    assert found["nfr.status"].detail == (
        "6 of 81 ratings of the last 90 days are negative (1 or 2 stars). The limit is 10 %."
    )
    assert found["lrr.status"].title == "Late Response Rate is 100 %, above the 10 % limit"
    assert found["lrr.status"].detail == (
        "1 of 1 buyer message of the last 30 days was not answered within 24 hours. "
        "Answer the overdue buyer messages in the Inbox."
    )
    odr = found["odr.mfn.status"]
    assert odr.severity == "critical"
    assert odr.title == "FBM ODR is 7.41 %, above the 1 % limit"
    assert odr.detail == (
        "6 of 81 orders purchased Sep 7, 2026 to Nov 5, 2026 have a defect "
        "(6 with negative feedback). "
        "Work through open claims and removable feedback on the Defects screen."
    )
