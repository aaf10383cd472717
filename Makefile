# The two commands: `make run` and `make test`. Both set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export DJANGO_SETTINGS_MODULE ?= elearning.settings.dev


.PHONY: run-deps
.PHONY: run test test-only lint install install-dev system-deps node-tools messages demo translations bench clean deploy-check

## make run: install, migrate, load the demo content, start Redis, Celery and the site.
run: install run-deps messages
	@mkdir -p var
	@bash scripts/run.sh

## make test: install what the tests need (pip and Debian packages) and run every test plus ruff.
test: install-dev system-deps node-tools messages test-only

## Independent tests run on every core (pytest-xdist); those that start browsers, Celery workers or
## break services run after them, one at a time. Exit status 5 means a selection left a part empty.
PYTEST := DJANGO_SETTINGS_MODULE=elearning.settings.test $(VENV)/bin/pytest
SERIAL := browser or worker or faults
test-only: lint
	@mkdir -p var
	$(PYTEST) -n $(shell nproc 2>/dev/null || echo 2) -m "not ($(SERIAL))" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(PYTEST) -m "$(SERIAL)" $(PYTEST_ARGS) || [ $$? -eq 5 ]

## ruff, and import-linter: the apps are layers (pyproject.toml), a wrong import fails here.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); bash scripts/install-system-deps.sh python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Debian packages the site needs: DejaVu fonts for the sample slide decks and certificates,
## Pango for WeasyPrint (certificate PDFs), gettext to compile the Polish catalogue, ffmpeg to
## read uploaded recordings (duration, poster).
run-deps:
	@bash scripts/install-system-deps.sh fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 gettext ffmpeg

## Debian packages the tests need: Chromium for browser tests, ffmpeg for the test video,
## gettext for the translation catalogue, DejaVu fonts and Pango for slide decks and certificates,
## Java for the Nu HTML Checker.
system-deps:
	@bash scripts/install-system-deps.sh chromium ffmpeg gettext fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 default-jre-headless

## Test tools from the npm registry (package-lock.json): the Nu HTML Checker (vnu-jar). Its
## install script, which would download a Java runtime, is not run: Debian's Java runs it.
node-tools: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || bash scripts/install-system-deps.sh nodejs npm
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

messages: install
	@command -v msgfmt >/dev/null || bash scripts/install-system-deps.sh gettext
	$(PY) manage.py compilemessages --ignore=.venv -v 0

demo: install messages
	@mkdir -p var
	@$(PY) scripts/retire-old-database.py var/db.sqlite3
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_content

## make deploy-check: the shipped proxy (deploy/nginx.conf.template, Debian's nginx) in front of
## gunicorn with the production settings, PostgreSQL and Redis on this machine; checks through it
## byte ranges, compression, immutable static files, private PDFs, the client's real address and
## slow clients (scripts/deploy_check.py).
deploy-check: install-dev
	@bash scripts/install-system-deps.sh nginx-light openssl
	bash scripts/with-postgres.sh $(PY) scripts/deploy_check.py

## make bench: measurements, not tests (the load-test harness comes with the performance work).
bench: install-dev messages
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) benchmarks/progress_save.py 300
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) benchmarks/certificates_issue.py 101
	bash scripts/with-postgres.sh env DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) benchmarks/reports.py M
	bash scripts/with-postgres.sh $(PY) benchmarks/load.py

clean:
	rm -rf var .pytest_cache

## After changing UI strings: update the Polish catalogue, then translate the new entries.
translations: install
	$(PY) manage.py makemessages -l pl --ignore=.venv --ignore=var --ignore=tests --no-obsolete
