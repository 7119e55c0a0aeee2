"""Guards against Qt binding bugs that would crash a tray app left running for days."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)
    ping = Signal()


def test_signal_emit_keeps_bool_refcounts(qapp: Any) -> None:
    """PySide6 6.12.0 drops a reference to True/False on every emit(); after a few
    thousand signals (a day of minute checks) the interpreter aborts. We pin < 6.12."""
    emitter = _Emitter()
    emitter.changed.connect(lambda _payload: None)
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(2000):
        emitter.changed.emit(1)
        emitter.ping.emit()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
