"""Shared fixtures. Qt runs offscreen; the keyring is in memory; paths are temporary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
if not SAMPLES.exists():  # CI lays shared/ beside the clone
    SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.exists():
        pytest.skip("shared/samples is not available")
    return SAMPLES
