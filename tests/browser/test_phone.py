"""The book on a phone: a 390 x 844 CSS-px screen (an iPhone 12-15), touch, 3 device pixels
per CSS pixel.

* No page scrolls sideways as a whole (wide equations, code and tables scroll in their own
  boxes).
* Every figure's text can be read. The threshold is 10 CSS px, the one the book already
  holds its figures to at a 1280-px window (issue 11; tests/test_figures_*.py check it with
  tests/figure_text.py): a CSS pixel is defined as a visual angle, so 10 CSS px on a phone
  held at reading distance look as big as 10 CSS px on a desktop screen. Shrunk into the
  phone's 358-px column, the book's 100-dpi figures (336-707 px wide) show their 10-11 pt
  labels at 7-9 px, so a figure shown smaller than its natural size must open at full
  size with one tap (_ext/figure_zoom.js). At its natural size a figure obeys the
  1280-px rule: its smallest text is at least 10 px (the column there is 700 px; a wider
  figure is shrunk at 1280 px too, so its natural text is larger still).

Run after `make book`. Screenshots of every page at phone width, and of one figure opened
at full size, go to _build/screenshots/phone/ (in CSS pixels: the page is laid out and
drawn at 3 device pixels per CSS pixel, and the picture is scaled to 390 px wide; a whole
long page at 1170 px wide took Chromium 8-17 s to capture and encode, 2-3 s this way).

One phone (one context and one tab) reads every page in turn, as a reader follows the
book's links: the tab is set up once, not once per page.
"""

from __future__ import annotations

import pytest
from book_site import SCREENSHOTS, keep_screenshot, toc_docnames
from figure_text import COLUMN_PX

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
MIN_TEXT_PX = 10.0  # CSS px, as at 1280 px (see the module docstring)
SHOTS = SCREENSHOTS / "phone"
PAGES = toc_docnames()

# Every figure image of the article, as laid out now: its natural and rendered widths.
FIGURES = """() => [...document.querySelectorAll("article.bd-article figure > img")].map(
  (img, i) => ({
    i, natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
    src: (img.currentSrc || img.src).slice(0, 200),
  }))"""
# Lazy images are loaded now, and the layout has settled.
ALL_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach((img) => { if (img.loading === "lazy") img.loading = "eager"; });
  await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
    img.addEventListener("load", done); img.addEventListener("error", done);
  })));
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""
ZOOMED = """() => {
  const dialog = document.querySelector("dialog.figure-zoom");
  if (!dialog || !dialog.open) return null;
  const img = dialog.querySelector("img");
  const box = dialog.querySelector(".figure-zoom-box");
  return {
    natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
    src: (img.currentSrc || img.src).slice(0, 200), alt: img.alt,
    scrollable: box.scrollWidth >= Math.round(img.getBoundingClientRect().width),
  };
}"""


# See the module docstring; JPEG as for the desktop screenshots (test_pages.py).
SHOT = {"scale": "css", "type": "jpeg", "quality": 90}


def _shot_name(docname: str, suffix: str = "") -> str:
    return docname.replace("/", "__") + suffix + ".jpg"


def _smallest_text_bound(natural: float, shown: float) -> float:
    """A lower bound for the smallest text of a figure shown `shown` px wide, from the
    1280-px rule: at min(natural, COLUMN_PX) px wide its smallest text is >= 10 px."""
    return 10.0 * shown / min(natural, COLUMN_PX)


