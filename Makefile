# The two commands of the README's quick start:
#   make demo   builds the graph of the bundled sample corpus into out/ (every export)
#   make test   runs the whole test suite (real spaCy model, real FalkorDB, real Chromium)
# Both create or reuse .venv and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_LINTER := .cache/node/node_modules/@neo4j-cypher/language-support

.PHONY: demo test venv system-deps bench clean

demo: $(STAMP)
	$(BIN)/newsgraph build corpus/sample -o out

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

venv: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,notebook]'
	touch $(STAMP)

# Debian's Chromium for the browser tests; Neo4j's Cypher linter (npm) for the Cypher tests.
system-deps: $(NODE_LINTER)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

$(NODE_LINTER):
	mkdir -p .cache/node
	npm install --silent --no-audit --no-fund --prefix .cache/node @neo4j-cypher/language-support@2.0.0-next.38

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf out .cache .pytest_cache
