# Everything runs in a virtual environment that this Makefile creates (.venv):
# nothing relies on what happens to be installed. Needs Python 3.11 or newer.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
SHARED ?= ../shared

.PHONY: demo test eval bench samples readme fuzz clean help

help:
	@echo "make demo     set up, then parse a bundled sample and list its actions"
	@echo "make test     set up, then run the test suite"
	@echo "make eval     score against ../shared/corpus/dev and ../shared/corpus/real (needs ../shared)"
	@echo "make bench    speed and memory figures"
	@echo "make samples  rebuild samples/*.docx, *.pdf, *.txt from scripts/build_samples.py"
	@echo "make readme   run the README's examples and rewrite the output they show"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cme-notes needs Python 3.11 or newer, found " + sys.version.split()[0])'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,samples]'
	touch $@

demo: $(STAMP)
	$(BIN)/cme-notes parse samples/northvale-cme-2024-03-14.pdf --format table
	$(BIN)/cme-notes actions samples/*.docx --owner Owen --format table

test: $(STAMP)
	$(BIN)/python -m pytest

# Both hand-labelled corpora, each its own table: dev (the rules were written on it) and real (the check).
CORPORA ?= dev real

eval: $(STAMP)
	@status=0; for corpus in $(CORPORA); do \
	    gold=$(SHARED)/corpus/$$corpus; \
	    if [ ! -d "$$gold" ]; then echo "skipped: no $$gold"; continue; fi; \
	    echo "== $$gold"; \
	    $(BIN)/python $(SHARED)/eval/score.py --gold "$$gold" --cmd "$(BIN)/cme-notes parse {file} --format json" || status=1; \
	    echo; \
	done; exit $$status

bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_index.py

samples: $(STAMP)
	$(BIN)/python scripts/build_samples.py

# The README's console examples, run on samples/: their output in README.md rewritten from real runs
# (tests/test_readme.py fails when they differ).
readme: $(STAMP)
	$(BIN)/python scripts/readme_examples.py --update

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache bench-out
