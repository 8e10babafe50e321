# Two commands do all the set-up: `make book` and `make test`.
# bash with -e and pipefail: a failing step anywhere in a recipe or pipeline
# fails the target instead of being hidden by a later, successful command.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
PORT ?= 8000

PDF := _build/html/book.pdf
# The second book, made with `python -m factcheck new`: built and tested by `make test`.
EXAMPLE := examples/state-dept-2023-05-23

.PHONY: book test serve execute lab print pdf screenshots lock system-deps chromium-present clean bench

# The virtual environment, from the exact lock file; rebuilt when the lock changes.
$(INSTALLED): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@# the charts' Vega bundle depends only on the environment: make it once, here
	$(BIN)/python -c "from factcheck.charts import javascript_bundle; javascript_bundle()"
	touch $@

## book: build the book into _build/html from the notebooks' stored outputs (strict: any warning fails it), and its print edition
# The data is validated and the stored outputs checked first, so that a
# malformed row or a stale notebook stops the build with one message naming
# the file (and row and column), before Sphinx adds its own traceback. The
# print edition is part of the book (its front page links to it and says how
# long it is): it is printed again only when the pages it prints have changed.
book: chromium-present $(INSTALLED)
	@$(BIN)/python -m factcheck check
	$(BIN)/jupyter-book build . --builder html --warningiserror --nitpick --keep-going
	@$(MAKE) --no-print-directory pdf

## test: build the book, lint and format-check the code (ruff), then run every test (unit, data, nbval, print, browser) on every core
# A missing Chromium stops it first, with a message: it installs nothing.
test: chromium-present book
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .
	$(BIN)/pytest --numprocesses auto

## print: the print edition, one PDF of the whole book with its static charts, in $(PDF) (`make book` makes it too)
print: book

## screenshots: run the browser tests, saving each page and each chart at both widths in _build/screenshots to look at
screenshots: chromium-present book
	$(BIN)/pytest --numprocesses auto --screenshots tests/test_browser.py

# pdf: the print edition from the book as built (`make book` runs it last)
pdf:
	$(BIN)/python -m factcheck print _build/html $(PDF)

## lab: open the notebooks in JupyterLab, with the kernel and data path the build uses
lab: $(INSTALLED)
	FACTCHECK_DATA=$(CURDIR)/data $(BIN)/jupyter lab --notebook-dir=chapters $(if $(filter 0,$(shell id -u)),--allow-root)

## serve: serve the built book on http://localhost:$(PORT)
serve:
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

## execute: re-execute, in parallel and in place, every notebook whose stored outputs are stale (this book's, then the example's)
execute: $(INSTALLED)
	$(BIN)/python -m factcheck execute
	cd $(EXAMPLE) && $(CURDIR)/$(BIN)/python -m factcheck execute

## lock: recompile requirements.lock from requirements.in
# The lock is complete, so it is installed with --no-deps. It leaves out
# rfc3987-syntax and lark, which JupyterLab pulls in only through
# jsonschema[format-nongpl]: with them, every `import jsonschema` (Altair's,
# Sphinx's, each kernel's) compiles 38 grammars and takes 1.5 s longer, to check
# one URI format in JupyterLab's event schemas.
lock: $(INSTALLED)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(BIN)/python -c "import re; p = 'requirements.lock'; s = open(p).read(); open(p, 'w').write(re.sub(r'(?m)^(?:rfc3987-syntax|lark)==.*\n(?:    #.*\n)*', '', s))"

# chromium-present: stop with a message, rather than install system packages
# as a side effect of a test run, when the browser is missing.
chromium-present:
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is missing: run 'make system-deps' (as root) once, then 'make test' again." >&2; exit 1; }

## system-deps: Debian packages the browser tests need (the one target that runs apt-get; .ci/run calls it)
system-deps: $(CHROMIUM)
$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core > /dev/null

## bench: print set-up, build and test times and page weights
bench: $(INSTALLED)
	$(BIN)/python bench/bench.py

clean:
	rm -rf _build
