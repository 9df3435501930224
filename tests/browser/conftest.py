"""Fixtures for the browser tests: the built book served on 127.0.0.1, and headless Chromium.

The book must be built first (`make build-strict`, which `make test` runs before these).
Chromium is Debian's `/usr/bin/chromium` (Playwright cannot download its own browser here).
One browser is shared by the whole session; every test gets a fresh context (its own
storage, so a dark-mode test cannot leak into the next one).

Every request that does not go to the local server is recorded and aborted, and Chromium
itself resolves no host name but 127.0.0.1: the tests see the book exactly as a reader with
no network would.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from book_site import CHROMIUM, CHROMIUM_ARGS, HTML, open_page


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def book_url():
    if not (HTML / "index.html").exists():
        pytest.fail("the book is not built: run `make build-strict` (or `make book`) first")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, book_url):
    """A fresh page that records console errors and every request leaving 127.0.0.1."""
    context, page = open_page(browser, book_url)
    yield page
    context.close()


@pytest.fixture()
def dark_page(browser, book_url):
    """Like `page`, with the theme's colour mode stored as "dark"."""
    context, page = open_page(browser, book_url, dark=True)
    yield page
    context.close()
