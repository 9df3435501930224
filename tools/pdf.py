"""Print the built book to PDF with Debian's Chromium (called by `make pdf`; no TeX).

    python tools/pdf.py [HTML_DIR] [OUT_DIR]   # defaults: _build/html, _build/pdf

writes ``book.pdf`` (every page of _toc.yml in reading order) and one PDF per chapter
(``01_norms.pdf``: the chapter's index page and its sections). The site is served on
127.0.0.1 (from file:// Chromium refuses its fonts) and the pages are joined in one browser
page: the article of each later page appended to the first, images re-pointed, links to a
page of the same PDF turned into links inside it and links to the rest of the site dropped.
It is printed with the book's print style sheet (_static/print.css); each static slider
prints as a grid of four of its frames with their readouts (the grid that
_static/slider-figure.js builds and only print shows).

Before printing, each document is checked in print mode at the printed width: a PDF in
which a solution is visible, anything is cut at the margin (a block that clips sideways,
or runs past the text's edge), a figure is missing (an image that did not load) or a link
points at this machine is reported and the run fails.

Each PDF that passes is also copied into the site (``HTML_DIR/_pdf/``), and the download
menu of its pages offers it (_ext/chapter_pdf.py): publish HTML_DIR after `make pdf` and
the menu's chapter and book PDFs are there.

When the Korean edition is built into the site (``HTML_DIR/ko/``, `make book-ko`), it is
printed too, from its own pages and table of contents (ko/_toc.yml), with the same checks:
``OUT_DIR/ko/`` and ``HTML_DIR/ko/_pdf/``, offered by the Korean pages' menus.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
from book_toc import toc_docnames  # noqa: E402
from chapter_pdf import PDF_DIR, chapter_of, offer_pdfs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium")  # None: Playwright's own
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # the site is served locally
]
_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
_URL = re.compile(r'\b(src|href)="(?!data:|#|[a-z]+:)([^"]*)"')

CHECK = """() => {
  const visible = (el) => getComputedStyle(el).display !== "none" && el.offsetParent !== null;
  const solutions = [...document.querySelectorAll(".solution")].filter(visible).length;
  // Cut at the margin: a block that scrolls or clips sideways (code, output, a table's
  // scroll box) and holds more than it shows, or anything that runs past the article's edge.
  const article = document.querySelector("article.bd-article");
  const edge = article.getBoundingClientRect().right + 1;
  const clips = (el) => getComputedStyle(el).overflowX !== "visible";
  const clipped = [...article.querySelectorAll("*")]
    .filter((el) => visible(el) && ((el.scrollWidth > el.clientWidth + 1 && clips(el)) ||
                                    el.getBoundingClientRect().right > edge))
    .filter((el, _, all) => !all.some((other) => other !== el && other.contains(el)))
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.slice(0, 60)}`);
  const images = [...article.querySelectorAll("img")].filter(visible);
  const missing = images.filter((img) => !img.complete || img.naturalWidth === 0).length;
  // Links that would leave the PDF for a local address (this machine's copy of the site).
  const local = [...article.querySelectorAll("a[href]")]
    .filter((a) => !a.getAttribute("href").startsWith("#"))
    .filter((a) => a.protocol === "file:" || a.origin === location.origin).length;
  return {solutions, clipped, images: images.length, missing, local_links: local};
}"""
# The printable width of an A4 sheet with MARGIN, in CSS pixels: the checks lay the page
# out at the width it is printed at.
MARGIN = {"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"}
PRINT_WIDTH = round((210 - 14 - 14) / 25.4 * 96)

# Each joined page starts on a new sheet; the bottom margin of a page's last block (e.g. a
# closing paragraph, before an empty toctree or a hidden solution) would otherwise spill
# over onto a blank sheet of its own.
NO_TRAILING_MARGIN = """() => {
  const visible = (el) => getComputedStyle(el).display !== "none";
  const parts = [document.querySelector("article.bd-article"),
                 ...document.querySelectorAll(".pdf-page")];
  for (let el of parts) {
    while (el) {
      const kids = [...el.children].filter((k) => !k.matches(".pdf-page") && visible(k));
      let next = null;
      for (const kid of kids.reverse()) {
        kid.style.marginBottom = "0";
        if (kid.getBoundingClientRect().height > 0) { next = kid; break; }
      }
      el = next;
    }
  }
}"""


def article(html_path: Path, url: str | None = None) -> str:
    """The page's article, with relative links and image sources made absolute (against
    ``url``, the page's address; by default its file:// address)."""
    found = _ARTICLE.search(html_path.read_text())
    if not found:
        raise ValueError(f"{html_path}: no <article class='bd-article'>")
    base = url or html_path.as_uri()
    return _URL.sub(lambda m: f'{m[1]}="{urljoin(base, m[2])}"', found[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(html: Path):
    """The built site on 127.0.0.1: from file:// URLs Chromium refuses the site's fonts
    (the math font among them) as cross-origin requests."""
    handler = functools.partial(_QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Links on paper: a link to a page of this PDF becomes a link inside the PDF (ids that
# occur on several of its pages are made unique first), a link to anything else of the
# site (a page not in this PDF, a download) loses its target, which would be a local
# address; links to other sites stay.
LINKS = """(site) => {
  const parts = [document.querySelector("article.bd-article"),
                 ...document.querySelectorAll(".pdf-page")];
  const pages = parts.map((part) => part.dataset.url.split("#")[0]);
  const partOf = (el) => el.closest(".pdf-page") || parts[0];
  const seen = new Set();
  const ids = parts.map((part, k) => {
    const renamed = new Map();
    for (const el of part.querySelectorAll("[id]")) {
      if (partOf(el) !== part) continue;
      if (seen.has(el.id)) { renamed.set(el.id, `pdf${k}-${el.id}`); el.id = `pdf${k}-${el.id}`; }
      seen.add(el.id);
    }
    part.id = part.id || `pdf-page-${k}`;
    return renamed;
  });
  for (const [k, part] of parts.entries()) {
    for (const a of part.querySelectorAll("a[href]")) {
      if (partOf(a) !== part) continue;
      const url = new URL(a.getAttribute("href"), part.dataset.url);
      if (!url.href.startsWith(site)) continue;
      const j = pages.indexOf(url.href.split("#")[0]);
      if (j < 0) { a.removeAttribute("href"); continue; }
      const id = decodeURIComponent(url.hash.slice(1));
      a.setAttribute("href", "#" + (id ? (ids[j].get(id) || id) : parts[j].id));
    }
  }
}"""


def print_pdf(browser, html: Path, docnames: list[str], out: Path) -> dict:
    with serve(html) as site:
        page = browser.new_page()
        first = f"{site}{docnames[0]}.html"
        page.goto(first, wait_until="load")
        page.evaluate(
            "(url) => { document.querySelector('article.bd-article').dataset.url = url; }",
            first,
        )
        for docname in docnames[1:]:
            url = f"{site}{docname}.html"
            page.evaluate(
                """([inner, url]) => {
                  const part = document.createElement("div");
                  part.className = "pdf-page";
                  part.dataset.url = url;
                  part.style.breakBefore = "page";
                  part.innerHTML = inner;
                  document.querySelector("article.bd-article").appendChild(part);
                }""",
                [article(html / f"{docname}.html", url), url],
            )
        page.evaluate(LINKS, site)
        # The joined pages' sliders get their print grid (slider-figure.js sets up each
        # once; the first page may not have loaded it, and scripts of appended articles do
        # not run).
        page.add_script_tag(url=f"{site}_static/slider-figure.js")
        # Figures the site loads lazily (when scrolled to) are all needed on paper.
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach((i) => i.loading = 'eager')"
        )
        sliders = page.locator(".slider-print-grid").count()
        page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
        page.emulate_media(media="print")
        page.evaluate(NO_TRAILING_MARGIN)
        page.wait_for_load_state("load")
        page.wait_for_function(
            "[...document.images].every((img) => img.complete)", timeout=60_000, polling=200
        )
        page.evaluate("document.fonts.ready.then(() => true)")
        report = page.evaluate(CHECK)
        report["sliders"] = sliders
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(out), format="A4", print_background=True, margin=MARGIN)
        page.close()
    report["pages"] = pdf_page_count(out)
    return report


def pdf_page_count(path: Path) -> int:
    """Pages of a Chromium PDF: its page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", path.read_bytes()))


# The editions besides the English one: {folder in the site: its table of contents}.
EDITIONS = {"ko": ROOT / "ko" / "_toc.yml"}


def documents(chapters: list[str] | None = None, toc: Path | None = None) -> dict[str, list[str]]:
    """``{pdf name: docnames}``: the whole book and each chapter (folder under chapters/),
    in the order of ``toc`` (the English _toc.yml by default)."""
    names = toc_docnames(toc) if toc else toc_docnames()
    found = {"book": names}
    for docname in names:
        if chapter_of(docname):
            found.setdefault(chapter_of(docname), []).append(docname)
    if chapters is not None:
        found = {k: v for k, v in found.items() if k in chapters}
    return found


def passes(report: dict) -> bool:
    """No solution shown, no code cut at the margin, no figure missing, no local link."""
    return not (
        report["solutions"] or report["clipped"] or report["missing"] or report["local_links"]
    )


def make_pdfs(
    browser, html: Path, out: Path, only: list[str] | None = None, toc: Path | None = None
) -> dict[str, dict]:
    """Print each document to ``out``; put those that pass the checks in the site's menus.

    ``html`` is the built edition whose table of contents is ``toc`` (default: the English
    book). A PDF that passes is copied to ``html/_pdf/`` and the download menu of its pages
    offers it (_ext/chapter_pdf.py). Returns each document's report (see
    :func:`print_pdf`).
    """
    reports = {}
    for name, docnames in documents(only, toc).items():
        target = out / f"{name}.pdf"
        report = reports[name] = print_pdf(browser, html, docnames, target)
        print(
            f"{target}: {report['pages']} pages, {report['images']} images "
            f"({report['sliders']} sliders as 4-frame grids), "
            f"{report['solutions']} solutions shown, {len(report['clipped'])} clipped "
            f"code blocks, {report['missing']} missing images, "
            f"{report['local_links']} links to a local address"
        )
        if passes(report):
            (html / PDF_DIR).mkdir(exist_ok=True)
            shutil.copyfile(target, html / PDF_DIR / target.name)
    pages = offer_pdfs(html)
    print(f"{html / PDF_DIR}: the download menus of {pages} pages changed")
    return reports


def main(html: Path, out: Path, only: list[str] | None = None) -> int:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        reports = make_pdfs(browser, html, out, only)
        for edition, toc in EDITIONS.items():
            if (html / edition / "index.html").is_file():
                found = make_pdfs(browser, html / edition, out / edition, only, toc)
                reports.update({f"{edition}/{name}": r for name, r in found.items()})
        browser.close()
    failed = {name: report for name, report in reports.items() if not passes(report)}
    for name, report in failed.items():
        print(f"pdf: {name} not published: {report}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    html = Path(args[0]) if args else ROOT / "_build" / "html"
    out = Path(args[1]) if len(args) > 1 else ROOT / "_build" / "pdf"
    sys.exit(main(html.resolve(), out.resolve(), args[2:] or None))
