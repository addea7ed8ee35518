# WeedGo AI Engine: `make run` serves on 127.0.0.1:8001, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run serve setup install install-test install-train test lint typecheck unit bench perf quality adapter clean

$(BIN)/python:
	@echo ">> creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo ">> installing WeedGo (the first time builds llama-cpp-python from source: about 4 minutes)"
	$(BIN)/pip install --progress-bar off -e .
	@touch $@

$(TEST_STAMP): pyproject.toml $(RUN_STAMP)
	@echo ">> installing the test tools"
	$(BIN)/pip install --progress-bar off -e ".[test]"
	@touch $@

install: $(RUN_STAMP)

# the training tools and the teacher's parts: only to rebuild the adapter (docs/tuning.md)
install-train: $(RUN_STAMP)
	$(BIN)/pip install --progress-bar off -e ".[train]"

install-test: $(TEST_STAMP)

setup: install
	$(BIN)/weedgo setup --no-prewarm

run: setup
	@echo ">> serving on http://127.0.0.1:8001 (Ctrl-C stops)"
	$(BIN)/weedgo serve

serve: install
	$(BIN)/weedgo serve

lint: install-test
	$(BIN)/ruff check weedgo tests benchmarks test_performance.py
	$(BIN)/ruff format --check weedgo tests benchmarks test_performance.py
	$(BIN)/lint-imports

typecheck: install-test
	$(BIN)/mypy weedgo

unit: install-test
	$(BIN)/pytest -m "not model and not browser and not slow" -q

test: lint typecheck
	$(BIN)/pytest -q -ra

# the reply-quality suite on the real model (5-15 minutes on two cores): docs/quality.md
quality: install
	$(BIN)/weedgo quality

# rebuild the packaged budtender adapter: the teacher's data, then the LoRA training
# (the teacher writing the data takes longest; the training took 199 s on two cores)
adapter: install-train
	$(BIN)/weedgo tune data
	$(BIN)/weedgo tune train

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
