# Two commands for a fresh machine (see README):
#   make serve   set everything up, build the site into site/, serve it on http://127.0.0.1:8000
#   make test    set everything up, build the site, run every test (unit and browser)
# Both are idempotent; a second run only redoes what changed.

SHELL := /bin/bash
# Python >= 3.12 for the build environment (pyodide-lock 0.2 needs it); calc itself runs on 3.11+.
PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3.13) \
            $(shell for p in python3.12 python3.13; do $$p -c pass 2>/dev/null && command -v $$p; done))
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

SOURCES := $(shell find calc docs build_scripts -type f -not -path '*/__pycache__/*') \
           mkdocs.yml pyproject.toml package.json

.PHONY: setup site serve test unit pyodide-unit bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or 3.13 is required (pyenv install 3.12)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site/.built: $(VENV)/.installed node_modules/.installed $(SOURCES) build_scripts/browser-wheels.txt
	$(PY) -m build_scripts.build
	touch $@

site: site/.built

serve: site
	$(PY) -m build_scripts.serve

$(CHROMIUM):
	@echo "Installing Debian's Chromium for the browser tests"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null

test: site $(CHROMIUM)
	$(PY) -m ruff check calc build_scripts tests
	$(PY) -m pytest -q
	$(PY) -m tests.pyodide

unit: setup
	$(PY) -m pytest -q tests/unit

pyodide-unit: site
	$(PY) -m tests.pyodide

bench: site $(CHROMIUM)
	$(PY) -m tests.bench

clean:
	rm -rf site build $(VENV) node_modules *.egg-info
