"""The Korean edition as a reader's browser sees it (issue 18): `make book-ko` first.

Served from the site root (``BOOK_HTML``, default ``_build/html``) with the Korean book in
``ko/``. Skipped when there is no Korean build, unless ``BOOK_KO_REQUIRED=1`` (``make
test-ko`` sets it). The checks of every Korean page (in Korean, the switch to English and
back, no glyph missing from the web font, and a screenshot with ``make screenshots``) are in
test_pages.py, on the one visit of each page that all page checks share.

Oracles: numpy for the numbers a reader reads, the served web font's own character map
(fontTools) for the glyphs, the English page names for the switcher.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin

import numpy as np
import pytest
from book_site import HTML, ROOT, SCREENSHOTS, keep_screenshot, toc_docnames
from fontTools.ttLib import TTFont

from lib.i18n import FONT_LICENCE_FILE, KOREAN_FONT_NAME
from tests.test_i18n import HANGUL, names_breaking_the_licence, reserved_font_names

KO = HTML / "ko"
KOREAN_PAGES = toc_docnames(ROOT / "ko" / "_toc.yml")


@pytest.fixture(scope="module")
def site_url(book_url):
    """The suite's one server (conftest's book_url), once there is a Korean build."""
    if not (KO / "intro.html").exists():
        if os.environ.get("BOOK_KO_REQUIRED"):
            pytest.fail(f"no Korean build in {KO}: run `make book-ko`")
        pytest.skip(f"no Korean build in {KO} (`make book-ko`)")
    return book_url


def test_first_look_in_korean_reads_its_glued_numbers_and_slides_by_keyboard(tab, site_url):
    page = tab
    page.goto(f"{site_url}/ko/chapters/00_first_look/first_look.html", wait_until="load")
    a, b = np.array([1.0, 1.0]), np.array([4.0, 5.0])
    l1, l2 = np.abs(b - a).sum(), np.hypot(*(b - a))
    assert f"L1 거리는 {l1:.0f}이고 L2 거리는 {l2:.0f}입니다" in page.inner_text("body")
    slider = page.locator(".slider-figure input[type=range]").first
    readout = page.locator(".slider-figure-readout").first
    assert page.locator(".slider-figure label").first.inner_text() == "b의 각도"
    slider.focus()
    for _ in range(9):  # 5° a step: 0° -> 45°
        page.keyboard.press("ArrowRight")
    side = 4.0 * np.cos(np.pi / 4)
    expected = f"각도 45°: L1 = {2 * side:.2f}, L2 = {4.0:.2f}, L1/L2 = {2 * side / 4:.3f}"
    assert readout.inner_text() == expected
    assert HANGUL.search(page.locator(".slider-figure img").first.get_attribute("alt"))
    keep_screenshot(page.locator(".slider-figure").first, SCREENSHOTS / "ko" / "slider_45.png")


def test_no_served_font_carries_a_reserved_name_and_the_font_licence_is_served(tab, site_url):
    """The OFL: a modified font may not use a Reserved Font Name, and each copy comes with
    the copyright notice and the licence (in the font's name table and as a served file)."""
    import urllib.request

    fonts = [p for p in HTML.rglob("*") if p.suffix in {".woff", ".woff2", ".ttf", ".otf"}]
    assert any(p.parent == KO / "_static" / "fonts" for p in fonts), "no Korean web font"
    for path in fonts:
        assert names_breaking_the_licence(TTFont(path)) == [], path
    korean = [p for p in fonts if TTFont(p)["name"].getDebugName(1) == KOREAN_FONT_NAME]
    assert korean, f"no served font is named {KOREAN_FONT_NAME!r}"
    for path in korean:
        assert "SIL Open Font License" in TTFont(path)["name"].getDebugName(13), path
        # compressed as its name says, not a TTF under a .woff name
        assert path.read_bytes()[:4] == {".woff": b"wOFF", ".woff2": b"wOF2"}[path.suffix], path
    licence = FONT_LICENCE_FILE.read_text(encoding="utf8")
    for edition in ("", "ko/"):  # the licence page of each edition links the served copy
        page = tab
        page.goto(f"{site_url}/{edition}license.html", wait_until="load")
        link = page.locator("a[href$='OFL.txt']")
        assert link.count() == 1, f"{edition}license.html does not link the font licence"
        url = urljoin(page.url, link.get_attribute("href"))
        with urllib.request.urlopen(url) as response:
            served = response.read().decode("utf8")
        assert served == licence
        assert "SIL OPEN FONT LICENSE" in served
        assert all(name in " ".join(served.split()) for name in reserved_font_names())
        assert "NanumGothic" in page.inner_text("main")  # says which font it modifies


def test_korean_answer_box_asks_and_answers_in_korean(tab, site_url):
    """The self-check box of a Korean page: Korean label and button, Korean verdicts."""
    page = tab
    page.goto(f"{site_url}/ko/chapters/02_losses/outliers.html", wait_until="load")
    box = page.locator("#ex-losses-pull form.answer-box")
    label = box.locator("label").inner_text()
    assert HANGUL.search(label) and "Check" not in label, label
    assert HANGUL.search(box.locator("button").inner_text())
    values = [1, 2, 3, 4, 100]
    box.locator("input").fill(f"{np.mean(values):g}, {np.median(values):g}")
    box.locator("button").click()
    right = box.locator("output").inner_text()
    box.locator("input").fill(f"{np.median(values):g}, {np.mean(values):g}")
    box.locator("button").click()
    wrong = box.locator("output").inner_text()
    assert HANGUL.search(right) and HANGUL.search(wrong) and right != wrong
    assert box.locator("output").get_attribute("class") == "answer-wrong"
    assert not re.search(r"\b(Right|Not yet|Hint)\b", right + wrong), (right, wrong)
    # The English page's box, from the same script, stays English.
    page.goto(f"{site_url}/chapters/02_losses/outliers.html", wait_until="load")
    box = page.locator("#ex-losses-pull form.answer-box")
    assert box.locator("label").inner_text().startswith("Check your answer (")
    box.locator("input").fill(f"{np.mean(values):g}, {np.median(values):g}")
    box.locator("button").click()
    assert box.locator("output").inner_text() == "Right."


def test_korean_footer_names_the_authors_in_korean(tab, site_url):
    page = tab
    page.goto(f"{site_url}/ko/intro.html", wait_until="load")
    byline = " ".join(page.locator("footer .component-author").inner_text().split())
    # A Korean byline ("지은이: ..."), not the theme's "으로 The normbook authors".
    assert byline.startswith("지은이: "), byline
    author = byline.removeprefix("지은이: ")
    assert HANGUL.search(author), byline
    assert set(re.findall(r"[A-Za-z]{2,}", author)) <= {"normbook"}, byline
    page.goto(f"{site_url}/intro.html", wait_until="load")
    assert page.locator("footer .component-author").inner_text().strip().startswith("By ")


def test_korean_pdf_is_printed_from_the_korean_pages_and_offered_in_korean(browser, tmp_path):
    """`make pdf` prints the Korean edition too (tools/pdf.py, the same checks), into
    ko/_pdf/, and the Korean menus offer it; the English pass leaves ko/ alone. A copy of
    the built site, one chapter."""
    import shutil
    import subprocess

    from bs4 import BeautifulSoup

    from tools import pdf

    if not (KO / "intro.html").exists():
        pytest.fail(f"no Korean build in {KO}: run `make book-ko`")
    site = tmp_path / "html"
    shutil.copytree(HTML, site, ignore=shutil.ignore_patterns(pdf.PDF_DIR))
    chapter = "01_norms"
    english = pdf.make_pdfs(browser, site, tmp_path / "out", [chapter])
    korean = pdf.make_pdfs(
        browser, site / "ko", tmp_path / "out" / "ko", [chapter], ROOT / "ko" / "_toc.yml"
    )
    assert pdf.passes(english[chapter]) and pdf.passes(korean[chapter]), korean
    assert (site / "ko" / pdf.PDF_DIR / f"{chapter}.pdf").is_file()
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "ko" / f"{chapter}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    heading = BeautifulSoup((KO / "chapters" / chapter / "norms.html").read_text(), "html.parser")
    title = heading.find("h1").get_text().strip("#¶ \n")
    assert HANGUL.search(title) and " ".join(title.split()) in " ".join(text.split())
    # under each exercise the printed note says where the solution is, in Korean
    assert "Solution: in the online book" not in text
    assert "풀이: 온라인 책에" in " ".join(text.split())
    for edition, label in (("", "chapter .pdf"), ("ko/", "이 장 .pdf")):
        page = site / edition / "chapters" / chapter / "norms.html"
        soup = BeautifulSoup(page.read_text(encoding="utf8"), "html.parser")
        links = {
            a.get_text(" ", strip=True): (page.parent / a["href"]).resolve()
            for a in soup.select("a.btn-download-printed-pdf")
        }
        assert links.get(label) == (site / edition / pdf.PDF_DIR / f"{chapter}.pdf").resolve()
        assert all(path.is_file() for path in links.values())


def glossary_korean_terms() -> list[str]:
    """The Korean term of each glossary entry: the first sentence of its definition (one
    source, glossary.md), its Hangul words only ("최대 노름 (L∞ 노름)" -> "최대 노름 노름")."""
    text = (ROOT / "glossary.md").read_text(encoding="utf8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    terms = []
    for line in re.findall(r"^\S[^\n]*\n  (\S[^\n]*)", body, re.M):
        words = re.findall(r"[\uac00-\ud7a3]+", line.split(". ", 1)[0])
        if words:
            terms.append(" ".join(dict.fromkeys(words)))
    return list(dict.fromkeys(terms))


SEARCH = """(query) => {
  const [q, terms, excluded, highlight, objects] = Search._parseQuery(query);
  return Search._performSearch(q, terms, excluded, highlight, objects).map((r) => r[0]);
}"""


def test_korean_search_finds_glossary_terms_and_their_inflected_uses(tab, site_url):
    """The search page of the Korean site (its own index and JavaScript) finds each glossary
    term on the glossary page, and finds a chapter page whose prose has the term only with a
    particle attached ("노름은"), which Sphinx's English search, indexing whole words, missed."""
    from bs4 import BeautifulSoup

    terms = glossary_korean_terms()
    assert len(terms) > 50 and "노름" in terms
    page = tab
    page.goto(f"{site_url}/ko/search.html", wait_until="load")
    page.wait_for_function("typeof Search !== 'undefined' && Search.hasIndex()")
    missing = [term for term in terms if "glossary" not in page.evaluate(SEARCH, term)]
    assert missing == [], f"the Korean search does not find these glossary terms: {missing}"
    # Pages whose text has a one-word term only with a particle after it (oracle: the built
    # page's text and a few particles).
    texts = {
        name: BeautifulSoup((KO / f"{name}.html").read_text(encoding="utf8"), "html.parser")
        .select_one("main")
        .get_text(" ")
        for name in KOREAN_PAGES
        if name.startswith("chapters/")
    }

    def uses(term: str, text: str, after: str) -> bool:
        return bool(re.search(rf"(?<![\uac00-\ud7a3]){term}{after}(?![\uac00-\ud7a3])", text))

    particles = "(은|는|이|가|을|를|의|에서|으로|로)"
    inflected = [
        (term, name)
        for term in terms
        if " " not in term and len(term) >= 2
        for name, text in texts.items()
        if uses(term, text, particles) and not uses(term, text, "")
    ]
    assert len(inflected) >= 3, inflected
    unfound = [(t, n) for t, n in inflected if n not in page.evaluate(SEARCH, t)]
    assert unfound == [], f"chapter prose that uses the term with a particle: {unfound}"
    # A particle in the query is no obstacle either.
    assert "glossary" in page.evaluate(SEARCH, "노름은")


def test_korean_pages_label_the_theme_controls_in_korean(site_url):
    """The page controls' labels and tooltips (title, aria-label), which a screen reader
    reads out: those the English page has from Sphinx and the themes, for which the book
    supplies Korean (language_switch.THEME_WORDS), are Korean on the Korean page."""
    import sys

    from bs4 import BeautifulSoup

    sys.path.insert(0, str(ROOT / "_ext"))
    from language_switch import THEME_WORDS

    sys.path.pop(0)

    def labels(path):
        soup = BeautifulSoup(path.read_text(encoding="utf8"), "html.parser")
        return [el[a] for a in ("title", "aria-label") for el in soup.select(f"[{a}]")]

    docname = "chapters/01_norms/norms"
    english = set(labels(HTML / f"{docname}.html"))
    korean = labels(KO / f"{docname}.html")
    words = THEME_WORDS["ko"]
    supplied = english & set(words)
    assert len(supplied) >= 10, supplied  # the check has something to check
    assert not supplied & set(korean), sorted(supplied & set(korean))
    assert {words[w] for w in supplied if w != "By"} <= set(korean)
    # The chapter toggles' "Sections of <chapter>" (_ext/book_web.py) are Korean too.
    assert any(label.startswith("Sections of ") for label in english)
    assert not [label for label in korean if label.startswith("Sections of ")]
    assert any(label.endswith(": 하위 절") for label in korean)
