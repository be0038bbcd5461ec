# Two commands do all set-up on a fresh machine: `make site` and `make test`.
# Both create .venv/ and install the pinned dependencies first, and what the
# browser tests need: Debian's chromium (never `playwright install`), node/npm,
# and axe-core from package-lock.json into node_modules/.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock package-lock.json | cksum | cut -d' ' -f1)
NPM_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)
AXE    := node_modules/axe-core/axe.min.js
# Set-up runs again when the browser or axe-core has gone missing since the last one.
SETUP_AGAIN := $(if $(wildcard /usr/bin/chromium),,FORCE) $(if $(wildcard $(AXE)),,FORCE)

.PHONY: site test check setup bench clean FORCE

site: setup
	$(PY) -m generator build

test: setup
	$(PY) -m pytest

check: setup
	$(PY) -m generator check

bench: setup
	$(PY) benchmarks/check_scale.py
	$(PY) benchmarks/build_scale.py
	$(PY) benchmarks/search_relevance.py
	$(PY) benchmarks/search_payload.py
	$(PY) benchmarks/search_browser.py

setup: $(STAMP)

$(STAMP): requirements.lock package-lock.json $(SETUP_AGAIN)
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm)
	@if [ ! -f $(AXE) ] || [ ! -f $(NPM_STAMP) ]; then \
		npm ci --no-audit --no-fund && touch $(NPM_STAMP); \
	fi
	rm -f $(VENV)/.installed-*
	touch $@

FORCE:

clean:
	rm -rf $(VENV) site build node_modules .pytest_cache .hypothesis
