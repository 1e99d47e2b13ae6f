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

.PHONY: run test install install-dev lock assets messages compilemessages lint format check migrate data \
        bench browsers clean makemessages serve

run: install migrate data  ## Install, migrate, load reference and demo data, and serve.
	@echo ""
	@echo "Varmestue runs at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

install: $(VENV)/.installed-prod node_modules/.installed compilemessages  ## The production set (requirements.lock) and front-end packages.

install-dev: install $(VENV)/.installed-dev  ## Also the development set: tests, linters, the lock tool (requirements-dev.lock).

# Both locks are pinned with hashes (pip's hash-checking mode): made by `make lock` from
# pyproject.toml with uv; `make lint` fails when they do not match it (scripts/check_locks.py).
$(VENV)/.installed-prod: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (Django 6). Install it, or set PYTHON=/path/to/python3.13.")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed-prod
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --generate-hashes \
	$(if $(UPGRADE),--upgrade-package $(UPGRADE))
lock: $(VENV)/.installed-dev  ## Re-make both locks after changing pyproject.toml's dependencies.
	$(UV_COMPILE) pyproject.toml -o requirements.lock
	$(UV_COMPILE) --extra dev pyproject.toml -o requirements-dev.lock

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

compilemessages: $(VENV)/.installed-prod
	@$(MANAGE) compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules --ignore=staticfiles

makemessages: $(VENV)/.installed-prod  ## Refresh the Danish .po files: one per app, one for templates/.
	@for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l da --no-obsolete --no-location --verbosity 0); done
	@cd feedback && ../$(PY) ../manage.py makemessages $(foreach code,$(VISITOR_LOCALES),-l $(code)) --no-obsolete --no-location --verbosity 0
	@$(MANAGE) makemessages -l da --no-obsolete --no-location --verbosity 0 $(foreach app,$(APPS),--ignore=$(app)/*) \
		--ignore=.venv/* --ignore=node_modules/* --ignore=staticfiles/* --ignore=tests/*

migrate: install
	$(MANAGE) migrate --verbosity 0

data: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data

lint: $(VENV)/.installed-dev node_modules/.installed
	$(PY) scripts/check_locks.py
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint --max-warnings 0 .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	node_modules/.bin/eslint --fix .

check: install
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

test: install-dev lint check  ## Lint (locks, ruff, mypy, ESLint), migrations check and the whole pytest suite.
	$(PY) -m pytest

browsers:  ## Debian's chromium for the real-browser tests (needs root or sudo).
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

bench: install  ## The performance benchmark (docs/performance.md).
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
