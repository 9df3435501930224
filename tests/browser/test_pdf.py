"""Print and PDF (tools/pdf.py, `make pdf`): chapter 2 printed from a copy of the built book.

The PDF is read back with poppler (pdftotext, pdfinfo, pdfimages; tools/ensure_chromium.sh
installs them), and compared with what the built HTML says should be in it: every code and
output line whole, no solution text, every figure, each slider as four frames. The copy's
download menus must then offer the chapter PDF, and only where it exists.

Uses the browser suite's one Chromium (a second Playwright in the same session fails).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from book_site import HTML, open_page
from bs4 import BeautifulSoup

from tools import pdf

pytestmark = pytest.mark.browser

CHAPTER = "02_losses"


def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: run `bash tools/ensure_chromium.sh` (poppler-utils)")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def _letters(text: str) -> str:
    """Only the letters a-z: line breaks, hyphens and spacing of the PDF do not matter."""
    return re.sub(r"[^a-z]", "", text.lower())


def _no_space(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory):
    """Chapter 2 printed by make pdf's own function into a copy of the built site."""
    assert (HTML / "index.html").is_file(), "build the book first (make book)"
    tmp = tmp_path_factory.mktemp("pdf")
    site = tmp / "html"
    shutil.copytree(HTML, site, ignore=shutil.ignore_patterns(pdf.PDF_DIR))
    reports = pdf.make_pdfs(browser, site, tmp / "out", [CHAPTER])
    docnames = pdf.documents([CHAPTER])[CHAPTER]
    articles = [BeautifulSoup(pdf.article(HTML / f"{d}.html"), "html.parser") for d in docnames]
    path = tmp / "out" / f"{CHAPTER}.pdf"
    pages = _poppler("pdftotext", "-raw", str(path), "-").split("\f")[:-1]
    return SimpleNamespace(
        site=site,
        path=path,
        report=reports[CHAPTER],
        docnames=docnames,
        articles=articles,
        pages=pages,
        text="\n".join(pages),
    )


def test_make_pdf_finds_no_solution_clipped_code_or_missing_figure(printed, browser):
    report = printed.report
    figures = sum(len(a.find_all("img")) for a in printed.articles)
    sliders = sum(len(a.select("figure.slider-figure")) for a in printed.articles)
    assert report["solutions"] == 0 and report["missing"] == 0
    assert report["clipped"] == [], report["clipped"]
    # links go to a page of the PDF (inside it) or to another site, never to this machine
    assert report["local_links"] == 0
    # each slider's one frame is replaced by a grid of four
    assert sliders > 0 and report["sliders"] == sliders
    assert report["images"] == figures + 3 * sliders
    # the same checks on the screen version find what print.css removes: solution boxes,
    # and the output line cut at the margin ("QuantileRegres...")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((HTML / "chapters/02_losses/outliers.html").as_uri())
    screen = page.evaluate(pdf.CHECK)
    page.close()
    assert screen["solutions"] > 0 and screen["clipped"] and screen["local_links"] > 0


