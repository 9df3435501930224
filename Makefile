# Every command of the project. `make book` and `make test` set themselves up on a fresh
# machine (Python 3.11 + make): they create .venv and install the exact pins first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-requirements
NBVAL := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p tests.nbval_kernels

.PHONY: help setup chromium book test screenshots checks lint unit unit-a unit-b nbval nbval-a nbval-b build-strict browser build-and-browser build-both browser-tests lab outputs format bench lock clean

help:
	@echo "make book     build the HTML book, English into _build/html and Korean into _build/html/ko"
	@echo "make test     lint, unit + property tests, doctests, strict nbval, strict build, browser tests"
	@echo "make lab      open your own copy of the chapters (my-chapters/) in JupyterLab"
	@echo "make outputs  re-execute every notebook in place so stored outputs are current"
	@echo "make bench    measure build/test times, slider updates, solvers and page weight"
	@echo "make handouts the course pack: student notebooks, solutions, claims worksheet, zip"
	@echo "make pdf      the book and each chapter as PDF (Chromium's print, no TeX)"
	@echo "make screenshots  every built page photographed, one in dark mode, into _build/screenshots/ (after make book)"
	@echo "make lock     regenerate requirements.txt (the exact pins) from pyproject.toml"
	@echo "make translations  after an English change: update the Korean catalogues (locales/ko) and regenerate ko/"
	@echo "make book-ko  only the Korean edition (ko/) into _build/html/ko/"

setup: $(STAMP)

