#!/usr/bin/env sh
# Runs the tray tests on a real X server with a tray host (Xvfb + trayer), as
# ../shared/testing-gui.md describes. Skips itself (exit 0, with a message)
# when Xvfb or trayer is missing, e.g. on a developer's laptop.
set -eu
PY=${PY:-.venv/bin/python}
if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v trayer >/dev/null 2>&1; then
  echo "tray tests: xvfb-run or trayer not installed; skipped (CI installs them)"
  exit 0
fi
exec xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
  trayer --edge top --align right --widthtype request --height 24 >/dev/null 2>&1 &
  tray=$!
  sleep 1
  QT_QPA_PLATFORM=xcb '"$PY"' -m pytest -p no:cacheprovider tests/gui/test_tray.py
  rc=$?
  kill $tray 2>/dev/null || true
  exit $rc'
