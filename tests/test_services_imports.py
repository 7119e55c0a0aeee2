"""services.imports: what each imported file changed, the paged history, the templates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.import_history import ImportAttempt
from services.changes import Changes
from services.imports import (
    blank_template,
    import_file,
    import_files,
    import_history_page,
    save_blank_template,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "kind", "changes"),
    [
        ("seller-a/orders-1.txt", "orders", Changes(orders=True)),
        ("seller-a/feedback.txt", "feedback", Changes(feedback=True)),
        ("seller-a/returns-fbm.txt", "returns_fbm", Changes(returns=True)),
        ("seller-a/returns-fba.txt", "returns_fba", Changes(returns=True)),
        ("seller-a/messages.csv", "messages", Changes(messages=True)),
        ("seller-a/claims.csv", "claims", Changes(claims=True)),
        ("email/inbox.mbox", "email", Changes(messages=True)),
        (
            "performance/seller-performance-2026-11-20.json",
            "performance",
            Changes(performance=True),
        ),
    ],
)
def test_an_imported_file_changes_its_kind_and_the_history(
    store: Any, samples: Path, name: str, kind: str, changes: Changes
) -> None:
    done = import_file(store, samples / name, NOW)
    assert done.outcome.ok and done.outcome.kind == kind
    assert done.changes == changes | Changes(imports=True)
    assert done.changes.metric_inputs


def test_a_refused_file_changes_only_the_history(store: Any, tmp_path: Path) -> None:
    bad = tmp_path / "mystery.txt"
    bad.write_text("colour\tshape\nred\tround\n", encoding="utf-8")
    done = import_file(store, bad, NOW)
    assert not done.outcome.ok and done.outcome.import_id is not None
    assert done.changes == Changes(imports=True)


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (lambda tmp: tmp / "gone.txt", "gone.txt: there is no such file."),
        (lambda tmp: tmp, "this is a folder, not a report file."),
    ],
)
def test_a_path_that_is_not_a_file_changes_nothing(
    store: Any, tmp_path: Path, make: Any, sentence: str
) -> None:
    done = import_file(store, make(tmp_path), NOW)
    assert done.outcome.error is not None and done.outcome.error.endswith(sentence)
    assert done.changes == Changes()
    assert import_history_page(store).rows == []  # not logged


def test_import_files_keeps_the_order_and_combines_the_changes(
    store: Any, samples: Path, tmp_path: Path
) -> None:
    times = iter([NOW, NOW.replace(minute=1), NOW.replace(minute=2)])
    paths = [
        samples / "seller-a" / "claims.csv",
        tmp_path / "gone.txt",
        samples / "seller-a" / "feedback.txt",
    ]
    batch = import_files(store, paths, lambda: next(times))
    assert [o.file for o in batch.outcomes] == ["claims.csv", "gone.txt", "feedback.txt"]
    assert [o.ok for o in batch.outcomes] == [True, False, True]
    assert batch.changes == Changes(claims=True, feedback=True, imports=True)
    history = import_history_page(store).rows
    assert [(a.file_name, a.started_at) for a in history] == [
        ("feedback.txt", NOW.replace(minute=2)),
        ("claims.csv", NOW),
    ]


def test_the_history_is_typed_and_paged(store: Any, samples: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    import_file(store, samples / "seller-a" / "claims.csv", NOW)
    for _ in range(4):
        import_file(store, bad, NOW)
    first = import_history_page(store, 0, 3)
    assert (len(first.rows), first.offset, first.more) == (3, 0, True)
    refused = first.rows[0]
    assert isinstance(refused, ImportAttempt)
    assert (refused.file_name, refused.kind, refused.outcome) == ("empty.csv", None, "refused")
    assert refused.error and "empty.csv" in refused.error and refused.time == NOW
    rest = import_history_page(store, 3, 3)
    assert (len(rest.rows), rest.offset, rest.more) == (2, 3, False)
    claims = rest.rows[-1]
    assert (claims.kind, claims.outcome, claims.added, claims.error) == ("claims", "ok", 12, None)
    assert len({a.id for a in first.rows + rest.rows}) == 5


def test_blank_templates(tmp_path: Path) -> None:
    from storage.imports.templates import TEMPLATES

    text = blank_template("claims")
    assert text.startswith(TEMPLATES["claims"] + "\n# ")  # the header, then commented notes
    assert all(line.startswith("#") for line in text.splitlines()[1:])
    with pytest.raises(ValueError, match="unknown template"):
        blank_template("orders")
    written = save_blank_template("messages", tmp_path)
    assert written == tmp_path / "messages.csv"
    assert written.read_text(encoding="utf-8") == blank_template("messages")
    with pytest.raises(FileExistsError):
        save_blank_template("messages", written)
    assert save_blank_template("claims", written, overwrite=True) == written