# npm ci: Temml, the math font and PurgeCSS, used when the book is built (_ext/).
$(STAMP): requirements.txt pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@command -v npm >/dev/null || { echo "The build needs Node.js and npm (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(MAKE) --no-print-directory book-ko
	@echo "Front page: $(CURDIR)/_build/html/index.html"

# The browser is checked before any test runs; then the independent checks run side by side.
# The longest chain, the strict builds of both editions and then the browser tests on them,
# is one job that starts first (as separate targets, make would give the core a build frees
# to a check queued meanwhile, and start the browser tests last). Inside it the two editions
# build at the same time (they share no file), so the browser tests start after the longer
# build, not after both. The browser tests wait on Chromium more than they compute (about
# 40 % of a core), so beside the chain up to two more jobs run (three once it ends), at
# `nice -n 19` (BACKGROUND): they mostly take the CPU the chain leaves and barely slow it
# (measured on 2 idle cores: make test 217 s at nice 19, 245 s at nice 10).
# Unit and nbval are in halves (the same tests, in two pytest runs each), so that a core
# that frees has work left to take. -k runs every check even after one fails, so one run
# reports every failure.
test: $(STAMP) chromium
	$(MAKE) --no-print-directory -k -j3 --output-sync=target checks BACKGROUND="nice -n 19"
	@echo "make test: all checks passed"

# The longest checks first (measured alone before the one-BLAS-thread kernels, core-seconds:
# nbval-ko 92, unit-b 65, nbval-a 52, unit-a 38, nbval-b 30, lint 2; not measured alone
# since), so the short ones are left to fill in at the end, whichever job ends first.
checks: build-and-browser nbval-ko unit-b nbval-a unit-a nbval-b lint

# Both editions are built before the browser tests, which read both (the Korean ones must
# not skip). The two builds and the i18n check run side by side, each into its own log
# (_build/{i18n-check,build-en,build-ko}.log), shown when all three end.
# The Chromium check is the recipe's first line, not a prerequisite: as a prerequisite it was
# a job of its own, and -j let the next checks take the free slots first, so the chain
# started only when one of them ended (measured: the builds began 116 s into make test).
build-and-browser: $(STAMP)
	@bash tools/ensure_chromium.sh
	$(BUILD_BOTH)
	BOOK_KO_REQUIRED=1 $(BROWSER_TESTS)

chromium:
	bash tools/ensure_chromium.sh

# Every page photographed for a person to look at (desktop, phone, Korean; one in dark mode) into
# _build/screenshots/: the browser tests again, on the book `make book` built, with
# BOOK_SCREENSHOTS=1. `make test` runs the same checks without them (no test reads them).
screenshots: $(STAMP) chromium
	BOOK_SCREENSHOTS=1 BOOK_KO_REQUIRED=1 $(BROWSER_TESTS)

lint: $(STAMP)
	$(BACKGROUND) $(BIN)/ruff check .
	$(BACKGROUND) $(BIN)/ruff format --check .

# The halves: every tests/test_*.py file is in exactly one (B: names g-z, A: the rest), and
# every chapter notebook in exactly one (B: chapter 3's h-z, A: the rest); split where the
# measured times roughly halve.
UNIT_B := $(wildcard tests/test_[g-z]*.py)
UNIT_A := $(filter-out $(UNIT_B),$(wildcard tests/test_*.py))
NBVAL_B := $(wildcard chapters/03_*/[h-z]*.ipynb)
NBVAL_A := $(filter-out $(NBVAL_B),$(wildcard chapters/*/*.ipynb))

unit: unit-a unit-b

unit-a: $(STAMP)
	$(BACKGROUND) $(BIN)/python -m pytest -q $(UNIT_A) -m "not browser"

unit-b: $(STAMP)
	$(BACKGROUND) $(BIN)/python -m pytest -q --doctest-modules lib $(UNIT_B) -m "not browser"

nbval: nbval-a nbval-b

nbval-a: $(STAMP)
	$(BACKGROUND) $(BIN)/python -m pytest -q $(NBVAL) $(NBVAL_A)

nbval-b: $(STAMP)
	$(BACKGROUND) $(BIN)/python -m pytest -q $(NBVAL) $(NBVAL_B)

# --all: a full rebuild, so warnings from unchanged pages are reported too (on a fresh clone
# there is nothing to reuse anyway).
BUILD_STRICT = $(BIN)/jupyter-book build . -W -n --keep-going --all
# Only the files that hold browser tests are collected (collecting all of tests/ imports
# what the unit tests need): tests/browser/ and the test files that use the mark.
BROWSER_FILES = tests/browser $(shell grep -l 'mark\.browser' tests/test_*.py)
BROWSER_TESTS = $(BIN)/python -m pytest -q $(BROWSER_FILES) -m browser
# The English and the Korean strict builds at once ($(BUILD_KO) and $(INSTALL_KO): ko.mk),
# and beside them the check that ko/ is what tools/i18n.py writes (a build of a stale ko/
# would pass; the check fails the step).
define BUILD_BOTH
@mkdir -p _build
@echo "$(I18N_CHECK) > _build/i18n-check.log & $(BUILD_STRICT) > _build/build-en.log & $(BUILD_KO) > _build/build-ko.log"
@$(I18N_CHECK) > _build/i18n-check.log 2>&1 & check=$$!; \
  $(BUILD_STRICT) > _build/build-en.log 2>&1 & en=$$!; \
  $(BUILD_KO) > _build/build-ko.log 2>&1; ko=$$?; wait $$en; en=$$?; wait $$check; check=$$?; \
  cat _build/i18n-check.log _build/build-en.log _build/build-ko.log; \
  test $$check = 0 || echo "make: ko/ is not what tools/i18n.py writes (make translations)"; \
  test $$en = 0 || echo "make: the English build failed (_build/build-en.log)"; \
  test $$ko = 0 || echo "make: the Korean build failed (_build/build-ko.log)"; \
  test $$check = 0 && test $$en = 0 && test $$ko = 0
$(INSTALL_KO)
endef
I18N_CHECK = $(BIN)/python tools/i18n.py check

build-strict: $(STAMP)
	$(BUILD_STRICT)

browser: build-and-browser

# make bench times make test's stages one by one: these two are build-and-browser's halves.
build-both: $(STAMP)
	$(BUILD_BOTH)

browser-tests: $(STAMP) chromium
	BOOK_KO_REQUIRED=1 $(BROWSER_TESTS)

# The student works in my-chapters/, a git-ignored copy of chapters/ that the first `make lab`
# makes: run, edit and save freely there; the tracked notebooks, and so `make test`, never
# change. (A copy rather than a contents manager that saves elsewhere: what the student sees is
# a plain folder they can open, back up or delete, and nothing depends on a Jupyter setting.)
# tools/lab_copy.py fills in, in the copy, what jupyterlab-myst cannot resolve (glued numbers,
# citations, figure numbers and captions) and folds the cells of multi-cell solutions.
# `make lab RESET=1` keeps the old copy as my-chapters.old/ and starts again from chapters/.
# A change meant for the book is made in chapters/ itself (`make lab LAB_DIR=chapters` opens
# the tracked notebooks, for authors) and stored with `make outputs`.
# tests/test_lab.py uses LAB_DIR and LAB_ARGS for a copy in a temporary folder and a fixed port.
# --allow-root only when run as root (containers, CI boxes): Jupyter refuses to start otherwise.
LAB_DIR ?= my-chapters
lab: $(STAMP)
	@if [ -n "$(RESET)" ] && [ "$(LAB_DIR)" = chapters ]; then \
	  echo "make lab: RESET=1 with LAB_DIR=chapters would move the book's chapters"; exit 1; fi
	@if [ -n "$(RESET)" ] && [ -d "$(LAB_DIR)" ]; then \
	  rm -rf "$(LAB_DIR).old" && mv "$(LAB_DIR)" "$(LAB_DIR).old" && \
	  echo "make lab: your previous copy is in $(LAB_DIR).old/"; fi
	@if [ ! -d "$(LAB_DIR)" ]; then \
	  $(BIN)/python tools/lab_copy.py "$(LAB_DIR)" && \
	  echo "make lab: copied chapters/ to $(LAB_DIR)/ (git-ignored; your edits stay there)"; fi
	@echo "make lab: stop with Ctrl-C twice; 'make lab RESET=1' starts again from chapters/"
	$(BIN)/jupyter lab "$(LAB_DIR)" $(LAB_ARGS) $(if $(filter 0,$(shell id -u)),--allow-root)

outputs: $(STAMP)
	$(BIN)/ruff format chapters
	$(BIN)/python tools/execute_notebooks.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/run.py

# requirements.txt is the exact lock the book is tested with, generated from the ranges that
# pyproject.toml declares (today's pins kept as constraints; --upgrade takes newer releases).
lock: $(STAMP)
	$(BIN)/python tools/lock_requirements.py

# The course pack for instructors (tools/handouts.py): _build/handouts/student/ (chapter
# notebooks without solutions), solutions/, worksheets/claims.html and course-pack.zip.
.PHONY: handouts
handouts: $(STAMP)
	$(BIN)/python tools/handouts.py _build/handouts

# The book as PDF (tools/pdf.py, Debian's Chromium, no TeX): _build/pdf/book.pdf and one PDF
# per chapter, printed with _static/print.css (solutions left out, code wrapped, each slider as
# a grid of four frames); the run fails if a solution shows, a code block is cut at the margin
# or a figure is missing. The PDFs that pass are also copied into the site (_build/html/_pdf/)
# and each page's download menu offers its chapter's PDF and the book's (_ext/chapter_pdf.py); the Korean
# edition, when built into the site, is printed the same way into _build/pdf/ko/ and
# _build/html/ko/_pdf/, and its menus offer those.
# The chromium target also installs poppler-utils (pdftotext), which the PDF test uses.
.PHONY: pdf
pdf: $(STAMP) chromium
	test -f _build/html/index.html || $(MAKE) --no-print-directory book
	$(BIN)/python tools/pdf.py _build/html _build/pdf

clean:
	rm -rf _build

# The Korean edition's targets (translations, book-ko, nbval-ko, test-ko); after the variables
# and the chromium target it uses.
include ko.mk
