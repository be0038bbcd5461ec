# Two commands do all set-up on a fresh machine: `make site` and `make test`.
# `make site` installs what builds the site (requirements.lock) into .venv/;
# `make test` adds what tests it: requirements-test.lock, Debian's chromium
# (never `playwright install`), node/npm and axe-core from package-lock.json.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BUILD_STAMP := $(VENV)/.build-$(shell cksum < requirements.lock | cut -d' ' -f1)
TEST_STAMP  := $(VENV)/.test-$(shell cat requirements.lock requirements-test.lock package-lock.json | cksum | cut -d' ' -f1)
NPM_STAMP   := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)
AXE    := node_modules/axe-core/axe.min.js
# Test set-up runs again when the browser or axe-core has gone missing since the last one.
SETUP_AGAIN := $(if $(wildcard /usr/bin/chromium),,FORCE) $(if $(wildcard $(AXE)),,FORCE)

.PHONY: site test check setup setup-test bench clean FORCE

site: setup
	$(PY) -m generator build

test: setup-test
	$(PY) -m pytest

check: setup
	$(PY) -m generator check

bench: setup-test
	$(PY) benchmarks/check_scale.py
	$(PY) benchmarks/build_scale.py
	$(PY) benchmarks/serve_roundtrip.py
	$(PY) benchmarks/search_index.py
	$(PY) benchmarks/search_relevance.py
	$(PY) benchmarks/search_payload.py
	$(PY) benchmarks/search_browser.py
	$(PY) benchmarks/facet_pages.py

setup: $(BUILD_STAMP)

setup-test: $(TEST_STAMP)

$(BUILD_STAMP): requirements.lock
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.build-*
	touch $@

$(TEST_STAMP): $(BUILD_STAMP) requirements-test.lock package-lock.json $(SETUP_AGAIN)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-test.lock
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm)
	@if [ ! -f $(AXE) ] || [ ! -f $(NPM_STAMP) ]; then \
		npm ci --no-audit --no-fund && touch $(NPM_STAMP); \
	fi
	rm -f $(VENV)/.test-*
	touch $@

FORCE:

clean:
	rm -rf $(VENV) site build node_modules .pytest_cache .hypothesis
