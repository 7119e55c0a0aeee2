# The two commands: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APP_STAMP := $(VENV)/.installed-app

.PHONY: run test lint typecheck pytest tray-tests screenshots bench dist app app-smoke clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

$(APP_STAMP): pyproject.toml | $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,app]'
	touch $(APP_STAMP)

run: $(STAMP)
	$(PY) main.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy

pytest: $(STAMP)
	$(PY) -m pytest

tray-tests: $(STAMP)
	PY=$(PY) sh tools/xvfb_tray_tests.sh

test: lint typecheck pytest tray-tests

# Every screen as a PNG in screenshots/ (on a virtual screen when there is no display).
screenshots: $(STAMP)
	if [ -n "$$DISPLAY" ]; then $(PY) tools/screenshots.py --size 1280x800 --size 1920x1080; \
	else xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) tools/screenshots.py --size 1280x800 --size 1920x1080; fi

bench: $(STAMP)
	$(PY) benchmarks/import_orders.py
	$(PY) benchmarks/metrics_scale.py
	$(PY) benchmarks/metric_history.py
	$(PY) benchmarks/backfill_history.py
	$(PY) benchmarks/review_requests.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/gui_models.py
	xvfb-run -a -s "-screen 0 1280x800x24" $(PY) benchmarks/startup.py
	$(PY) benchmarks/gui_stalls.py

# The sdist and the wheel in dist/, for `pipx install dist/account_health_monitor-*.whl`.
dist: $(STAMP)
	rm -f dist/*.whl dist/*.tar.gz
	$(PY) -m build --outdir dist .

# The built app (PyInstaller, one folder, for this OS): dist/AccountHealthMonitor/.
app: $(APP_STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/account-health-monitor.spec

# Build the app, start it on a virtual screen (--help, a command, a window), remove it.
app-smoke: app
	xvfb-run -a -s "-screen 0 1280x800x24" $(PY) tools/smoke_app.py --remove

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
