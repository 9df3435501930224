#!/usr/bin/env bash
# The browser tests and `make pdf` need a Chromium, and the PDF checks need poppler-utils
# (pdftotext, pdfimages, pdftoppm). Use what is on PATH; else install Debian's packages when
# we can (root with apt-get, as in CI and containers); else, for Chromium, Playwright's own
# build; else stop with one line saying what to run. `make test`, `make pdf`, `.ci/run` and
# the GitHub workflow all come here. A Korean font (the glossary and the claim map quote
# Korean terms) is installed the same way; without one, only a warning: the Korean words
# print as empty boxes.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
korean_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ko)" ]; }
korean_font || packages+=(fonts-nanum)
if [ ${#packages[@]} = 0 ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "ensure_chromium: installing Debian's ${packages[*]} for the browser and PDF tests (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null || true
fi
if ! korean_font; then
  echo "ensure_chromium: no Korean font, so Korean words print as empty boxes: run" \
    "'sudo apt-get install -y fonts-nanum' (Debian/Ubuntu) for the PDF." >&2
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "make test and make pdf need poppler-utils (pdftotext) to check the PDF: run" \
    "'sudo apt-get install -y poppler-utils' (Debian/Ubuntu), then run make again." >&2
  exit 1
fi
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ -x .venv/bin/python ] && .venv/bin/python -m playwright install chromium; then
  exit 0
fi
echo "make test needs Chromium for the browser tests: run 'sudo apt-get install -y chromium'" \
  "(Debian/Ubuntu) or '.venv/bin/python -m playwright install chromium', then make test again." >&2
exit 1
