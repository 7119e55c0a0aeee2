"""The list screens' search: the key rule, the inbox table's prepared search and history
(the same rows as the plain rules), the import history searched by SQLite, and speed."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from core.countdown import kind_label
from core.inbox import InboxRow
from core.inbox_table import FILTERS, prepare_table
from core.search import RowSearch, matching, search_key, search_terms
from core.settings import MetricSettings
from services.imports import import_history_page
from storage.imports.apply import apply_import
from tests.test_inbox_table import INSTANTS, inbox_rows, plain_filter

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SETTINGS = MetricSettings()


def test_terms_are_case_folded_words_that_must_all_appear() -> None:
    assert search_terms("  KT-Whisk   BROKEN ") == ("kt-whisk", "broken")
    keys = [search_key("112-1", "KT-WHISK", "Arrived broken"), search_key("113-2", "KT-SCALE")]
    assert matching(keys, search_terms("kt-whisk broken"), range(2)) == [0]
    assert matching(keys, search_terms("kt"), range(2)) == [0, 1]
    assert matching(keys, (), [1, 0]) == [1, 0]
    # A term never spans two columns: "1kt" is not "112-1" followed by "KT-...".
    assert matching(keys, search_terms("1kt"), range(2)) == []
    assert search_key("Straße", None, "", 0) == "strasse"


def test_row_search_keeps_order_and_a_further_filter() -> None:
    found: RowSearch[tuple[str, int]] = RowSearch(lambda r: search_key(r[0]))
    found.set_rows([("Alpha", 1), ("beta", 2), ("ALPHABET", 3)])
    assert found.set_text("alpha") and not found.set_text(" ALPHA ")
    assert found.shown() == [("Alpha", 1), ("ALPHABET", 3)]
    assert found.shown(lambda r: r[1] > 1) == [("ALPHABET", 3)]
    assert found.set_text("")
    assert len(found.shown()) == 3


def test_row_search_takes_keys_made_elsewhere_and_remakes_a_wrong_count() -> None:
    found: RowSearch[str] = RowSearch(search_key)
    found.set_rows(["Alpha", "beta"], ["x", "y"])  # made in a worker: used as they are
    assert found.keys == ["x", "y"] and found.set_text("y") and found.shown() == ["beta"]
    found.set_rows(["Alpha", "beta"], ["x"])  # not one per row: made here instead
    assert found.keys == ["alpha", "beta"]


TERMS = st.lists(st.sampled_from(["111", "where", "a@x", "return", "b", "1-2", "zz"]), max_size=2)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(inbox_rows(), st.booleans()), max_size=30),
    INSTANTS,
    st.sets(st.sampled_from(["message", "return", "appeal"])),
    TERMS,
)
def test_filter_search_and_history_equal_the_plain_rules(
    drawn: list[tuple[InboxRow, bool]], now: float, expanded: set[str], terms: list[str]
) -> None:
    rows = [replace(r, history=old) for r, old in drawn]
    table = prepare_table(rows, SETTINGS, {"111-1": "KT-WHISK B0WHISK"})

    def plain_key(r: InboxRow) -> str:
        sku = "KT-WHISK B0WHISK" if r.order_id == "111-1" else ""
        return search_key(r.order_id, sku, r.subject, r.buyer, r.type_label, kind_label(r.kind))

    def listed(i: int) -> bool:
        r = rows[i]
        return r.no_response_needed or not r.history or r.kind in expanded or bool(terms)

    for name in FILTERS:
        got = table.filtered(name, now, expanded, terms)
        want = [
            i
            for i in plain_filter(rows, name, now)
            if listed(i) and all(t in plain_key(rows[i]) for t in terms)
        ]
        assert sorted(got) == want
        if not terms:
            assert table.counts(now, expanded)[name] == len(want)


def test_history_is_kept_apart_per_kind() -> None:
    def row(kind: str, ref: str, old: bool) -> InboxRow:
        return InboxRow(kind, ref, "", NOW - timedelta(days=9), history=old)

    table = prepare_table(
        [row("message", "m1", True), row("message", "m2", False), row("return", "r1", True)],
        SETTINGS,
    )
    assert table.board == [1]
    assert dict(table.history) == {"message": [0], "return": [2]}
    assert table.counts(NOW.timestamp())["all"] == 1
    assert table.counts(NOW.timestamp(), {"message", "return"})["overdue"] == 3


def test_searching_100k_inbox_rows_takes_milliseconds() -> None:
    rows = [
        InboxRow(
            "message",
            f"M{i}",
            f"11{i % 10}-{i:07d}-{i:07d}",
            NOW + timedelta(minutes=i),
            subject=f"Where is my order {i}",
            buyer=f"buyer{i % 977}@marketplace.amazon.com",
        )
        for i in range(100_000)
    ]
    table = prepare_table(rows, SETTINGS)
    start = time.perf_counter()
    found = table.filtered("all", NOW.timestamp(), (), search_terms("0012345"))
    took = time.perf_counter() - start
    assert [rows[i].ref for i in found] == ["M12345"]
    assert took < 0.5, took  # a few ms here; generous for a loaded CI machine


def test_the_import_history_is_searched_by_sqlite(store: Any, samples: Path) -> None:
    for name in ("orders-1.txt", "feedback.txt", "messages.csv"):
        assert apply_import(store, samples / "seller-a" / name, now=NOW).ok
    bad = samples / "seller-a" / "expected.json"
    assert not apply_import(store, bad, now=NOW).ok

    def files(search: str, limit: int = 200) -> list[str]:
        return [a.file_name for a in import_history_page(store, 0, limit, search).rows]

    assert files("") == ["expected.json", "messages.csv", "feedback.txt", "orders-1.txt"]
    assert files("FEEDBACK") == ["feedback.txt"]
    assert files("ORDERS all") == ["orders-1.txt"]  # the report's name, any case
    assert files("refused") == ["expected.json"]
    assert files("%") == [] and files("_") == []  # LIKE's wildcards are plain characters
    page = import_history_page(store, 0, 1, "t")
    assert page.more and len(page.rows) == 1
