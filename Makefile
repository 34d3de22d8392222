# Quick start: `make run` (dashboard) and `make test` (lint + full test suite);
# `make test-fast` for every edit.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     := data/ruhr.duckdb

.PHONY: run test test-fast db lint bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# requirements*.txt are locks compiled from requirements*.in: every installed package pinned
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile -q --no-header --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --no-header --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements-dev.txt requirements-dev.in

db: $(VENV)/.runtime
	$(BIN)/python -m etl build --db $(DB)

run: db
	$(BIN)/python -m streamlit run dashboard/app.py

lint: $(VENV)/.dev
	$(BIN)/ruff check .

# everything, as CI runs it, on both cores (a test file stays on one worker: its module
# fixtures, a server or a browser, are made once)
test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

# for every edit: unit tests and small made files, without servers, browsers, the app,
# full builds or the real corpus in ../shared
test-fast: lint
	$(BIN)/python -m pytest -m "not slow"

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_dashboard.py
	$(BIN)/python benchmarks/bench_similarity.py
	$(BIN)/python benchmarks/bench_browser.py --runs 3
	$(BIN)/python benchmarks/bench_memory.py
	$(BIN)/python benchmarks/bench_linear.py
	$(BIN)/python benchmarks/bench_real.py
	$(BIN)/python benchmarks/bench_council.py
	$(BIN)/python benchmarks/bench_publish.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache artifacts
