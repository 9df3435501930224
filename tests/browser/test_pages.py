"""Every page of the book, as a reader with no network meets it, in headless Chromium.

The pages come from `_toc.yml` and, for the Korean edition under `ko/`, from `ko/_toc.yml`
(a new chapter is picked up with no change here), and a test fails if a build holds a
content page its toc does not list, or misses one it does.
For every page of both editions: no console error, no request leaving 127.0.0.1 and no
local request that fails, every equation typeset when the book was built (MathML, as many
as the source has, no render error, no raw `$…$` or `\\(` left, no math JavaScript), every image
loaded and described by alt text, no serious or critical axe-core violation, a first
visit within 1.0 MB and 25 requests, and, with `make screenshots`, a screenshot in
`_build/screenshots/`. Each Korean page is also in Korean, links to its English page and
back, and its Korean web font has every Hangul syllable it shows. Pages with
interactive figures (`figure.slider-figure`) are driven by keyboard, in both editions. In
the English edition, exercises are numbered and their solutions hidden until toggled, and
pages with figures are also checked in the theme's dark mode (no white boxes).

Each page is loaded once (the `visit` fixture, tests/browser/conftest.py): its checks run in
the order written here, read-only ones first, those that click next, dark mode last. A
Korean page is named by its path below the site root (`ko/intro`), so that its source
(`ko/intro.md`, for the equation count) and its built file are found the same way.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from book_site import (
    HTML,
    ROOT,
    SCREENSHOTS,
    axe_serious,
    goto,
    keep_screenshot,
    source_equations,
    source_of,
    toc_docnames,
)

from tests.test_i18n import HANGUL

PAGES = toc_docnames()
KO_TOC = ROOT / "ko" / "_toc.yml"
KO_PAGES = [f"ko/{d}" for d in toc_docnames(KO_TOC)] if KO_TOC.exists() else []
EVERY_PAGE = PAGES + KO_PAGES
# Pages Sphinx writes that are not in the toc: the redirect, the index and the search page
# (the search page has its own test in test_reader_comforts.py).
GENERATED = {"index", "genindex", "search", "py-modindex"}
# A first visit with an empty cache, everything the page asks for (theme assets, fonts and
# every image, lazy ones included) stays within these (issue 17).
FIRST_VISIT_BYTES = 1_000_000
FIRST_VISIT_REQUESTS = 25
# Dark mode, "no white box": a figure with the box around it must have a mean luminance
# (0-255) below 80 and fewer than 10 % of its pixels brighter than 180. Measured: inverted
# plots have a mean of 22-55 and under 1 % bright pixels; the theme's light output box
# around a slider figure gave a mean of 103 and 41 % bright pixels.
DARK_MAX_LUMINANCE = 80
DARK_MAX_BRIGHT_SHARE = 0.10
# No axe rule is disabled: every finding that was serious or critical was fixed at its source
# (see _ext/book_web.py for the bibliography roles). How axe is run: book_site.axe_serious.


def _built(docname: str) -> str:
    path = HTML / f"{docname}.html"
    return path.read_text(encoding="utf8") if path.exists() else ""


SLIDER_PAGES = [d for d in EVERY_PAGE if 'class="slider-figure"' in _built(d)]
FIGURE_PAGES = [
    d
    for d in PAGES
    if re.search(r'<img[^>]*(class="slider-figure-frame"|src="[./]*_images/)', _built(d))
]
FIRST_LOOK = "chapters/00_first_look/first_look"

# Exercises and solutions (sphinx-exercise), counted in the sources, so that the list of
# pages to check does not depend on the build.
SOLUTION = re.compile(r"^(?:`{3,}|:{3,})\{solution(?:-start)?\}", re.MULTILINE)
EXERCISE = re.compile(r"^(?:`{3,}|:{3,})\{exercise(?:-start)?\}", re.MULTILINE)


def _count(path, pattern: re.Pattern) -> int:
    if path.suffix == ".md":
        return len(pattern.findall(path.read_text(encoding="utf8")))
    cells = json.loads(path.read_text(encoding="utf8"))["cells"]
    return sum(
        len(pattern.findall("".join(c["source"]))) for c in cells if c["cell_type"] == "markdown"
    )


SOLUTION_PAGES = [
    path.relative_to(ROOT).with_suffix("").as_posix()
    for path in sorted((ROOT / "chapters").glob("*/*"))
    if path.suffix in (".ipynb", ".md")
    and ".ipynb_checkpoints" not in path.parts
    and _count(path, SOLUTION)
]


def _shot(docname: str, suffix: str = "") -> dict:
    """`page.screenshot` options for a whole-page screenshot of `docname`, for a person to look
    at. JPEG at quality 90: as readable, and Chromium encodes a 1280 x 30000 px page in half
    the time it takes for PNG (the longest pages: 2.6 s against 5.4 s)."""
    path = SCREENSHOTS / (docname.replace("/", "__") + suffix + ".jpg")
    return {"path": path, "full_page": True, "type": "jpeg", "quality": 90}


# Math is typeset when the book is built (_ext/build_math.py): each `.math` element holds
# MathML, which the browser draws and screen readers read. Raw TeX is looked for in every
# visible text node outside code.
MATH_REPORT = r"""() => {
  const article = document.querySelector("article.bd-article") || document.body;
  const maths = [...article.querySelectorAll(".math")];
  const untypeset = maths.filter((m) => !m.querySelector("math"))
    .map((m) => m.textContent.trim().slice(0, 80));
  const errors = [...document.querySelectorAll(".math-error, .temml-error, merror")]
    .map((e) => e.getAttribute("title") || e.textContent.slice(0, 80));
  const unpainted = maths.filter((m) => m.getBoundingClientRect().width === 0 &&
    m.closest("details:not([open]), .toggle-hidden, [hidden]") === null).length;
  const skip = "pre, code, kbd, samp, script, style, textarea, .highlight";
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest(skip)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const tex = /\$[^$\n]+\$|\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\\[a-zA-Z]{2,}\{?/;
  const raw = [];
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent;
    if (tex.test(text)) raw.push(text.trim().slice(0, 120));
  }
  return {
    math: maths.length, untypeset, errors, raw, unpainted,
    scripts: [...document.scripts].map((s) => s.src)
      .filter((src) => /mathjax|katex|temml/i.test(src)),
  };
}"""

IMAGE_REPORT = """() => [...document.images].map((img) => ({
  src: (img.getAttribute("src") || "").slice(0, 80),
  width: img.naturalWidth,
  alt: (img.getAttribute("alt") || "").trim(),
}))"""


# Icons are Font Awesome's webfont glyphs (its script is not loaded; see
# _ext/page_assets.py, which cuts the fonts to the icons used): each <i class="fa-…">
# reports the character its ::before draws and the font face it asks for.
ICON_REPORT = """() => [...document.querySelectorAll("i[class*='fa-']")].map((i) => {
  const before = getComputedStyle(i, "::before");
  return {
    icon: i.className, content: before.content,
    family: before.fontFamily, weight: before.fontWeight,
  };
})"""
FA_FONTS = {  # (family, weight) as Font Awesome's CSS asks -> the webfont served
    ("Font Awesome 6 Free", "900"): "fa-solid-900",
    ("Font Awesome 6 Free", "400"): "fa-regular-400",
    ("Font Awesome 6 Brands", "400"): "fa-brands-400",
}


def _site(docname: str) -> Path:
    """The root folder of the edition that `docname` belongs to."""
    return HTML / "ko" if docname.startswith("ko/") else HTML


@functools.cache
def _font_codepoints(site: Path, stem: str) -> frozenset[int]:
    """The characters the Font Awesome font `stem` served by `site` has a glyph for."""
    from fontTools.ttLib import TTFont

    webfonts = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    served = sorted(webfonts.glob(f"{stem}*.woff*"), key=lambda p: "subset" not in p.name)
    return frozenset(TTFont(served[0]).getBestCmap()) if served else frozenset()


def _undrawn_icons(icons: list[dict], site: Path) -> list[str]:
    """Icons whose character is missing from the font their CSS asks for (served by `site`)."""
    undrawn = []
    for icon in icons:
        text = icon["content"].strip('"')
        family = next((f for f, _ in FA_FONTS if f in icon["family"]), None)
        stem = FA_FONTS.get((family, icon["weight"]))
        if len(text) != 1 or stem is None or ord(text) not in _font_codepoints(site, stem):
            undrawn.append(f"{icon['icon']} ({icon['content']!r} in {icon['family']})")
    return undrawn


def _page_bytes(urls: list[str]) -> tuple[int, int]:
    """(bytes the page adds, bytes of shared `_static/` assets), from the files served."""
    own = shared = 0
    for url in set(urls):
        path = unquote(urlsplit(url).path).lstrip("/") or "index.html"
        file = HTML / path
        if path.endswith("/"):
            file = file / "index.html"
        size = file.stat().st_size if file.is_file() else 0
        path = path.removeprefix("ko/")  # each edition has its own assets
        if path.startswith("_static/") or path == "searchindex.js":
            shared += size
        else:
            own += size
    return own, shared


def _built_pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).with_suffix("").as_posix()
        for p in site.rglob("*.html")
        # ko/ is the Korean edition, compared with its own toc
        if not p.relative_to(site).parts[0].startswith("_")
        and p.relative_to(site).parts[0] != "ko"
    } - GENERATED


def test_the_toc_pages_are_exactly_the_built_pages():
    built = _built_pages(HTML)
    missing = [d for d in PAGES if d not in built]
    # A page whose source is gone is a leftover of an earlier build, not part of the book.
    untested = sorted(d for d in built - set(PAGES) if source_of(d) is not None)
    assert not missing, f"pages in _toc.yml that were not built: {missing}"
    assert not untested, f"built pages that _toc.yml does not list (not tested): {untested}"
    assert PAGES == toc_docnames(), "the toc changed after the tests were collected"


def test_the_korean_toc_pages_are_exactly_the_built_korean_pages():
    if not (HTML / "ko" / "intro.html").exists() and not os.environ.get("BOOK_KO_REQUIRED"):
        pytest.skip(f"no Korean build in {HTML / 'ko'} (`make book-ko`)")
    assert KO_PAGES, f"no Korean toc: {KO_TOC}"
    built = {f"ko/{d}" for d in _built_pages(HTML / "ko")}
    missing = [d for d in KO_PAGES if d not in built]
    untested = sorted(d for d in built - set(KO_PAGES) if source_of(d) is not None)
    assert not missing, f"pages in ko/_toc.yml that were not built: {missing}"
    assert not untested, f"built Korean pages that ko/_toc.yml does not list: {untested}"


@pytest.mark.parametrize("visit", EVERY_PAGE, indirect=True)
def test_page_works_offline_and_is_accessible(visit, book_url):
    page, docname = visit, visit.docname
    problems: list[str] = []
    if page.response is None or not page.response.ok:
        problems.append(f"the page did not load: {page.response and page.response.status}")

    math = page.evaluate(MATH_REPORT)
    if math["untypeset"]:
        problems.append(f"math not typeset at build time: {math['untypeset']}")
    if math["errors"]:
        problems.append(f"math render errors: {math['errors']}")
    if math["raw"]:
        problems.append(f"raw TeX left in the text: {math['raw']}")
    if math["unpainted"]:
        problems.append(f"{math['unpainted']} visible equations have no width")
    if math["scripts"]:
        problems.append(f"math JavaScript loaded: {math['scripts']}")
    expected = source_equations(docname)
    if math["math"] != expected:
        problems.append(f"{math['math']} equations on the page, {expected} in the source")

    undrawn = _undrawn_icons(page.evaluate(ICON_REPORT), _site(docname))
    if undrawn:
        problems.append(f"icons with no glyph in the served font: {undrawn}")

    for image in page.evaluate(IMAGE_REPORT):
        if image["width"] == 0:
            problems.append(f"image not loaded: {image['src']}")
        if not image["alt"]:
            problems.append(f"image without alt text: {image['src']}")

    if docname in PAGES:  # the Korean pages: by test_korean_page_is_korean_…
        keep_screenshot(page, **_shot(docname))

    own, shared = _page_bytes(page.local_urls)
    requests = len(page.local_urls) + len(page.bad_responses)
    weights = SCREENSHOTS / "weights.json"
    weights.parent.mkdir(parents=True, exist_ok=True)
    record = json.loads(weights.read_text()) if weights.exists() else {}
    record[docname] = {"page_bytes": own, "shared_bytes": shared, "requests": requests}
    weights.write_text(json.dumps(record, indent=1, sort_keys=True))
    if own + shared > FIRST_VISIT_BYTES or requests > FIRST_VISIT_REQUESTS:
        problems.append(
            f"first visit: {own + shared} bytes in {requests} requests (budget "
            f"{FIRST_VISIT_BYTES} bytes, {FIRST_VISIT_REQUESTS} requests)"
        )

    # The page's own traffic is judged before axe-core runs: axe fetches the style
    # sheets again to read them, and resolves pydata-sphinx-theme's `@import
    # "../basic.css"` against the page instead of the sheet (a 404 of axe's own).
    if page.console_errors:
        problems.append(f"console errors: {page.console_errors}")
    if page.outside_requests:
        problems.append(f"requests outside 127.0.0.1: {page.outside_requests}")
    if page.bad_responses:
        problems.append(f"failed local requests: {page.bad_responses}")
    page.traffic_judged = (len(page.console_errors), len(page.bad_responses))

    problems += axe_serious(page)

    assert not problems, f"{docname}:\n  " + "\n  ".join(problems)


def _new_trouble(page) -> list[str]:
    """Console errors, outside requests and failed local requests since the load was judged."""
    errors, bad = getattr(page, "traffic_judged", (0, 0))
    return page.console_errors[errors:] + page.outside_requests + page.bad_responses[bad:]


@functools.cache
def _web_font_characters(url: str) -> set[int]:
    """The characters the web font at `url` has a glyph for (its own character map)."""
    import urllib.request

    from fontTools.ttLib import TTFont

    with urllib.request.urlopen(url) as response:
        return set(TTFont(io.BytesIO(response.read())).getBestCmap())


@pytest.mark.parametrize("visit", KO_PAGES, indirect=True)
def test_korean_page_is_korean_switches_and_misses_no_glyph(visit, book_url):
    """A Korean page is in Korean, links to its English page and back, and the served
    Korean web font has every Hangul syllable it shows (and is used)."""
    from bs4 import BeautifulSoup

    from lib.i18n import KOREAN_FONT_NAME

    page, docname = visit, visit.docname.removeprefix("ko/")
    url = f"{book_url}/ko/{docname}.html"
    assert page.get_attribute("html", "lang") == "ko"
    link = page.locator("nav.language-switch a")
    assert link.get_attribute("hreflang") == "en"
    assert urljoin(url, link.get_attribute("href")) == f"{book_url}/{docname}.html"
    text = page.inner_text("body") + "".join(
        page.locator("script.slider-figure-data").all_text_contents()
    )
    assert HANGUL.search(text), "no Korean on the page"
    css = page.evaluate(
        "family => [...document.styleSheets].flatMap(s => [...s.cssRules])"
        ".map(r => r.cssText).filter(t => t.includes(family))",
        KOREAN_FONT_NAME,
    )
    font_url = re.search(r'url\("?([^")]+\.woff2)', " ".join(css))
    assert font_url, "the Korean web font is not declared"
    sheet = page.evaluate(
        "family => [...document.styleSheets].find(s => [...s.cssRules]"
        ".some(r => r.cssText.includes(family))).href",
        KOREAN_FONT_NAME,
    )
    have = _web_font_characters(urljoin(sheet, font_url[1]))
    missing = sorted({c for c in text if HANGUL.match(c) and ord(c) not in have})
    assert not missing, f"Hangul the web font lacks (would show as boxes): {missing[:20]}"
    used = page.evaluate(
        "family => [...document.fonts].filter(f => f.family.includes(family)).map(f => f.status)",
        KOREAN_FONT_NAME,
    )
    assert "loaded" in used, "the page did not use the self-hosted Korean font"
    assert _new_trouble(page) == []
    shot = SCREENSHOTS / "ko" / f"{docname.replace('/', '_')}.jpg"
    keep_screenshot(page, shot, full_page=True, type="jpeg", quality=90)
    # The round trip: the English page links back to this one (read from its built file).
    english = f"{book_url}/{docname}.html"
    soup = BeautifulSoup((HTML / f"{docname}.html").read_text(encoding="utf8"), "html.parser")
    assert soup.html["lang"] == "en"
    back = soup.select_one("nav.language-switch a")
    assert back["hreflang"] == "ko"
    assert urljoin(english, back["href"]) == url


SLIDER_STATE = """(figure) => {
  const data = JSON.parse(figure.querySelector("script.slider-figure-data").textContent);
  const input = figure.querySelector("input[type=range]");
  const img = figure.querySelector("img.slider-figure-frame");
  const i = Number(input.value);
  return {
    value: i, min: Number(input.min), max: Number(input.max),
    src: img.getAttribute("src"), expected_src: data.frames[data.index[i]],
    loaded: img.complete && img.naturalWidth > 0,
    readout: figure.querySelector("output.slider-figure-readout").textContent,
    expected_readout: data.readouts[i],
    shown: figure.querySelector(".slider-figure-value").textContent,
    valuetext: input.getAttribute("aria-valuetext"),
    label: [...input.labels].map((l) => l.textContent.trim()).join(" ")
      || input.getAttribute("aria-label") || "",
    alt: (img.getAttribute("alt") || "").trim(),
  };
}"""


def _slider_state(page, figure) -> dict:
    """The slider's position, its frame and readout, and what its data says they should be."""
    page.wait_for_function(
        "(f) => { const i = f.querySelector('img.slider-figure-frame');"
        " return i.complete && i.naturalWidth > 0; }",
        arg=figure.element_handle(),
        timeout=2000,
    )
    return figure.evaluate(SLIDER_STATE)


