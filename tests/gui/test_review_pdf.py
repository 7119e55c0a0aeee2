"""The weekly review PDF: figures, trends, new defects and the coming week's deadlines."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gui import review_pdf
from gui.views.defects import DefectsView
from services.weekly_review import weekly_review
from tests.gui.conftest import AS_OF


def test_the_review_holds_new_defects_and_the_coming_week(seller_a_store: Any) -> None:
    review = weekly_review(seller_a_store, AS_OF)
    assert review.last_review is None and review.new_defects  # never reviewed: all are new
    assert review.coming and all(0 <= i.seconds_left <= 7 * 86400 for i in review.coming)
    assert set(review.trends) >= {"order_defect_rate", "late_response_rate"}


def test_the_defects_button_writes_a_pdf(
    qtbot: Any,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "review.pdf"
    monkeypatch.setattr(review_pdf, "ask_pdf_path", lambda _parent, _name: str(target))
    view = DefectsView(seller_a_store, bridge, clock)
    qtbot.addWidget(view)
    settle()
    view.review_pdf_button.click()
    settle()
    assert target.read_bytes().startswith(b"%PDF")
    assert view.summary.text() == f"Saved the weekly review to {target}."
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        for words in (
            "Weekly review",
            "Order Defect Rate",
            "Defects new since the last review",
            "Deadlines of the coming week",
            "Nov 20, 2026",
        ):
            assert words in text
