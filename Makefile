# Backoffice: the README's two commands, `make run` and `make test`, plus a few helpers.
# Everything installs into local virtual environments: .venv for running, .venv-test for tests
# (which also holds the example third-party plugin from tests/example_plugin).

PYTHON ?= python3
VENV := .venv
TEST_VENV := .venv-test
RUN_STAMP := $(VENV)/.installed
TEST_STAMP := $(TEST_VENV)/.installed
DATA_DIR := var
RUN_DB ?= sqlite:///$(DATA_DIR)/backoffice.sqlite3
PIP_FLAGS := --quiet --disable-pip-version-check
WEB := frontend
WEB_STAMP := $(WEB)/node_modules/.installed
WEB_BUILD := $(WEB)/dist/index.html
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f -not -path '$(WEB)/src/gql/*' 2>/dev/null) \
	$(WEB)/index.html $(WEB)/vite.config.ts $(WEB)/codegen.ts docs/schema.graphql
CHROMIUM ?= $(shell command -v chromium 2>/dev/null)

.PHONY: run install web test test-sqlite test-postgres test-web test-e2e lint schema release-schema clean help

help:
	@echo "make run    install, migrate, seed a demo company, serve on http://127.0.0.1:8000"
	@echo "make test   run every suite (SQLite, then PostgreSQL + Redis when reachable)"
	@echo "make schema export docs/schema.graphql"
	@echo "make release-schema  make the current schema the released contract"
	@echo "make web    build the web app (frontend/dist)"
	@echo "make soak   200 simulated users for 10 minutes (PostgreSQL and Redis; docs/reliability.md)"

VENV_HELP := Python's venv module is missing: on Debian, run 'apt-get install python3-venv'.

$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { echo "$(VENV_HELP)"; exit 1; }
	$(VENV)/bin/pip install $(PIP_FLAGS) --upgrade pip
	$(VENV)/bin/pip install $(PIP_FLAGS) -e .
	touch $@

install: $(RUN_STAMP)

NPM_HELP := npm is missing: install Node.js 20 (on Debian, 'apt-get install nodejs npm').

$(WEB_STAMP): $(WEB)/package.json $(WEB)/package-lock.json
	@command -v npm >/dev/null || { echo "$(NPM_HELP)"; exit 1; }
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The web app: typed GraphQL documents generated from docs/schema.graphql, type-checked, built.
$(WEB_BUILD): $(WEB_STAMP) $(WEB_SOURCES)
	cd $(WEB) && npm run build --silent
	touch $@

web: $(WEB_BUILD)

run: $(RUN_STAMP) $(WEB_BUILD)
	mkdir -p $(DATA_DIR)
	DATABASE_URL=$(RUN_DB) $(VENV)/bin/backoffice migrate
	DATABASE_URL=$(RUN_DB) $(VENV)/bin/backoffice seed-demo
	DATABASE_URL=$(RUN_DB) $(VENV)/bin/backoffice serve

$(TEST_STAMP): pyproject.toml tests/example_plugin/pyproject.toml
	$(PYTHON) -m venv $(TEST_VENV) || { echo "$(VENV_HELP)"; exit 1; }
	$(TEST_VENV)/bin/pip install $(PIP_FLAGS) --upgrade pip
	$(TEST_VENV)/bin/pip install $(PIP_FLAGS) -e ".[test]" -e tests/example_plugin
	touch $@

lint: $(TEST_STAMP)
	$(TEST_VENV)/bin/ruff check --select F,E9,B platform plugins tests
	$(TEST_VENV)/bin/lint-imports

test: $(TEST_STAMP) lint schema-check test-web test-sqlite test-postgres test-e2e

# Unit tests of the web app's components and helpers, then its performance budget.
test-web: $(WEB_BUILD)
	cd $(WEB) && npx vitest run
	cd $(WEB) && node scripts/budget.mjs

# The web app in headless Chromium from Debian's package, against a real server.
test-e2e: $(TEST_STAMP) $(WEB_BUILD)
	@if [ -z "$(CHROMIUM)" ]; then \
	  if [ "$$BACKOFFICE_REQUIRE_SERVICES" = "1" ]; then \
	    echo "Chromium is required for the browser tests: apt-get install -y chromium"; exit 1; \
	  fi; \
	  echo "SKIPPED browser tests: no chromium on PATH (apt-get install -y chromium)"; \
	else \
	  cd $(WEB) && CHROMIUM_PATH=$(CHROMIUM) BACKOFFICE_BIN=$(CURDIR)/$(TEST_VENV)/bin/backoffice npx playwright test; \
	fi

test-sqlite: $(TEST_STAMP)
	BACKOFFICE_TEST_DB=sqlite $(TEST_VENV)/bin/pytest

test-postgres: $(TEST_STAMP)
	BACKOFFICE_TEST_DB=postgres $(TEST_VENV)/bin/pytest

# The contract is the product's schema, without the test suite's example plugins.
SCHEMA_ENV := BACKOFFICE_EXCLUDE_PLUGINS=example,example_listener

schema-check: $(TEST_STAMP)
	@$(SCHEMA_ENV) $(TEST_VENV)/bin/backoffice export-schema --output - | diff -u docs/schema.graphql - \
	  || (echo "docs/schema.graphql is stale: run 'make schema' and commit it." && exit 1)
	@$(SCHEMA_ENV) $(TEST_VENV)/bin/backoffice check-schema --current docs/schema.graphql

schema: $(TEST_STAMP)
	$(SCHEMA_ENV) $(TEST_VENV)/bin/backoffice export-schema --output docs/schema.graphql

# After a release: the current schema becomes the contract that breaking changes are checked
# against (docs/api-changes.md).
release-schema: schema
	cp docs/schema.graphql docs/api/schema-release.graphql

clean:
	rm -rf $(VENV) $(TEST_VENV) $(DATA_DIR) .pytest_cache $(WEB)/node_modules $(WEB)/dist $(WEB)/src/gql

# Benchmarks (bench/, docs/performance.md): each prints its ratio against a baseline measured
# in the same run. Both need PostgreSQL and Redis (BENCH_PG_ADMIN, BENCH_REDIS_URL).
.PHONY: bench bench-smoke soak

bench: $(TEST_STAMP)
	$(TEST_VENV)/bin/python -m bench all --size full

# Every benchmark at a small size: proves they still work, the numbers mean little.
bench-smoke: $(TEST_STAMP)
	$(TEST_VENV)/bin/python -m bench all --size small

# The load and soak run (docs/reliability.md): 200 simulated users for 10 minutes against
# two API processes and a worker on PostgreSQL and Redis. Not part of `make test`.
soak: $(TEST_STAMP)
	mkdir -p $(DATA_DIR)
	$(TEST_VENV)/bin/python -m bench.soak --json $(DATA_DIR)/soak.json
