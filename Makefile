# Two commands do everything on a fresh machine: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STATIC := var/build/static
PG_URL = $(shell scripts/pg-test-server url)
APT_PACKAGES := chromium postgresql libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install demo test lint typecheck migrations-check scoping-lint unit unit-postgres browser system-packages validate-returns validate-903 ssd-round-trip clean

help:
	@echo "make demo   install everything, create the demo county and serve it on http://127.0.0.1:8000"
	@echo "make test   lint, type checks, unit tests on SQLite and PostgreSQL, browser tests with axe"

$(BIN)/hearth: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/hearth

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# GOV.UK Frontend's Sass compiled with Hearth's settings; its JavaScript, fonts and images copied beside it.
$(STATIC)/.built: node_modules/.installed hearth/core/static_src/hearth.scss
	mkdir -p $(STATIC)/hearth $(STATIC)/govuk
	npx sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
		hearth/core/static_src/hearth.scss $(STATIC)/hearth/hearth.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(STATIC)/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(STATIC)/govuk/
	touch $@

install: $(BIN)/hearth $(STATIC)/.built

demo: install system-packages
	$(BIN)/hearth demo

# Debian packages: Chromium for the browser tests, PostgreSQL for the second database run, and Pango with
# the Liberation fonts (Arial's metrics) for WeasyPrint's agenda-pack PDFs.
system-packages:
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| ! ldconfig -p | grep -q libpangoft2-1.0.so.0 || ! fc-list | grep -qi liberation; then \
		echo "Installing $(APT_PACKAGES) with apt-get"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy hearth config

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/hearth makemigrations --check --dry-run

scoping-lint: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/hearth lint-scoping

unit: install system-packages
	$(BIN)/pytest -m "not browser" -q

unit-postgres: install system-packages
	scripts/pg-test-server start
	DATABASE_URL="$(PG_URL)" $(BIN)/pytest -m "not browser" -q; status=$$?; scripts/pg-test-server stop; exit $$status

browser: install system-packages
	$(BIN)/pytest -m browser -q

test: lint typecheck migrations-check scoping-lint unit unit-postgres browser validate-returns ssd-round-trip
	@echo "All checks passed."

# The demo county's SSDA903 return and CIN census, checked by the DfE's independent validators.
validate-returns: install
	scripts/validate-returns all

validate-903: install
	scripts/validate-returns ssda903

# A demo county exported as the Standard Safeguarding Dataset and imported into an empty Hearth gives the
# same SSDA903 return and CIN census; importing it again changes nothing.
ssd-round-trip: install
	scripts/ssd-round-trip 0.1

clean:
	rm -rf $(VENV) node_modules var/build var/static
