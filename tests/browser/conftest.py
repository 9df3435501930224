"""Fixtures for the browser tests: the built book served on 127.0.0.1, and headless Chromium.

The book must be built first (`make test` builds both editions before these; by hand,
`make book`). Chromium is Debian's `/usr/bin/chromium` (Playwright cannot download its own
browser here). One browser and one server are shared by the whole session, and so is one
desktop tab, which `visit` (one load of a page for every check of that page in a module) and
`tab` (one test) use, after the tab is reset (no record of the page before, empty local and
session storage, the desktop viewport). A new context per page cost as much as the page's
load. The network cache plays no part: a tab made by `book_site.open_page` routes its
requests, which switches the cache off, so every load asks for everything, as a first visit
does. Tests that need another viewport, a printout or the reader's dark mode stored from the
start open their own tab (`dark_page`, the phone and PDF tests).

Every request that does not go to the local server is recorded and aborted, and Chromium
itself resolves no host name but 127.0.0.1: the tests see the book exactly as a reader with
no network would.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading

import pytest
from book_site import BLANK, CHROMIUM, CHROMIUM_ARGS, HTML, VIEWPORT, goto, open_page


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items):
    """Mark every test here `browser`; then run the tests that share `visit` of one page in
    one module one after another.

    The mark is set before pytest selects by `-m`; the order is set after pytest's own
    reordering (which groups parametrized fixtures only in part). Each page's group takes
    the place of its first test and runs its tests in the order they are written in the
    module; other tests keep their place. So a page is loaded once per module (see `visit`).
    """
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
    result = yield
    first: dict = {}

    def place(pair):
        index, item = pair
        callspec = getattr(item, "callspec", None)
        if callspec is None or "visit" not in callspec.params:
            return (index, 0, index)
        group = first.setdefault((item.path, callspec.params["visit"]), index)
        return (group, item.reportinfo()[1], index)  # reportinfo()[1]: the test's line

    items[:] = [item for _, item in sorted(enumerate(items), key=place)]
    return result


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


@pytest.fixture(scope="session")
def desktop_tab(browser, book_url):
    """The one tab the page checks share (use it through `visit` or `tab`)."""
    context, page = open_page(browser, book_url)
    page.book_url = book_url
    yield page
    context.close()


def _reset(page):
    """The shared tab as a new one would be: the page before is left for an empty page of
    the same origin (its late events are delivered now, not counted for the next page), the
    origin's storage emptied there (after the theme's `beforeunload` wrote to it), nothing
    recorded, the desktop viewport."""
    page.goto(f"{page.book_url}/{BLANK}")
    page.evaluate("localStorage.clear(); sessionStorage.clear()")
    for record in (page.console_errors, page.outside_requests, page.bad_responses):
        record.clear()
    page.local_urls.clear()
    if hasattr(page, "traffic_judged"):
        del page.traffic_judged
    page.set_viewport_size(VIEWPORT)
    return page


@pytest.fixture()
def tab(desktop_tab):
    """The shared desktop tab, reset, for one test that opens its own page."""
    return _reset(desktop_tab)


@pytest.fixture()
def dark_page(browser, book_url):
    """A tab of its own (open_page) with the theme's colour mode stored as "dark"."""
    context, page = open_page(browser, book_url, dark=True)
    yield page
    context.close()


@pytest.fixture(scope="module")
def visit(request, desktop_tab, book_url):
    """One visit of the page `request.param` (a path below the site root without `.html`: an
    English docname, or `ko/` and a docname for the Korean edition), shared by the module's
    checks of it.

    Use `@pytest.mark.parametrize("visit", docnames, indirect=True)`: pytest groups the tests
    of a module-scoped parameter, so every check of one page runs on one load, in the order
    the tests are written (read-only checks first, then the ones that click, dark mode last),
    and the next page is opened after the last. `page.response` is the page's HTTP response.
    """
    if request.param.startswith("ko/") and not (HTML / "ko" / "intro.html").exists():
        if os.environ.get("BOOK_KO_REQUIRED"):
            pytest.fail(f"no Korean build in {HTML / 'ko'}: run `make book-ko`")
        pytest.skip(f"no Korean build in {HTML / 'ko'} (`make book-ko`)")
    page = _reset(desktop_tab)
    page.docname = request.param
    page.response = goto(page, book_url, request.param)
    yield page
