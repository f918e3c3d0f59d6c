# The two commands a new machine needs (README):
#   make serve   install, initialise and start the service (SQLite in ./instance)
#   make test    install and run the whole test suite (SQLite, and PostgreSQL when reachable)
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: serve test install install-test system-deps catalogs lint check-catalogs clean extract update-catalogs fonts

serve: install
	$(BIN)/hotline init
	$(BIN)/hotline serve --host $(HOST) --port $(PORT)

test: install-test
	scripts/run-tests

install: $(VENV)/.installed catalogs

install-test: system-deps $(VENV)/.installed-test catalogs

$(VENV)/bin/python:
	$(shell command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

# Debian packages the tests drive for real: Chromium (Playwright drives the
# system browser; it downloads none), gpg, espeak-ng and sox, Noto fonts.
system-deps:
	scripts/install-system-deps

catalogs: | $(VENV)/bin/python
	$(BIN)/pybabel compile -d translations --statistics

lint:
	$(BIN)/ruff check $$(ls -d hotline tests migrations scripts benchmarks 2>/dev/null)

check-catalogs:
	$(BIN)/python -m hotline.i18n_check

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Catalog maintenance (developers): re-extract the template, merge it into every catalog.
extract: | $(VENV)/bin/python
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --add-comments=Translators: \
	  --no-location --sort-output -o translations/messages.pot hotline

update-catalogs: extract
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations

# Web fonts (developers): Noto subsets as WOFF2 from Debian's fonts-noto-core and
# fonts-noto-cjk, committed under hotline/static/fonts/ (the `fonts` extra is needed only here).
fonts: | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[fonts]'
	$(BIN)/python scripts/build-fonts
