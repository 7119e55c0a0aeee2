"""Screenshots of every screen with all shared samples imported, for the README and review.

Runs under the current DISPLAY (CI: `xvfb-run -a -s "-screen 0 1280x800x24"` with
trayer for the tray), or offscreen. The clock is fixed at the worked example's
instant; the database, keyring and QSettings are temporary, so nothing of the
user's is touched. Saves <out>/<W>x<H>-<screen>.png per screen (QWidget.grab)
plus <W>x<H>-desktop.png via ImageMagick's `import -window root` when present.

    python tools/screenshots.py [--out screenshots] [--size 1280x800 --size 1920x1080]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    from storage.db import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AS_OF = datetime(2026, 11, 20, 15, 0, 0, tzinfo=UTC)


DEMO_MESSAGE = "M11-00201"  # the open pre-purchase question of seller-a (order 112-3776041-0233998)
DEMO_DRAFT = (
    "Hi, thanks for your question! The whisk is dishwasher safe. "
    "If you are happy, please leave us 5 stars. More tools at www.kitchen-deals.example"
)


def _stage_inbox(inbox: QWidget) -> None:
    """Select a message and type a draft, so the shot shows triage and the reply checker."""
    from gui.operations import wait_idle

    wait_idle()  # the screen loads its rows in the background
    if inbox.select_ref(DEMO_MESSAGE):  # type: ignore[attr-defined]
        inbox.reply_pane.editor.setPlainText(DEMO_DRAFT)  # type: ignore[attr-defined]


DEMO_CASE = "customer_return|112-1153871-2120643|KT-TORCH"  # closing soon in the samples


def _stage_reimbursements(screen: QWidget) -> None:
    """Select a case, so the shot shows its report rows, marks and notes."""
    from gui.operations import wait_idle

    wait_idle()
    screen.select(DEMO_CASE)  # type: ignore[attr-defined]


def _stage_review_requests(store: Store) -> None:
    """Requests logged over the last eight weeks, so the Review requests chart has a history:
    every third day, the soonest-closing orders of that day, as a seller would."""
    from services.review_requests import mark_requested, review_plan

    for days in range(56, 0, -3):
        at = AS_OF - timedelta(days=days)
        ids = [e.order_id for e in review_plan(store, at).eligible[:12]]
        if ids:
            mark_requested(store, ids, at)


def find_samples() -> Path:
    """The sample seller the test suite carries (tests/data/samples)."""
    return ROOT / "tests" / "data" / "samples"


def sample_files(samples: Path) -> list[Path]:
    files = sorted((samples / "seller-a").glob("*.txt")) + sorted(
        (samples / "seller-a").glob("*.csv")
    )
    files += sorted((samples / "performance").glob("*.json"))
    files += sorted((samples / "email").glob("*.mbox"))
    files += sorted(p for p in (samples / "reimbursements").glob("*") if p.is_file())
    return files


def use_memory_keyring() -> None:
    """Never touch the user's keyring from a screenshot run."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


