# The two commands: `make run` and `make test`. Everything else is a helper for them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
APPS := core sites partners visits volunteers planning feedback reports
# The visitors' languages beyond Danish and English (feedback/languages.py): the kiosk's and
# the phone survey's strings (context "visitor") are translated into these too.
VISITOR_LOCALES := pl ar

.PHONY: run test install assets messages compilemessages lint format check migrate data \
        bench browsers clean makemessages serve

run: install migrate data  ## Install, migrate, load reference and demo data, and serve.
	@echo ""
	@echo "Varmestue runs at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

install: $(VENV)/.installed node_modules/.installed compilemessages  ## Python and front-end packages.

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (Django 6). Install it, or set PYTHON=/path/to/python3.13.")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

compilemessages: $(VENV)/.installed
	@$(MANAGE) compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules --ignore=staticfiles

makemessages: $(VENV)/.installed  ## Refresh the Danish .po files: one per app, one for templates/.
	@for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l da --no-obsolete --no-location --verbosity 0); done
	@cd feedback && ../$(PY) ../manage.py makemessages $(foreach code,$(VISITOR_LOCALES),-l $(code)) --no-obsolete --no-location --verbosity 0
	@$(MANAGE) makemessages -l da --no-obsolete --no-location --verbosity 0 $(foreach app,$(APPS),--ignore=$(app)/*) \
		--ignore=.venv/* --ignore=node_modules/* --ignore=staticfiles/* --ignore=tests/*

migrate: install
	$(MANAGE) migrate --verbosity 0

data: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data

lint: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint --max-warnings 0 .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	node_modules/.bin/eslint --fix .

check: install
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

test: install lint check  ## Lint (ruff, mypy, ESLint), migrations check and the whole pytest suite.
	$(PY) -m pytest

browsers:  ## Debian's chromium for the real-browser tests (needs root or sudo).
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

bench: install  ## The performance benchmark (docs/performance.md).
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
