"""The built book as the browser tests see it: where it is, which pages it has, and a page
that records everything a reader's browser would do wrong.

Shared by conftest.py and the test modules (import it as `book_site`; a module named
`conftest` would clash with tests/conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# BOOK_HTML points the tests at another build folder (for checks while others build).
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
SCREENSHOTS = HTML.parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home on a machine with a closed network, and a
# resolver rule that makes every outside host unreachable (offline reading).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1280, "height": 900}


def toc_docnames(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document of the book, in reading order, as listed in `_toc.yml` (jb-book).

    `glob:` entries are expanded against the sources; `url:` entries are not pages.
    """
    toc = yaml.safe_load(toc_path.read_text(encoding="utf8"))
    names: list[str] = [toc["root"]]

    def strip(name: str) -> str:
        for suffix in (".ipynb", ".md"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return name

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(strip(entry["file"]))
            elif "glob" in entry:
                for path in sorted(ROOT.glob(entry["glob"] + ".*")):
                    if path.suffix in (".ipynb", ".md"):
                        names.append(path.relative_to(ROOT).with_suffix("").as_posix())
            for key in ("sections", "chapters", "parts"):
                walk(entry.get(key))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return list(dict.fromkeys(names))


def source_of(docname: str) -> Path | None:
    """The source file of a document (.ipynb or .md), or None if it does not exist."""
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{docname}{suffix}"
        if path.exists():
            return path
    return None


def open_page(browser, book_url, *, dark: bool = False):
    """A new context and page that record console errors, failed and outside requests.

    `page.console_errors`: console messages of type error and uncaught exceptions;
    `page.outside_requests`: URLs not on the local server (aborted);
    `page.bad_responses`: local requests that failed or answered with status >= 400;
    `page.local_urls`: every local URL that answered (to weigh the page).
    With `dark=True` the reader's stored colour mode is "dark" before any script runs.
    """
    context = browser.new_context(viewport=VIEWPORT)
    if dark:
        context.add_init_script("window.localStorage.setItem('mode', 'dark');")
    page = context.new_page()
    page.console_errors = []
    page.outside_requests = []
    page.bad_responses = []
    page.local_urls = []
    page.on(
        "console",
        lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))

    def on_response(response):
        if not response.url.startswith(book_url):
            return
        if response.status >= 400:
            page.bad_responses.append(f"{response.status} {response.url}")
        else:
            page.local_urls.append(response.url)

    def on_failed(request):
        if request.url.startswith(book_url):
            page.bad_responses.append(f"failed ({request.failure}) {request.url}")

    page.on("response", on_response)
    page.on("requestfailed", on_failed)

    def check_request(route):
        url = route.request.url
        if url.startswith(book_url) or url.startswith("data:"):
            route.continue_()
        else:
            page.outside_requests.append(url)
            route.abort()

    page.route("**/*", check_request)
    return context, page
