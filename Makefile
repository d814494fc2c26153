# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser postgres demo test lint bench calibrate clean

$(STAMP): pyproject.toml src/sayso/__init__.py  # the version lives there
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "sayso needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

# The full analysis of the example dossier into the default database (./sayso.db),
# a summary of what is stored, the report (sayso-report.html) and the JSON Lines export.
demo: install
	$(BIN)/sayso ingest examples/dossier.txt
	$(BIN)/sayso docs
	$(BIN)/sayso actors --limit 10
	$(BIN)/sayso compare --limit 3
	$(BIN)/sayso report --output sayso-report.html
	$(BIN)/sayso export --format jsonl --output sayso-export.jsonl

# Debian's Chromium for the browser tests; where it cannot be installed they are skipped.
browser:
	@command -v chromium >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } \
		|| { sudo -n apt-get update -q >/dev/null 2>&1 && sudo -n apt-get install -y -q chromium >/dev/null 2>&1; } \
		|| echo "note: Chromium could not be installed; the browser tests will be skipped"

# Debian's PostgreSQL for the PostgreSQL tests, which start a throwaway server of their own
# (or use $SAYSO_TEST_POSTGRES); where it cannot be installed they are skipped.
postgres:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q postgresql >/dev/null 2>&1; } \
		|| { sudo -n apt-get update -q >/dev/null 2>&1 && sudo -n apt-get install -y -q postgresql >/dev/null 2>&1; } \
		|| echo "note: PostgreSQL could not be installed; the PostgreSQL tests will be skipped"

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

test: lint browser postgres
	$(BIN)/pytest

# The three corpora in one database, for the web app's load run (about 10 minutes).
BENCH_DB ?= corpora.db
$(BENCH_DB): | install
	$(BIN)/sayso ingest --quiet --db $@ ../shared/data/corpora

# Accuracy, throughput, robustness and load figures; they read ../shared/data.
bench: install $(BENCH_DB)
	$(BIN)/python bench/splitting.py
	$(BIN)/python bench/attribution.py --split test
	$(BIN)/python bench/speakers.py --half test
	$(BIN)/python bench/figures_dates.py --half test
	$(BIN)/python bench/positions.py
	$(BIN)/python bench/positions.py --examples-only --likeness words
	$(BIN)/python bench/claims.py
	$(BIN)/python bench/forecast.py
	$(BIN)/python bench/throughput.py --twice ../shared/data/corpora/whitehouse_briefings/articles.jsonl
	$(BIN)/python bench/robustness.py
	$(BIN)/python bench/web.py --db $(BENCH_DB)

# Fit the quotes' confidence on PolNeAR's training split and the speakers set's dev half.
calibrate: install
	$(BIN)/python bench/calibrate.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis sayso.db sayso.db-* sayso-export.jsonl sayso-report.html
