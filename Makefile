# crosswire: every target bootstraps a local virtual environment (.venv) when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install crosswire with test, lint and benchmark extras

demo: $(STAMP)  ## Run the built-in sample corpus and print where the report is
	$(BIN)/crosswire demo --dir demo-output

test: $(STAMP)  ## Run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test  ## Lint, type-check and test

bench: $(STAMP)  ## Benchmarks against ../shared/bench (skips absent datasets)
	$(BIN)/crosswire bench all --data ../shared/bench

clean:
	rm -rf $(VENV) demo-output build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
