# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "sayso needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

# The full analysis of the example dossier into the default database (./sayso.db),
# a summary of what is stored, and the export of everything as JSON Lines.
demo: install
	$(BIN)/sayso ingest examples/dossier.txt
	$(BIN)/sayso docs
	$(BIN)/sayso export --format jsonl --output sayso-export.jsonl

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Accuracy and throughput figures; they read ../shared/data.
bench: install
	$(BIN)/python bench/splitting.py
	$(BIN)/python bench/attribution.py --split test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis sayso.db sayso.db-* sayso-export.jsonl