@pytest.fixture(scope="module")
def phone_tab(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture()
def phone(phone_tab):
    """The phone's tab, with no script error recorded yet (each test opens its own page)."""
    phone_tab.errors.clear()
    yield phone_tab


@pytest.mark.parametrize("docname", PAGES)
def test_page_fits_a_phone_and_its_figures_can_be_read(phone, book_url, docname):
    phone.goto(f"{book_url}/{docname}.html", wait_until="load")
    phone.evaluate(ALL_IMAGES)
    problems = []

    width = phone.evaluate("document.documentElement.scrollWidth")
    if width > 390:
        wide = phone.evaluate(
            """() => [...document.querySelectorAll("article.bd-article *")]
              .filter((e) => e.getBoundingClientRect().right > 391)
              .filter((e) => !e.parentElement.closest("article.bd-article *")
                || e.parentElement.getBoundingClientRect().right <= 391)
              .slice(0, 5).map((e) => e.tagName + "." + e.className)"""
        )
        problems.append(f"the page is {width} px wide on a 390-px screen: {wide}")

    keep_screenshot(phone, SHOTS / _shot_name(docname), full_page=True, **SHOT)

    for figure in phone.evaluate(FIGURES):
        if figure["natural"] == 0:
            problems.append(f"figure {figure['i']} not loaded: {figure['src']}")
            continue
        if _smallest_text_bound(figure["natural"], figure["shown"]) >= MIN_TEXT_PX:
            continue  # legible as it is
        image = phone.locator("article.bd-article figure > img").nth(figure["i"])
        image.scroll_into_view_if_needed()
        image.tap()
        zoomed = phone.evaluate(ZOOMED)
        if zoomed is None:
            problems.append(
                f"figure {figure['i']} is shown {figure['shown']:.0f} of "
                f"{figure['natural']} px wide (text below {MIN_TEXT_PX:.0f} px) and a tap "
                "does not open it at full size"
            )
            continue
        text = _smallest_text_bound(zoomed["natural"], zoomed["shown"])
        if text < MIN_TEXT_PX or not zoomed["scrollable"]:
            problems.append(f"figure {figure['i']} opened at {zoomed} (text >= {text:.1f} px)")
        if zoomed["src"] != figure["src"] or not zoomed["alt"]:
            problems.append(f"figure {figure['i']} opened another image or no alt: {zoomed}")
        if figure["i"] == 0:
            keep_screenshot(phone, SHOTS / _shot_name(docname, "__zoom"), **SHOT)
        phone.keyboard.press("Escape")
        if phone.evaluate(ZOOMED) is not None:
            problems.append(f"figure {figure['i']}: Escape does not close the full-size view")

    if phone.errors:
        problems.append(f"script errors: {phone.errors}")
    assert not problems, f"{docname} at 390 px:\n  " + "\n  ".join(problems)


def test_full_size_button_is_there_only_when_a_figure_is_shrunk(browser, book_url):
    """The 'Full size' button shows on a phone (figure shrunk) and not at 1280 px."""
    docname = "chapters/01_norms/unit_balls"
    seen = {}
    for name, options in {
        "phone": PHONE,
        "desktop": {"viewport": {"width": 1280, "height": 900}},
    }.items():
        context = browser.new_context(**options)
        try:
            page = context.new_page()
            page.goto(f"{book_url}/{docname}.html", wait_until="load")
            page.evaluate(ALL_IMAGES)
            seen[name] = page.evaluate(
                """() => [...document.querySelectorAll("article.bd-article figure > img")]
                  .map((img) => {
                    const b = img.parentElement.querySelector(":scope > .figure-zoom-open");
                    return {shrunk: img.getBoundingClientRect().width < 0.95 * img.naturalWidth,
                            button: b !== null && !b.hidden && b.offsetWidth > 0};
                  })"""
            )
            if name == "phone":
                button = page.locator(".figure-zoom-open:visible").first
                button.tap()
                assert page.evaluate(ZOOMED) is not None, "the Full size button opens nothing"
                page.locator("dialog.figure-zoom .figure-zoom-close").tap()
                assert page.evaluate(ZOOMED) is None, "the Close button does not close"
        finally:
            context.close()
    assert seen["phone"] and all(f["button"] == f["shrunk"] for f in seen["phone"]), seen
    assert any(f["shrunk"] for f in seen["phone"]), seen["phone"]
    assert all(f["button"] == f["shrunk"] for f in seen["desktop"]), seen["desktop"]
