# Two commands matter: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
TS     := $(wildcard resources/i18n/*.ts)
QM     := $(TS:.ts=.qm)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run demo test lint contracts pytest bench i18n lupdate clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q -e .
	@touch $@

$(TSTAMP): pyproject.toml $(STAMP)
	$(PIP) install -q -e '.[test]'
	@touch $@

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

i18n: $(QM)

# Re-extract translatable strings from the UI sources into the .ts files.
lupdate: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete $$(find xzdesk/ui -name '*.py') -ts $(TS)

run: $(STAMP) i18n
	$(PY) -m xzdesk --demo

lint: $(TSTAMP)
	$(VENV)/bin/ruff check xzdesk tests benchmarks

contracts: $(TSTAMP)
	$(VENV)/bin/lint-imports

pytest: $(TSTAMP) i18n
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

test: lint contracts pytest

bench: $(STAMP) i18n
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) resources/i18n/*.qm
