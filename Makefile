# WeedGo AI Engine: `make run` serves on 127.0.0.1:8001, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run serve setup install install-test install-train lock test lint typecheck unit quality adapter clean

$(BIN)/python:
	@echo ">> creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The locked versions (requirements/*.lock, made by `make lock` from pyproject.toml's pins),
# then the package itself without resolving again.
$(RUN_STAMP): pyproject.toml requirements/run.lock | $(BIN)/python
	@echo ">> installing WeedGo (the first time builds llama-cpp-python from source: about 4 minutes)"
	$(BIN)/pip install --progress-bar off -r requirements/run.lock
	$(BIN)/pip install --progress-bar off --no-deps -e .
	@touch $@

$(TEST_STAMP): pyproject.toml requirements/test.lock $(RUN_STAMP)
	@echo ">> installing the test tools"
	$(BIN)/pip install --progress-bar off -r requirements/test.lock
	@touch $@

# the lock files again, after a pin in pyproject.toml changed (uv resolves; pip installs)
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --quiet
lock: | $(BIN)/python
	$(BIN)/pip install --progress-bar off uv==0.13.9
	$(UV_COMPILE) --extra local -o requirements/run.lock
	$(UV_COMPILE) --extra local --extra postgres --extra redis -o requirements/image.lock
	$(UV_COMPILE) --extra test -o requirements/test.lock

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
