"""Print and PDF (tools/pdf.py, `make pdf`): a chapter printed from the built book.

Uses the browser suite's one Chromium (a second Playwright in the same session fails).
"""

from __future__ import annotations

import re

import pytest
from book_site import HTML

from tools import pdf

pytestmark = pytest.mark.browser


def test_chapter_pdf_has_its_pages_and_figures_and_no_solutions_or_clipped_code(browser, tmp_path):
    html = HTML
    assert (html / "index.html").is_file(), "build the book first (make book)"
    docnames = pdf.documents(["02_losses"])["02_losses"]
    articles = [pdf.article(html / f"{d}.html") for d in docnames]
    figures = sum(len(re.findall(r"<img\b", a)) for a in articles)
    sliders = sum(a.count('<figure class="slider-figure"') for a in articles)
    report = pdf.print_pdf(browser, html, docnames, tmp_path / "chapter.pdf")
    # the same checks on the screen version find what print.css removes: solution boxes,
    # and the output line cut at the margin ("QuantileRegres...")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((html / "chapters/02_losses/outliers.html").as_uri())
    screen = page.evaluate(pdf.CHECK)
    page.close()
    assert report["solutions"] == 0 and report["missing"] == 0
    assert report["clipped"] == [], report["clipped"]
    # each slider's one frame is replaced by a grid of four
    assert sliders > 0 and report["sliders"] == sliders
    assert report["images"] == figures + 3 * sliders
    assert report["pages"] >= 2 * len(docnames)
    assert screen["solutions"] > 0 and screen["clipped"]
