# Two commands set up a fresh machine: `make serve` and `make test`.
# Both create the virtual environment and install what is missing.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup venv system serve build test validate schema clean update-golden bench

setup: system $(STAMP)

# Python packages only, without the Debian ones: for CI jobs that neither
# build nor test (e.g. turning an issue form into a pull request).
venv: $(STAMP)

system:
	@bash scripts/install-system.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@touch $(STAMP)

serve: setup
	$(BIN)/mkdocs serve

build: setup
	$(BIN)/casebook build

test: setup
	$(BIN)/pytest

validate: setup
	$(BIN)/casebook validate

schema: setup
	$(BIN)/casebook schema

clean:
	rm -rf site .pytest_cache

update-golden: setup
	UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/unit/test_golden.py

# Prints build times beside plain MkDocs and a lower bound (see README, Performance).
bench: setup
	$(BIN)/python bench/run.py --sizes 100,1000
