"""The built book as the browser tests see it: where it is, which pages it has, and a page
that records everything a reader's browser would do wrong.

Shared by conftest.py and the test modules (import it as `book_site`; a module named
`conftest` would clash with tests/conftest.py).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
from pathlib import Path

import yaml

from tools.book_toc import toc_docnames  # noqa: F401  (one toc reader, shared with the tests)

ROOT = Path(__file__).resolve().parents[2]
# BOOK_HTML points the tests at another build folder (for checks while others build).
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
SCREENSHOTS = HTML.parent / "screenshots"
# Screenshots are for a person to look at; no test reads them. They cost ~50 core-seconds of
# Chromium, so `make test` skips them and `make screenshots` (BOOK_SCREENSHOTS=1) takes them.
TAKE_SCREENSHOTS = os.environ.get("BOOK_SCREENSHOTS") == "1"
# Debian's chromium on PATH (tools/ensure_chromium.sh installs it), else Playwright's own build
# (None: Playwright's default), as tools/ensure_chromium.sh falls back to it.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium")
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
BLANK = "__blank__.html"  # answered by the tab itself (open_page), not by the server


def source_equations(docname: str) -> int:
    """How many equations the source of `docname` has, as MyST parses its Markdown.

    Inline (`$…$`, `{math}`) and display (`$$…$$`, `{math}` blocks) math are counted in
    every Markdown cell or page, inside directives (notes, exercises, solutions) too. An
    oracle independent of the build: it reads the sources, not the HTML.
    """
    path = source_of(docname)
    if path is None:
        return 0
    if path.suffix == ".md":
        return _markdown_equations(path.read_text(encoding="utf8"))
    cells = json.loads(path.read_text(encoding="utf8"))["cells"]
    return sum(
        _markdown_equations("".join(c["source"])) for c in cells if c["cell_type"] == "markdown"
    )


MATH_TOKENS = {"math_inline", "math_inline_double", "math_block", "math_block_label", "amsmath"}
DIRECTIVE_NAME = re.compile(r"^\{([\w:-]+)\}")
DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:")
CODE_DIRECTIVES = {"code-cell", "code-block", "code", "literalinclude"}


@functools.cache
def _myst_parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    extensions = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf8"))
    extensions = extensions.get("parse", {}).get("myst_enable_extensions")
    # Jupyter Book's defaults when _config.yml names none.
    extensions = extensions or ["colon_fence", "dollarmath", "linkify", "substitution", "tasklist"]
    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def _markdown_equations(text: str) -> int:
    count = 0
    for token in _myst_parser().parse(text):
        for t in [token, *(token.children or [])]:
            if t.type in MATH_TOKENS or (t.type == "myst_role" and t.meta.get("name") == "math"):
                count += 1
        name = DIRECTIVE_NAME.match(token.info.strip()) if token.type.endswith("fence") else None
        if name and name[1] == "math":
            count += 1
        elif name and name[1] not in CODE_DIRECTIVES:  # a directive's body is Markdown too
            count += _markdown_equations(_directive_body(token.content))
    return count


def _directive_body(content: str) -> str:
    lines = content.splitlines()
    if lines and lines[0].strip() == "---" and "---" in lines[1:]:
        lines = lines[lines.index("---", 1) + 1 :]  # a YAML block of options
    while lines and DIRECTIVE_OPTION.match(lines[0]):
        lines = lines[1:]
    return "\n".join(lines)


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
        if url == f"{book_url}/{BLANK}":  # an empty page of the book's origin (conftest._reset)
            route.fulfill(body="<!doctype html><title>blank</title>", content_type="text/html")
        elif url.startswith(book_url) or url.startswith("data:"):
            route.continue_()
        else:
            page.outside_requests.append(url)
            route.abort()

    page.route("**/*", check_request)
    return context, page


# The theme's scripts (menus, copy buttons, tooltips) run after `load` (_ext/page_assets.py);
# the last marks "book-scripts-run". A page without that loader has nothing to wait for.
SCRIPTS_RUN = """() => ![...document.scripts].some((s) => s.text.startsWith("/* book-scripts */"))
  || performance.getEntriesByName("book-scripts-run").length > 0"""


def goto(page, book_url: str, docname: str):
    """Open a page and wait until it works as a reader finds it: its images decoded, its
    fonts in and the theme's scripts run. Returns the response."""
    response = page.goto(f"{book_url}/{docname}.html", wait_until="load")
    page.evaluate(
        """async () => {
          const images = [...document.images];
          images.forEach((img) => { if (img.loading === "lazy") img.loading = "eager"; });
          await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
            img.addEventListener("load", done); img.addEventListener("error", done);
          })));
          await document.fonts.ready;
        }"""
    )
    page.wait_for_function(SCRIPTS_RUN, timeout=10_000)
    return response


