"""Print the built book to PDF with Debian's Chromium (called by `make pdf`; no TeX).

    python tools/pdf.py [HTML_DIR] [OUT_DIR]   # defaults: _build/html, _build/pdf

writes ``book.pdf`` (every page of _toc.yml in reading order) and one PDF per chapter
(``01_norms.pdf``: the chapter's index page and its sections). The pages are joined in one
browser page (the article of each later page appended to the first, links and images
re-pointed), then printed with the book's print style sheet (_static/print.css); each
static slider prints as a grid of four of its frames with their readouts.

Before printing, each document is checked in print mode, and the run fails if a solution
is visible, a code or output block is cut at the margin (wider than its box), or a figure
is missing (an image that did not load).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_toc import toc_docnames  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium")  # None: Playwright's own
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"]
_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
_URL = re.compile(r'\b(src|href)="(?!data:|#|[a-z]+:)([^"]*)"')

CHECK = """() => {
  const visible = (el) => getComputedStyle(el).display !== "none" && el.offsetParent !== null;
  const solutions = [...document.querySelectorAll(".solution")].filter(visible).length;
  const clipped = [...document.querySelectorAll("article pre")]
    .filter((el) => visible(el) && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent.slice(0, 60));
  const images = [...document.querySelectorAll("article img")].filter(visible);
  const missing = images.filter((img) => !img.complete || img.naturalWidth === 0).length;
  return {solutions, clipped, images: images.length, missing};
}"""


# A slider cannot move on paper: each static slider prints as a 2 x 2 grid of four of its
# frames (first, last and two evenly between), each with its slider value and readout.
SLIDER_GRID = """() => {
  for (const figure of document.querySelectorAll("figure.slider-figure")) {
    const data = JSON.parse(figure.querySelector("script.slider-figure-data").textContent);
    const n = data.index.length;
    const grid = document.createElement("div");
    grid.className = "slider-print-grid";
    grid.style.cssText = "display:grid;grid-template-columns:1fr 1fr;gap:0.6em;break-inside:avoid";
    const name = figure.querySelector(".slider-figure-controls label");
    for (const k of [0, 1, 2, 3]) {
      const i = Math.round((k * (n - 1)) / 3);
      const cell = document.createElement("div");
      const img = document.createElement("img");
      img.src = data.frames[data.index[i]];
      img.alt = figure.querySelector("img.slider-figure-frame").alt;
      img.style.cssText = "width:100%;height:auto";
      const caption = document.createElement("div");
      caption.style.cssText = "font-size:0.8em";
      const value = (name ? name.textContent + " = " : "") + data.labels[i];
      const readout = data.readouts[i] || "";
      caption.textContent = readout.includes(data.labels[i]) ? readout : value + ": " + readout;
      cell.append(img, caption);
      grid.append(cell);
    }
    for (const el of figure.querySelectorAll(".slider-figure-frame, .slider-figure-readout")) {
      el.style.display = "none";
    }
    figure.prepend(grid);
  }
  return document.querySelectorAll(".slider-print-grid").length;
}"""


def article(html_path: Path) -> str:
    """The page's article, with relative links and image sources made absolute."""
    found = _ARTICLE.search(html_path.read_text())
    if not found:
        raise ValueError(f"{html_path}: no <article class='bd-article'>")
    base = html_path.as_uri()
    return _URL.sub(lambda m: f'{m[1]}="{urljoin(base, m[2])}"', found[1])


def print_pdf(browser, html: Path, docnames: list[str], out: Path) -> dict:
    page = browser.new_page()
    page.goto((html / f"{docnames[0]}.html").as_uri(), wait_until="load")
    for docname in docnames[1:]:
        page.evaluate(
            """(inner) => {
              const part = document.createElement("div");
              part.className = "pdf-page";
              part.style.breakBefore = "page";
              part.innerHTML = inner;
              document.querySelector("article.bd-article").appendChild(part);
            }""",
            article(html / f"{docname}.html"),
        )
    sliders = page.evaluate(SLIDER_GRID)
    page.emulate_media(media="print")
    page.wait_for_load_state("load")
    page.wait_for_function(
        "[...document.images].every((img) => img.complete)", timeout=60_000, polling=200
    )
    report = page.evaluate(CHECK)
    report["sliders"] = sliders
    out.parent.mkdir(parents=True, exist_ok=True)
    margin = {"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"}
    page.pdf(path=str(out), format="A4", print_background=True, margin=margin)
    page.close()
    report["pages"] = pdf_page_count(out)
    return report


def pdf_page_count(path: Path) -> int:
    """Pages of a Chromium PDF: its page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", path.read_bytes()))


def documents(chapters: list[str] | None = None) -> dict[str, list[str]]:
    """``{pdf name: docnames}``: the whole book and each chapter (folder under chapters/)."""
    names = toc_docnames()
    found = {"book": names}
    for docname in names:
        parts = docname.split("/")
        if len(parts) == 3 and parts[0] == "chapters" and parts[1][:2] != "00":
            found.setdefault(parts[1], []).append(docname)
    if chapters is not None:
        found = {k: v for k, v in found.items() if k in chapters}
    return found


def main(html: Path, out: Path, only: list[str] | None = None) -> int:
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, docnames in documents(only).items():
            target = out / f"{name}.pdf"
            report = print_pdf(browser, html, docnames, target)
            print(f"{target}: {report['pages']} pages, {report['images']} images "
                  f"({report['sliders']} sliders as 4-frame grids), "
                  f"{report['solutions']} solutions shown, {len(report['clipped'])} clipped "
                  f"code blocks, {report['missing']} missing images")  # fmt: skip
            if report["solutions"] or report["clipped"] or report["missing"]:
                problems.append(f"{name}: {report}")
        browser.close()
    for problem in problems:
        print("pdf:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    html = Path(args[0]) if args else ROOT / "_build" / "html"
    out = Path(args[1]) if len(args) > 1 else ROOT / "_build" / "pdf"
    sys.exit(main(html.resolve(), out.resolve(), args[2:] or None))
