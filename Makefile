# The README's two commands are `make run` and `make test`; everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
TS     := $(wildcard resources/i18n/*.ts)
QM     := $(TS:.ts=.qm)
# UI areas: "core" (xzdesk/ui/*.py) and every package under xzdesk/ui/; one .ts per area and language.
AREAS  := core $(notdir $(patsubst %/,%,$(dir $(wildcard xzdesk/ui/*/__init__.py))))
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run sysdeps browser demo-template demo test lint contracts pytest pytest-slow postgres bench bench-peers i18n lupdate dist clean walk

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q -e . 2>&1 | grep -v "is ignored" || true
	$(PY) -c "import xzdesk, PySide6, sqlcipher3" && touch $@

$(TSTAMP): pyproject.toml $(STAMP)
	$(PIP) install -q -e '.[test]' 2>&1 | grep -v "is ignored" || true
	$(PY) -c "import pytest, pytestqt, xdist, hypothesis, importlinter" && touch $@

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

i18n: $(QM)

# Re-extract translatable strings from the UI sources into the per-area .ts files.
lupdate: $(STAMP)
	@for area in $(AREAS); do \
	  if [ $$area = core ]; then src=$$(ls xzdesk/ui/*.py); else src=$$(find xzdesk/ui/$$area -name '*.py'); fi; \
	  $(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations none $$src -ts resources/i18n/$${area}_zh_CN.ts; \
	done

# Before the window: the Qt system libraries (installed as root, else the exact apt-get line is
# printed and make stops), and the demo database built once into a template the app copies.
run: $(STAMP) i18n sysdeps demo-template
	$(PY) -m xzdesk --demo

sysdeps: $(STAMP)
	@$(PY) installer/sysdeps.py

# The headless chromium the member web app's browser tests drive (Debian's package, through
# Playwright's executable_path): installed as root, else the apt-get line is printed and the
# browser tests fail in CI (and skip elsewhere).
browser: $(STAMP)
	@$(PY) installer/sysdeps.py --browser || [ -z "$$CI" ] || exit 1

demo-template: $(STAMP)
	@$(PY) -m xzdesk.demo_template

# PostgreSQL for the server tests: start the machine's cluster when installed and stopped (creating
# one when none exists), and create the test role and database. Runs as root, or through sudo
# when it needs no password (a CI runner); otherwise uses PostgreSQL as it is. In CI a missing
# PostgreSQL makes the server tests fail (they skip elsewhere). XZDESK_TEST_PG_URL points the
# tests at another server instead.
postgres:
	@if command -v pg_lsclusters >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then AS=""; elif sudo -n true 2>/dev/null; then AS="sudo"; else AS="-"; fi; \
	  if [ "$$AS" = "-" ]; then echo "postgres: not root and no sudo; using PostgreSQL as it is"; else \
	    if [ -z "$$($$AS pg_lsclusters -h)" ]; then \
	      $$AS pg_createcluster "$$(ls /usr/lib/postgresql | sort -n | tail -1)" main >/dev/null; fi; \
	    $$AS pg_lsclusters -h | awk '$$4 != "online" {print $$1, $$2}' | while read v c; do $$AS pg_ctlcluster $$v $$c start; done; \
	    cd / && $$AS su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='xzdesk'\"" | grep -q 1 || \
	      $$AS su postgres -c "psql -q -c \"CREATE ROLE xzdesk LOGIN PASSWORD 'xzdesk' CREATEDB\""; \
	    $$AS su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='xzdesk_test'\"" | grep -q 1 || \
	      $$AS su postgres -c "createdb -O xzdesk xzdesk_test"; \
	  fi; \
	else echo "postgres: not installed (server tests skip PostgreSQL outside CI)"; fi

lint: $(TSTAMP)
	$(VENV)/bin/ruff check xzdesk tests benchmarks

contracts: $(TSTAMP)
	$(VENV)/bin/lint-imports

pytest: $(TSTAMP) i18n postgres browser
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n auto --dist loadfile

# Long property runs (CI runs the same tests with bounded examples in `make test`).
pytest-slow: $(TSTAMP) i18n postgres browser
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=slow $(PY) -m pytest -q -p no:cacheprovider -m slow

test: lint contracts pytest

# The scripted walk of a union's day on a virtual 1366×768 X screen (Xvfb, installed or the apt-get
# line printed), a screenshot of every step in walk-shots/ to look at.
walk: $(TSTAMP) i18n
	$(PY) tools/walk.py

bench: $(STAMP) i18n postgres
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

# The PouchDB peers of the sync figures, side by side with ours (issue 15): PouchDB pinned by
# benchmarks/peers/package-lock.json, installed with `npm ci` into benchmarks/peers/node_modules
# (needs Node 18+ and the npm registry), then benchmarks/bench_peers.py prints the ratio lines.
bench-peers: $(STAMP) i18n
	cd benchmarks/peers && npm ci --no-audit --no-fund --loglevel=error
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_peers.py

# The frozen app (PyInstaller onedir; on Windows also the Inno Setup installer), smoke-tested.
dist: $(STAMP) i18n
	$(PIP) install -q -e '.[freeze]' 2>&1 | grep -v "is ignored" || true
	$(PY) installer/build.py --smoke

clean:
	rm -rf $(VENV) resources/i18n/*.qm installer/build