@pytest.mark.parametrize("visit", SLIDER_PAGES, indirect=True)
def test_every_slider_moves_by_keyboard(visit):
    page, docname = visit, visit.docname
    figures = page.locator("figure.slider-figure")
    assert figures.count() > 0
    for n in range(figures.count()):
        figure = figures.nth(n)
        name = f"{docname}, slider figure {n + 1}"

        start = _slider_state(page, figure)
        assert start["label"], f"{name}: the slider has no label"
        assert start["alt"], f"{name}: the frame has no alt text"
        assert start["src"] == start["expected_src"], f"{name}: first frame does not match"
        assert start["readout"] == start["expected_readout"]
        assert start["max"] > start["min"], f"{name}: a slider with one position"

        figure.locator("input[type=range]").focus()
        # One step by keyboard: the value, its label and the readout follow.
        page.keyboard.press("ArrowLeft" if start["value"] == start["max"] else "ArrowRight")
        step = _slider_state(page, figure)
        assert step["value"] != start["value"], f"{name}: ArrowRight did not move the slider"
        assert step["src"] == step["expected_src"], f"{name}: wrong frame after one step"
        assert step["readout"] == step["expected_readout"], f"{name}: wrong readout"
        assert step["readout"] != start["readout"], f"{name}: the readout did not change"
        assert step["shown"] == step["valuetext"] != start["valuetext"]

        # End and Home reach both ends; their frames and readouts differ from each other.
        page.keyboard.press("End")
        end = _slider_state(page, figure)
        assert end["value"] == end["max"], f"{name}: End did not reach the last position"
        assert end["src"] == end["expected_src"] and end["readout"] == end["expected_readout"]
        page.keyboard.press("Home")
        home = _slider_state(page, figure)
        assert home["value"] == home["min"], f"{name}: Home did not reach the first position"
        assert home["src"] == home["expected_src"]
        assert home["readout"] == home["expected_readout"]
        assert end["src"] != home["src"], f"{name}: the first and last frames are the same"
        assert end["readout"] != home["readout"], f"{name}: the readout does not change"

    assert _new_trouble(page) == []


