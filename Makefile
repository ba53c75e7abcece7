# One command for each thing a contributor does. `make run` and `make test` set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make

.PHONY: run test lint format schema setup lock java neo4j-jars frontend browser bench faults load clean

run: setup neo4j-jars frontend ## Run statusmap: API + front end + demo data on a local Neo4j (single-user, loopback)
	$(BIN)/statusmap serve --single-user

test: setup neo4j-jars frontend browser lint ## Run the whole test suite (unit, integration, e2e)
	$(BIN)/pytest

lint: setup ## ruff and mypy, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: setup ## Re-export api/schema.graphql from the code
	$(BIN)/python -c "from strawberry.printer import print_schema; from api.graphql import schema; open('api/schema.graphql','w').write(print_schema(schema) + '\n')"
	$(BIN)/python -m api.frontend_vocabulary

setup: $(STAMP)/python

# The locked versions first (with their hashes), then statusmap itself on top, adding nothing.
$(STAMP)/python: pyproject.toml requirements-dev.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "statusmap needs Python 3.11+"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e '.[dev,otel]'
	@mkdir -p $(STAMP) && touch $@

# The one command that updates the locks, after a change to pyproject.toml's dependencies (add
# UPGRADE=--upgrade to move every pin to the newest version the bounds allow). The server's lock
# (Dockerfile) comes first; the contributors' lock adds the dev tools without moving its pins.
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-find-links --allow-unsafe $(UPGRADE)
lock: setup ## Re-resolve requirements.lock and requirements-dev.lock from pyproject.toml
	$(LOCK) --extra otel --output-file requirements.lock pyproject.toml
	$(LOCK) --extra otel --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml

java: ## A JDK 17+ and Maven for the local Neo4j (installed with apt-get when missing and root)
	@if [ -z "$$NEO4J_URI" ] && { ! command -v javac >/dev/null || ! command -v mvn >/dev/null; }; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven; \
	  else echo "Install a JDK 17+ and Maven, or set NEO4J_URI to a running Neo4j." >&2; exit 1; fi; fi

neo4j-jars: setup java ## Fetch the Neo4j jars, and the Graph Data Science ones, through Maven (cached in ~/.m2)
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/statusmap neo4j --resolve-only; fi
	@if [ -z "$$NEO4J_URI" ]; then STATUSMAP_NEO4J_GDS=true $(BIN)/statusmap neo4j --resolve-only \
	  || echo "Graph Data Science jars not resolved: its tests will be skipped." >&2; fi

frontend: ## Build the front end when it has sources
	@if [ -f frontend/package.json ]; then \
	  cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build; fi

browser: ## Debian's chromium for the browser tests
	@if [ -d tests/e2e ] && ls tests/e2e/*.py >/dev/null 2>&1 && ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "Install chromium (apt-get install chromium) for the browser tests." >&2; exit 1; fi; fi

bench: setup neo4j-jars ## Benchmarks; writes benchmarks/RESULTS.md
	$(BIN)/python -m benchmarks

faults: setup neo4j-jars ## Fault tests: Neo4j stopped and restarted under the API, an import killed mid-way
	$(BIN)/pytest -p no:cacheprovider -m faults tests/integration/test_faults_neo4j.py

load: setup neo4j-jars ## Load test on loopback: 200 req/s, 2 API workers, a 10,000-person workspace (LOAD_SECONDS=180)
	$(BIN)/python -m tests.load --seconds $${LOAD_SECONDS:-180} --rate 200 --workers $${LOAD_WORKERS:-2}

clean:
	rm -rf $(VENV) $(STAMP) frontend/node_modules frontend/dist