def settle(ms: int = 250) -> None:
    """Let Qt lay out and paint (charts animate in, tables size their columns)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def desktop_shot(path: Path) -> bool:
    """The whole X screen (window plus the tray) via ImageMagick, when available."""
    if not os.environ.get("DISPLAY") or shutil.which("import") is None:
        return False
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() != "xcb":
        return False
    result = subprocess.run(
        ["import", "-window", "root", str(path)], capture_output=True, timeout=30, check=False
    )
    return result.returncode == 0


def parse_size(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--size", action="append", default=[], help="WxH, repeatable")
    parser.add_argument("--samples", type=Path, default=None)
    parser.add_argument("--no-history", action="store_true", help="no daily history")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in (args.size or ["1280x800"])]
    samples = args.samples or find_samples()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    use_memory_keyring()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    tmp = Path(tempfile.mkdtemp(prefix="ahm-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication.instance() or QApplication([sys.argv[0]])

    from core.clock import FixedClock
    from gui.app import AppShell, configure_application
    from services.health import health_at as compute_health
    from services.history import update_history
    from storage.db import Store
    from storage.imports.apply import apply_import

    assert isinstance(app, QApplication)
    configure_application(app)
    clock = FixedClock(AS_OF)
    saved: list[Path] = []

    # 1. What a new user sees.
    empty = Store(tmp / "empty.sqlite3")
    first = AppShell(empty, clock, tray_available=False, with_jobs=False)
    w, h = sizes[0]
    first.window.resize(w, h)
    first.window.show()
    settle(400)
    path = out / f"{w}x{h}-first-run.png"
    first.window.grab().save(str(path))
    saved.append(path)
    first.window.hide()
    first.shutdown()

    # 2. Everything imported.
    store = Store(tmp / "demo.sqlite3")
    for f in sample_files(samples):
        outcome = apply_import(store, f, now=AS_OF - timedelta(days=1))
        print(f"imported {f.name}: {outcome.error or f'{outcome.added} added'}")
    _stage_review_requests(store)
    if not args.no_history:  # what the app's history job does after the first import
        update_history(store, AS_OF)
    shell = AppShell(store, clock, with_jobs=False)
    shell.start()
    _first_checks(shell, store, clock)
    window = shell.window
    for w, h in sizes:
        window.resize(w, h)
        window.move(0, 0)
        for name in window.names:
            window.show_screen(name)
            if name == "inbox":
                _stage_inbox(window.screens["inbox"])
            if name == "reimbursements":
                _stage_reimbursements(window.screens["reimbursements"])
            settle(500)
            path = out / f"{w}x{h}-{name}.png"
            window.grab().save(str(path))
            saved.append(path)
        window.show_screen("dashboard")
        dashboard = window.screens["dashboard"]
        settle(300)
        scroll_body = _dashboard_body(dashboard)
        if scroll_body is not None:
            path = out / f"{w}x{h}-dashboard-full.png"
            scroll_body.grab().save(str(path))
            saved.append(path)
        path = out / f"{w}x{h}-desktop.png"
        if desktop_shot(path):
            saved.append(path)
    saved += _dialog_shots(window, out, sizes[0])
    path = out / "tray-icons.png"
    icon_sheet().save(str(path))
    saved.append(path)
    if shell.tray is not None and shell.tray.isVisible():
        # The window hides, so the tray icon and a real warning balloon are visible.
        health = compute_health(store.db, AS_OF)
        alert = sorted(health.alerts, key=lambda a: a.severity != "critical")[0]
        window.hide()
        from gui.notifications import Notifier

        shell.notifier = Notifier(store, shell.bridge, shell.tray, clock)
        shell.bridge.alerts_raised.emit([alert])  # the real path: notifier -> tray balloon
        settle(1500)
        w, h = sizes[0]
        path = out / f"{w}x{h}-tray-message.png"
        if desktop_shot(path):
            saved.append(path)
    shell.shutdown()
    window.keep_in_tray = False
    window.close()
    for p in saved:
        print(f"saved {p}")
    return 0


def _dialog_shots(window: QWidget, out: Path, size: tuple[int, int]) -> list[Path]:
    """Help > Guide on the inbox's page and Help > About, as a seller opens them."""
    from gui.guide import open_guide

    window.show_screen("inbox")  # type: ignore[attr-defined]
    guide = open_guide(window, "inbox")
    window.about()  # type: ignore[attr-defined]
    settle(600)
    shots = []
    for name, dialog in (("guide", guide), ("about", window.about_dialog)):  # type: ignore[attr-defined]
        path = out / f"{size[0]}x{size[1]}-{name}.png"
        dialog.grab().save(str(path))
        dialog.close()
        shots.append(path)
    return shots


def _first_checks(shell: Any, store: Any, clock: Any) -> None:
    """What the running app does at once: recompute and check the deadlines, so the
    Warnings screen and the tray show what a seller sees after the first import."""
    from gui.notifications import Notifier
    from gui.operations import wait_idle
    from gui.scheduler import JobRunner

    shell.notifier = Notifier(store, shell.bridge, shell.tray, clock)  # fills the list
    runner = JobRunner(store, shell.bridge, clock)  # not started: jobs run here, in turn
    runner.run_now("recompute")
    runner.run_now("deadlines")
    wait_idle()
    runner.shutdown(wait=True)


def icon_sheet() -> QPixmap:
    """The four tray icons at 16/24/48 px on a light and a dark panel, to check contrast."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    from gui.tray_icons import status_pixmap

    sizes = (16, 24, 48)
    sheet = QPixmap(4 * 110, 2 * 60)
    painter = QPainter(sheet)
    for row, panel in enumerate(("#f0f0f0", "#202124")):
        painter.fillRect(0, row * 60, sheet.width(), 60, QColor(panel))
        for col, status in enumerate(("ok", "warning", "breach", "no_data")):
            x = col * 110 + 6
            for size in sizes:
                painter.drawPixmap(x, row * 60 + (60 - size) // 2, status_pixmap(status, size))
                x += size + 6
    painter.end()
    return sheet


def _dashboard_body(dashboard: QWidget) -> QWidget | None:
    """The scrolled content of the dashboard, grabbed whole (taller than the window)."""
    from PySide6.QtWidgets import QScrollArea

    area = dashboard.findChild(QScrollArea)
    return area.widget() if isinstance(area, QScrollArea) else None


if __name__ == "__main__":
    raise SystemExit(main())