@pytest.mark.parametrize("visit", [FIRST_LOOK], indirect=True)
def test_first_look_slider_turns_b_to_45_degrees(visit):
    """The first look's slider, by keyboard from 0°, shows b at 45° with L1/L2 = sqrt 2."""
    page = visit
    figure = page.locator("figure.slider-figure").first
    slider = figure.locator("input[type=range]")
    image = figure.locator("img.slider-figure-frame")
    readout = figure.locator("output.slider-figure-readout")

    assert figure.locator("label").inner_text() == "angle of b"
    slider.focus()
    page.keyboard.press("Home")
    src_before, text_before = image.get_attribute("src"), readout.inner_text()
    for _ in range(9):  # 0° -> 45° in steps of 5°
        page.keyboard.press("ArrowRight")
    assert image.get_attribute("src") != src_before
    assert readout.inner_text() != text_before
    assert readout.inner_text().startswith("angle 45°")
    assert "L1/L2 = 1.414" in readout.inner_text()
    assert _new_trouble(page) == []


PROSE = """(element) => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll(".math").forEach((math) => math.remove());
  return copy.textContent;
}"""


def test_there_are_pages_with_exercises():
    assert SOLUTION_PAGES, "no chapter page has exercises with solutions"


@pytest.mark.parametrize("visit", SOLUTION_PAGES, indirect=True)
def test_exercises_are_numbered_and_solutions_hidden_until_toggled(visit):
    page, source = visit, source_of(visit.docname)
    assert page.response is not None and page.response.ok, f"{visit.docname} was not built"

    exercises = page.locator("div.exercise")
    assert exercises.count() == _count(source, EXERCISE), "not every exercise was rendered"
    for i in range(exercises.count()):
        number = exercises.nth(i).locator(".admonition-title").inner_text()
        assert re.match(r"Exercise \d+", number.strip()), f"exercise {i} is not numbered: {number}"

    solutions = page.locator("div.solution")
    assert solutions.count() == _count(source, SOLUTION), "not every solution was rendered"
    for i in range(solutions.count()):
        solution = solutions.nth(i)
        title = solution.locator(":scope > .admonition-title")
        body = solution.locator(":scope > :not(.admonition-title)")
        label = title.inner_text().strip()
        assert title.is_visible(), f"the title of {label!r} should be visible"
        assert body.count() > 0, f"{label!r} has no content"
        # Words of the solution's prose, without its equations (MathML's text content
        # reads differently from the drawn formula).
        text = body.first.evaluate(PROSE)
        assert text.strip(), f"{label!r} has no text"
        words = re.findall(r"[A-Za-z]{4,}", text)[:5]
        assert not any(body.nth(j).is_visible() for j in range(body.count())), (
            f"{label!r}: the solution is visible before it is toggled"
        )

        toggle = solution.locator("button.toggle-button").first
        toggle.click()
        body.first.wait_for(state="visible", timeout=2000)
        assert body.first.is_visible()
        shown = body.first.inner_text()
        assert shown.strip(), f"{label!r}: nothing is shown after the toggle"
        assert all(word in shown for word in words), f"{label!r}: {words} not shown"

        toggle.click()
        body.first.wait_for(state="hidden", timeout=2000)

    assert _new_trouble(page) == []


