# The Korean edition (issue 18), included from the Makefile. How it works: tools/i18n.py's
# docstring and /work/notes/H7_korean.md. English sources + locales/ko/LC_MESSAGES/*.po
# (gettext catalogues, one per page) -> ko/ (generated: never edit it) -> _build/html/ko/.
KO_OUT := _build/ko
KO_NOTEBOOKS = $(shell $(BIN)/python tools/i18n.py notebooks)
# The strict Korean build, and its site put under the English one (also used by the
# Makefile's build-and-browser, which runs it beside the English build).
# The HTML is written afresh (a file an earlier build wrote and this one does not, such as a
# font in another format, would otherwise be copied into the site too).
BUILD_KO = rm -rf $(KO_OUT)/_build/html && $(BIN)/jupyter-book build ko --path-output $(KO_OUT) -W -n --keep-going --all
INSTALL_KO = rm -rf _build/html/ko && mkdir -p _build/html && cp -r $(KO_OUT)/_build/html _build/html/ko

.PHONY: translations translations-status book-ko nbval-ko test-ko outputs-ko

# After an English change: the catalogues get the new and changed English (changed =
# fuzzy, shown in English until a translator confirms it), ko/ is rewritten, and the
# Korean notebooks whose sources changed are executed again.
translations: $(STAMP)
	$(BIN)/python tools/i18n.py update
	$(BIN)/python tools/i18n.py status

translations-status: $(STAMP)
	$(BIN)/python tools/i18n.py status

# The Korean site, built on its own (all pages; the untranslated ones in English) and put
# at _build/html/ko/, beside the English book that `make book` builds at _build/html/.
book-ko: $(STAMP)
	$(BIN)/python tools/i18n.py check
	$(BUILD_KO)
	$(INSTALL_KO)
	@echo "Korean front page: $(CURDIR)/_build/html/ko/index.html"

nbval-ko: $(STAMP)
	$(BACKGROUND) $(BIN)/python -m pytest -q $(NBVAL) $(KO_NOTEBOOKS)

test-ko: $(STAMP) chromium
	$(BIN)/python -m pytest -q tests/test_i18n.py
	$(MAKE) --no-print-directory nbval-ko book-ko
	BOOK_KO_REQUIRED=1 $(BIN)/python -m pytest -q tests/browser/test_korean.py \
	  tests/browser/test_pages.py -k "korean or ko/"

# After a change in lib: execute every translated Korean notebook again (as `make outputs`).
outputs-ko: $(STAMP)
	$(BIN)/ruff format --config chapters/ruff.toml $(KO_NOTEBOOKS)
	$(BIN)/python tools/execute_notebooks.py $(KO_NOTEBOOKS)