def test_page_count_is_sane_and_no_page_is_blank(printed):
    pages = int(re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", str(printed.path)), re.M)[1])
    assert pages == len(printed.pages) == printed.report["pages"]
    # every page of the chapter starts on a new sheet; a sheet holds at most ~4000 characters
    letters = len(_letters(printed.text))
    assert len(printed.docnames) <= pages and letters / pages < 4000
    words = sum(len(a.get_text(" ").split()) for a in printed.articles)
    assert pages < words / 60, "fewer than 60 words a page: gaps or blank sheets"
    with_images = {int(row.split()[0]) for row in _image_rows(printed.path)}
    blank = [n + 1 for n, text in enumerate(printed.pages) if not text.strip()]
    assert [n for n in blank if n not in with_images] == []


def _prose_pieces(element) -> list[str]:
    """The element's text between its formulas, in letters only, the longer pieces first."""
    element = BeautifulSoup(str(element), "html.parser")
    for title in element.select(".admonition-title"):
        title.decompose()
    for math in element.select("math, .math"):
        math.replace_with("\0")
    pieces = [_letters(p) for p in element.get_text(" ").split("\0")]
    return sorted((p for p in pieces if len(p) >= 25), key=len, reverse=True)


def test_no_solution_text_in_the_pdf_and_every_exercise_is(printed):
    solutions = [s for a in printed.articles for s in a.select(".solution")]
    exercises = [e for a in printed.articles for e in a.select("div.exercise")]
    assert solutions and len(exercises) >= len(solutions)
    text = _letters(printed.text)
    # the same comparison finds every exercise's statement, which is printed
    unseen = [e.get("id") for e in exercises if _prose_pieces(e)[0][:80] not in text]
    assert unseen == []
    shown = [
        f"{s.get('id')}: {piece[:60]}"
        for s in solutions
        for piece in _prose_pieces(s)
        if piece[:80] in text
    ]
    assert shown == []


def _printed_code_lines(article) -> list[str]:
    """Lines of the code and output blocks the printed page shows (not the solutions', not
    the folded "Show code cell source" inputs)."""
    lines = []
    for pre in article.find_all("pre"):
        if pre.find_parent(class_="solution") or pre.find_parent("details", class_="above-input"):
            continue
        lines += [line.strip() for line in pre.get_text().splitlines() if line.strip()]
    return lines


def test_every_code_and_output_line_is_whole_in_the_pdf(printed):
    lines = [line for a in printed.articles for line in _printed_code_lines(a)]
    assert len(lines) > 100
    assert any("(QuantileRegressor)" in line for line in lines)  # the line once cut short
    text = _no_space(printed.text)
    cut = [line for line in lines if _no_space(line) not in text]
    assert cut == []


def _image_rows(path) -> list[str]:
    rows = _poppler("pdfimages", "-list", str(path)).splitlines()[2:]
    return [row for row in rows if row.split()[2] == "image"]


def test_every_figure_is_in_the_pdf(printed):
    """Each figure is drawn, each slider as four frames: poppler lists the images."""
    figures = sum(len(a.find_all("img")) for a in printed.articles)
    sliders = sum(len(a.select("figure.slider-figure")) for a in printed.articles)
    rows = _image_rows(printed.path)
    assert len(rows) == figures + 3 * sliders
    small = [row for row in rows if int(row.split()[3]) < 300]  # width in pixels
    assert small == []


SLIDERS_SHOWN = """() => [...document.querySelectorAll("figure.slider-figure")].map((f) => {
  const shown = (el) => el.getBoundingClientRect().width > 0;
  return {
    frames: [...f.querySelectorAll(".slider-print-grid img")].filter(shown).map((i) => i.src),
    captions: [...f.querySelectorAll(".slider-print-grid p")].filter(shown)
      .map((p) => p.textContent),
    live_frame: shown(f.querySelector("img.slider-figure-frame")),
    data: JSON.parse(f.querySelector("script.slider-figure-data").textContent),
  };
})"""


def test_browser_print_shows_each_slider_as_four_frames_with_readouts(browser):
    """A reader's own print (Ctrl+P), without make pdf: the page's script and print.css."""
    page = browser.new_page(viewport={"width": pdf.PRINT_WIDTH, "height": 1000})
    page.goto((HTML / "chapters/00_first_look/first_look.html").as_uri())
    on_screen = page.evaluate(SLIDERS_SHOWN)
    page.emulate_media(media="print")
    on_paper = page.evaluate(SLIDERS_SHOWN)
    page.close()
    assert on_screen and all(s["live_frame"] and not s["frames"] for s in on_screen)
    for slider in on_paper:
        data, frames, captions = slider["data"], slider["frames"], slider["captions"]
        assert not slider["live_frame"]
        # four different frames of the slider, first and last among them, each captioned
        # with its own readout
        assert len(set(frames)) == 4 and set(frames) <= set(data["frames"])
        assert frames[0] == data["frames"][data["index"][0]]
        assert frames[-1] == data["frames"][data["index"][-1]]
        assert len(captions) == 4 and captions[0].endswith(data["readouts"][0])
        assert captions[-1].endswith(data["readouts"][-1])
        for frame, caption in zip(frames, captions, strict=True):
            i = next(k for k, r in enumerate(data["readouts"]) if caption.endswith(r))
            assert data["frames"][data["index"][i]] == frame


@pytest.fixture()
def site_url(printed):
    with pdf.serve(printed.site) as url:
        yield url.rstrip("/")


def _menu_entries(page) -> dict[str, str]:
    """The download menu's entries: {label: href}, after opening it as a reader would."""
    page.locator(".dropdown-download-buttons button.dropdown-toggle").click()
    entries = page.locator(".dropdown-download-buttons .dropdown-menu .dropdown-item")
    entries.first.wait_for(state="visible")
    return {
        entries.nth(n).inner_text().strip(): entries.nth(n).get_attribute("href")
        for n in range(entries.count())
        if entries.nth(n).is_visible()
    }


def test_download_menu_offers_the_chapter_pdf_where_it_exists(printed, browser, site_url):
    context, page = open_page(browser, site_url)
    page.goto(f"{site_url}/chapters/02_losses/index.html")
    entries = _menu_entries(page)
    assert "chapter .pdf" in entries, entries
    answer = page.request.get(page.url.rsplit("/", 1)[0] + "/" + entries["chapter .pdf"])
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.body() == printed.path.read_bytes()
    # no book.pdf was made, and chapter 1 has no PDF: no entry points at a missing file
    assert "book .pdf" not in entries
    page.goto(f"{site_url}/chapters/01_norms/index.html")
    assert not any(label.endswith(" .pdf") and label != ".pdf" for label in _menu_entries(page))
    assert page.console_errors == [] and page.bad_responses == []
    context.close()


def test_a_menu_entry_goes_when_its_pdf_goes(printed):
    """Pages rewritten after a PDF is removed (or a build without it) offer it no more."""
    page = printed.site / "chapters" / CHAPTER / "losses.html"
    entry = f'href="../../{pdf.PDF_DIR}/{CHAPTER}.pdf"'
    made = printed.site / pdf.PDF_DIR / f"{CHAPTER}.pdf"
    assert entry in page.read_text(encoding="utf8")
    made.rename(made.with_suffix(".kept"))
    try:
        pdf.offer_pdfs(printed.site)
        assert entry not in page.read_text(encoding="utf8")
    finally:
        made.with_suffix(".kept").rename(made)
    pdf.offer_pdfs(printed.site)
    assert page.read_text(encoding="utf8").count(entry) == 1