def _bright_figures(page) -> list[str]:
    """Figures that show a light box on the dark page, with how bright they are.

    Each figure is judged with the box around it (its cell output, or its <figure>), so a
    light frame or background from the theme counts as much as a white plot.
    """
    from PIL import Image, ImageStat

    images = page.locator("article.bd-article img")
    bright = []
    for n in range(images.count()):
        image = images.nth(n)
        box = image.bounding_box()
        if box is None or box["width"] < 64 or box["height"] < 64:
            continue  # icons and hidden images
        around = image.locator("xpath=ancestor::*[contains(@class, 'cell_output')][1]")
        if around.count() == 0:
            around = image.locator("xpath=ancestor::figure[1]")
        target = around.first if around.count() else image
        target.scroll_into_view_if_needed()
        shot = Image.open(io.BytesIO(target.screenshot())).convert("L")
        luminance = ImageStat.Stat(shot).mean[0]
        histogram = shot.histogram()
        share = sum(histogram[181:]) / sum(histogram)
        if luminance > DARK_MAX_LUMINANCE or share > DARK_MAX_BRIGHT_SHARE:
            alt = (image.get_attribute("alt") or "")[:60]
            bright.append(f"{alt!r}: mean luminance {luminance:.0f}, {share:.0%} bright pixels")
    return bright


@pytest.mark.parametrize("visit", FIGURE_PAGES, indirect=True)
def test_figures_show_no_light_box_in_dark_mode(visit):
    """The theme's dark mode, switched the way its colour-mode button does (last: it stays)."""
    page = visit
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    assert _bright_figures(page) == [], f"{visit.docname}: a light box around a figure"


@pytest.mark.skipif(not FIGURE_PAGES, reason="no page has a figure yet")
def test_dark_mode_chosen_by_the_reader(dark_page, book_url):
    """The reader's stored choice "dark" is applied; figures, text and controls stay readable.

    One page (the first with an interactive figure, else the first with a figure) is
    opened with the preference stored, screenshotted whole and checked with axe-core; the
    figures of every other page are checked in dark mode by the page test.
    """
    page = dark_page
    docname = (SLIDER_PAGES or FIGURE_PAGES)[0]
    goto(page, book_url, docname)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    keep_screenshot(page, **_shot(docname, "--dark"))
    assert page.console_errors == []
    assert page.outside_requests == []
    assert _bright_figures(page) == []
    assert axe_serious(page) == [], f"{docname} in dark mode"
