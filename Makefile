# crosswire: every target bootstraps a local virtual environment (.venv) when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPILED := .venv-compiled
CORPUS := ../shared/bench/corpus/bbc.jsonl

.PHONY: demo demo-pure test check lint typecheck bench bench-compiled compiled install clean train fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install crosswire with test, lint and benchmark extras

# The demo runs the compiled build (.venv-compiled, the same output, faster) where a C compiler is
# present, built once and again when a source changes; without one, or if that build fails, it
# runs the pure build. Development and tests keep the editable pure-Python .venv, so they always
# run the source being edited.
demo: $(STAMP)  ## Run the built-in sample corpus (compiled build where a C compiler is present) and print where the report is
	@if command -v cc >/dev/null 2>&1 && { test -f $(COMPILED)/.installed || echo "make demo: building the compiled extractors (once; a few minutes)"; } \
		&& $(MAKE) --no-print-directory compiled; then \
		$(COMPILED)/bin/crosswire demo --dir demo-output; \
	else \
		echo "make demo: running the pure-Python build"; \
		$(BIN)/crosswire demo --dir demo-output; \
	fi

demo-pure: $(STAMP)  ## Run the built-in sample corpus with the pure-Python build
	$(BIN)/crosswire demo --dir demo-output

test: $(STAMP)  ## Run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test  ## Lint, type-check and test

# The learned choices (extract/*/weights/*.json) are fitted on the train splits of ../shared/bench
# only, tuned on dev, with a k-fold estimate printed beside the dev figure; the same data gives the
# same weights. scikit-learn is needed here only (the dev extra); run time reads the JSON.
train: $(STAMP)  ## Fit the learned choices on the benchmark train splits and write their weights into the package
	$(BIN)/python -m crosswire.train --data ../shared/bench

bench: $(STAMP)  ## Benchmarks against ../shared/bench (skips absent datasets), then the compiled build's speed
	$(BIN)/crosswire bench all --data ../shared/bench
	@$(MAKE) --no-print-directory bench-compiled

# A second environment with the extractors compiled by mypyc (CROSSWIRE_COMPILE=1; needs a C compiler).
# It is rebuilt when a source file changes; the editable .venv stays pure Python for development.
$(COMPILED)/.installed: pyproject.toml setup.py build_backend/crosswire_build.py $(shell find src/crosswire -name "*.py")
	test -x $(COMPILED)/bin/python || $(PYTHON) -m venv $(COMPILED)
	$(COMPILED)/bin/python -m pip install --quiet ".[bench]"
	CROSSWIRE_COMPILE=1 $(COMPILED)/bin/python -m pip install --quiet --force-reinstall --no-deps .
	touch $@

compiled: $(COMPILED)/.installed  ## Build .venv-compiled: crosswire with its extractors compiled (needs a C compiler)

bench-compiled: $(STAMP)  ## Speed of the compiled build against the pure-Python one, output checked identical
	@if ! command -v cc >/dev/null 2>&1; then \
		echo "bench compiled: skipped: no C compiler (cc) to build the compiled extractors"; \
	elif ! test -f $(CORPUS); then \
		echo "bench compiled: skipped: dataset not found at $(CORPUS)"; \
	else \
		$(MAKE) --no-print-directory compiled && \
		$(COMPILED)/bin/crosswire bench speed $(CORPUS) --limit 1000 && \
		$(BIN)/python -m crosswire.bench.builds $(COMPILED)/bin/python $(CORPUS); \
	fi

SECONDS ?= 600
FUZZ_OUT ?= fuzz-output

fuzz: $(STAMP)  ## Fuzz every ingest reader for SECONDS of processor time (atheris; else Hypothesis); escapes go to FUZZ_OUT/crashes
	@if $(BIN)/python -c "import atheris" 2>/dev/null || $(BIN)/python -m pip install --quiet -e ".[fuzz]" 2>/dev/null; then \
		$(BIN)/python -m crosswire.bench.fuzz --seconds $(SECONDS) --crashes $(FUZZ_OUT)/crashes \
			--work $(FUZZ_OUT)/corpus --json $(FUZZ_OUT)/figures.json; \
	else \
		echo "fuzz: atheris does not install here; Hypothesis with a large example budget instead"; \
		CROSSWIRE_FUZZ_EXAMPLES=$$(( $(SECONDS) * 20 )) $(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider; \
	fi

clean:
	rm -rf $(VENV) $(COMPILED) demo-output fuzz-output build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