# axe-core's colour-contrast rule is most of an axe run (85 % of 28 s on the longest page,
# measured with axe's performanceTimer), and most of that goes to thousands of identical
# tokens: each <span class="n"> of highlighted code, each <mi> of an equation. Inside code
# blocks and equations, a token that repeats the computed look of one already listed (text
# colour, the first opaque background behind it, font size, weight and style, opacity along
# its ancestors, text shadow) has the same contrast, so axe judges the first of each look and
# the repeats are hidden from it (visibility: hidden, which changes no layout) while it runs,
# then shown again. Only bare leaves are hidden (no attribute but `class`, no child element):
# they give no other axe rule anything to check. All other text is judged one by one.
# (axe's own `exclude` with thousands of nodes costs more than it saves.) On the longest page
# this judges 393 text elements instead of 2553, in 5 s instead of 15.
REPEATED_TOKENS = r"""() => {
  const look = (el) => {
    const s = getComputedStyle(el);
    let background = "none", opacity = 1;
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e);
      opacity *= Number(c.opacity);
      if (background === "none" && c.backgroundImage !== "none") background = c.backgroundImage;
      if (background === "none" && c.backgroundColor !== "rgba(0, 0, 0, 0)") {
        background = c.backgroundColor;
      }
    }
    return [s.color, background, s.fontSize, s.fontWeight, s.fontStyle, opacity,
            s.textShadow, el.closest(".highlight, math").tagName].join("|");
  };
  const bare = (el) => el.children.length === 0 && el.textContent.trim() !== "" &&
    [...el.attributes].every((a) => a.name === "class");
  const seen = new Set();
  const repeats = [];
  for (const el of document.querySelectorAll(".highlight span, math *")) {
    if (!bare(el)) continue;
    const key = look(el);
    if (seen.has(key)) repeats.push(el);
    else seen.add(key);
  }
  return repeats;
}"""
AXE_RUN = (
    "async ([options, skipRepeats]) => {"
    "  const repeats = skipRepeats ? (" + REPEATED_TOKENS + ")() : [];"
    "  repeats.forEach((el) => { el.style.visibility = 'hidden'; });"
    "  try { return await axe.run(document, options); }"
    "  finally { repeats.forEach((el) => el.removeAttribute('style')); }"
    "}"
)
SERIOUS = {"serious", "critical"}


def axe_serious(page, *, skip_repeated_tokens: bool = True) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each.

    Every rule axe enables by default runs (no rule is disabled), once; a code or equation
    token is judged once per look (see REPEATED_TOKENS), unless `skip_repeated_tokens=False`.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(AXE_RUN, [{"resultTypes": ["violations"]}, skip_repeated_tokens])
    return [
        f"axe {v['impact']} {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:5]]}"
        for v in results["violations"]
        if v["impact"] in SERIOUS
    ]


def keep_screenshot(target, path: Path, **options) -> None:
    """Save a screenshot of ``target`` (a page or a locator) to ``path``, when asked for
    (:data:`TAKE_SCREENSHOTS`)."""
    if TAKE_SCREENSHOTS:
        path.parent.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=path, **options)
