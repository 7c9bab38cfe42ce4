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

.PHONY: run install test test-sqlite test-postgres lint schema clean help

help:
	@echo "make run    install, migrate, seed a demo company, serve on http://127.0.0.1:8000"
	@echo "make test   run every suite (SQLite, then PostgreSQL + Redis when reachable)"
	@echo "make schema export docs/schema.graphql"

VENV_HELP := Python's venv module is missing: on Debian, run 'apt-get install python3-venv'.

$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { echo "$(VENV_HELP)"; exit 1; }
	$(VENV)/bin/pip install $(PIP_FLAGS) --upgrade pip
	$(VENV)/bin/pip install $(PIP_FLAGS) -e .
	touch $@

install: $(RUN_STAMP)

run: $(RUN_STAMP)
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

test: $(TEST_STAMP) lint schema-check test-sqlite test-postgres

test-sqlite: $(TEST_STAMP)
	BACKOFFICE_TEST_DB=sqlite $(TEST_VENV)/bin/pytest

test-postgres: $(TEST_STAMP)
	BACKOFFICE_TEST_DB=postgres $(TEST_VENV)/bin/pytest

# The contract is the product's schema, without the test suite's example plugins.
SCHEMA_ENV := BACKOFFICE_EXCLUDE_PLUGINS=example,example_listener

schema-check: $(TEST_STAMP)
	@$(SCHEMA_ENV) $(TEST_VENV)/bin/backoffice export-schema --output - | diff -u docs/schema.graphql - \
	  || (echo "docs/schema.graphql is stale: run 'make schema' and commit it." && exit 1)

schema: $(TEST_STAMP)
	$(SCHEMA_ENV) $(TEST_VENV)/bin/backoffice export-schema --output docs/schema.graphql

clean:
	rm -rf $(VENV) $(TEST_VENV) $(DATA_DIR) .pytest_cache
