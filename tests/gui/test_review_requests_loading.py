"""The Review requests page as the screen loads it: keyed with the SKUs, its marketplaces
listed and its rows copied in the loading thread; the old page freed off the GUI thread."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from core.review_requests import EligibleOrder
from gui.models.review_requests_model import (
    EligibleModel,
    compact_rows,
    eligible_keys,
    load_requests,
)
from gui.operations import wait_idle
from gui.views.review_requests import ReviewRequestsView
from services.review_requests import mark_requested, review_requests_page
from tests.review_request_fixtures import ELIGIBLE, NOW, REQUESTED, import_set


def test_loaded_page_matches_the_plan_with_keys_and_marketplaces(store: Any) -> None:
    import_set(store)
    mark_requested(store, [REQUESTED], NOW - timedelta(days=8))
    page = review_requests_page(store, NOW)
    loaded = load_requests(store, NOW)
    assert loaded.page.plan == page.plan
    assert [e.order_id for e in loaded.page.plan.eligible] == ELIGIBLE
    assert loaded.keys == eligible_keys(page.plan.eligible, page.skus)  # SKUs included
    assert loaded.marketplaces == sorted({e.marketplace for e in page.plan.eligible})
    assert loaded.page.skus == {}  # in the keys now; not held twice


def test_compact_rows_are_equal_copies() -> None:
    day = NOW.date()
    row = EligibleOrder("111-1", "Amazon.com", "afn", day, True, day, day, 3)
    (copy,) = compact_rows([row])
    assert copy == row and copy is not row


def test_model_lists_the_marketplaces_it_was_given_or_its_rows_own(qapp: Any) -> None:
    day = NOW.date()
    rows = [
        EligibleOrder(f"111-{i}", m, "afn", day, False, day, day, 3)
        for i, m in enumerate(["Amazon.de", "Amazon.com", "Amazon.de"])
    ]
    model = EligibleModel()
    model.set_rows(rows)
    assert model.marketplaces() == ["Amazon.com", "Amazon.de"]
    assert not model.narrowing() and model.rowCount() == 3
    model.set_rows(rows, marketplaces=["Amazon.de"])
    assert model.marketplaces() == ["Amazon.de"]
    model.show_marketplace("Amazon.de")
    assert model.narrowing()
    assert [r.order_id for r in model.shown()] == ["111-0", "111-2"]


def test_reload_shows_the_new_page_and_lets_the_old_one_go(
    qtbot: Any, store: Any, bridge: Any, clock: Any
) -> None:
    import_set(store)
    view = ReviewRequestsView(store, bridge, clock)
    qtbot.addWidget(view)
    view.show()
    assert wait_idle()
    first = view.page
    assert first is not None and len(view.model.shown()) == len(ELIGIBLE) + 1
    mark_requested(store, [ELIGIBLE[0]], NOW)
    view.refresh()
    assert wait_idle()
    assert view.page is not first
    assert ELIGIBLE[0] not in [e.order_id for e in view.model.shown()]
    assert [m for m in view.model.marketplaces()] == sorted(
        {e.marketplace for e in view.model.all_rows}
    )
