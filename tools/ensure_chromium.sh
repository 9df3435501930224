#!/usr/bin/env bash
# The browser tests need a Chromium. Use the one on PATH; else install Debian's package when we
# can (root with apt-get, as in CI and containers); else Playwright's own build; else stop with
# one line saying what to run. `make test`, `.ci/run` and the GitHub workflow all come here.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "ensure_chromium: installing Debian's chromium for the browser tests (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
fi
if [ -x .venv/bin/python ] && .venv/bin/python -m playwright install chromium; then
  exit 0
fi
echo "make test needs Chromium for the browser tests: run 'sudo apt-get install -y chromium'" \
  "(Debian/Ubuntu) or '.venv/bin/python -m playwright install chromium', then make test again." >&2
exit 1
