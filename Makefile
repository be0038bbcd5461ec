# Two commands do all set-up on a fresh machine: `make site` and `make test`.
# Both create .venv/ and install the pinned dependencies first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)

.PHONY: site test check setup bench clean

site: setup
	$(PY) -m generator check

test: setup
	$(PY) -m pytest

check: setup
	$(PY) -m generator check

bench: setup
	$(PY) benchmarks/check_scale.py

setup: $(STAMP)

$(STAMP): requirements.lock
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis
