"""What a reader expects of a Jupyter Book, checked on the built site.

The notebook download, copy buttons on code, search (offline), edit/issue links to the
repository, the licence and run-it-yourself pages, links that resolve, numbered figures
and equations that the prose refers to, and no asset fetched from another site.
"""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from book_site import HTML, ROOT, goto, open_page, source_of, toc_docnames
from bs4 import BeautifulSoup

PAGES = toc_docnames()
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf8"))
REPO = CONFIG["repository"]["url"].rstrip("/")
BRANCH = CONFIG["repository"]["branch"]
NOTEBOOK_PAGES = [d for d in PAGES if (s := source_of(d)) is not None and s.suffix == ".ipynb"]


def _soup(docname: str) -> BeautifulSoup:
    return BeautifulSoup((HTML / f"{docname}.html").read_text(encoding="utf8"), "html.parser")


@pytest.fixture(scope="module")
def soups():
    return {d: _soup(d) for d in PAGES if (HTML / f"{d}.html").exists()}


def test_the_book_has_the_reader_pages():
    for name, words in {
        "run_it_yourself": ["git clone", "make lab", "make outputs", "make test"],
        "license": ["CC BY 4.0", "MIT", "LICENSE"],
    }.items():
        assert name in PAGES, f"{name} is not in _toc.yml"
        text = " ".join(_soup(name).find("article").get_text(" ").split())
        for word in words:
            assert word in text, f"{name}: {word!r} missing"


def test_every_page_names_its_licence_and_links_to_edit_and_issues(soups):
    for docname, soup in soups.items():
        hrefs = {a.get("href", "") for a in soup.find_all("a")}
        source = source_of(docname).relative_to(ROOT).as_posix()
        assert f"{REPO}/edit/{BRANCH}/{source}" in hrefs, f"{docname}: no edit link"
        assert any(h.startswith(f"{REPO}/issues/new") for h in hrefs), f"{docname}: no issue link"
        assert "https://creativecommons.org/licenses/by/4.0/" in hrefs, f"{docname}: no licence"


def test_every_page_declares_its_icon(soups):
    """Without <link rel="icon">, browsers ask for /favicon.ico: a 404 in the console."""
    for docname, soup in soups.items():
        icon = soup.find("link", rel="icon")
        assert icon is not None, f"{docname}: no favicon"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), icon["href"]))
        assert (HTML / target).is_file(), f"{docname}: {icon['href']} does not exist"


def test_no_page_loads_anything_from_another_site(soups):
    """Scripts, styles, images and frames are local (links to other sites are fine)."""
    for docname, soup in soups.items():
        outside = [
            f"<{tag.name} {attr}={tag[attr]}>"
            for tag in soup.find_all(["script", "link", "img", "iframe", "source", "video"])
            for attr in ("src", "href")
            if tag.has_attr(attr)
            and (tag.name != "link" or {"stylesheet", "preload", "icon"} & set(tag.get("rel", [])))
            and urlsplit(tag[attr]).scheme in ("http", "https", "")
            and urlsplit(tag[attr]).netloc
        ]
        assert outside == [], f"{docname} loads from elsewhere: {outside}"


def test_links_inside_the_book_resolve(soups):
    """Every internal link (cross-references included) reaches an existing page and anchor."""
    ids: dict[str, set[str]] = {}

    def ids_of(path: str) -> set[str] | None:
        if path not in ids:
            file = HTML / path
            if not file.is_file():
                return None
            soup = soups.get(path.removesuffix(".html")) or BeautifulSoup(
                file.read_text(encoding="utf8"), "html.parser"
            )  # a toc page is parsed once, for every test
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)}
        return ids[path]

    broken = []
    for docname, soup in soups.items():
        here = f"{docname}.html"
        for a in soup.select("a.reference.internal[href], a.headerlink[href]"):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = (
                here
                if not parts.path
                else posixpath.normpath(
                    posixpath.join(posixpath.dirname(here), unquote(parts.path))
                )
            )
            found = ids_of(target)
            if found is None:
                if not (HTML / target).exists():  # downloads (.ipynb, .py) are files too
                    broken.append(f"{docname}: {href} (no such page)")
            elif parts.fragment and unquote(parts.fragment) not in found:
                broken.append(f"{docname}: {href} (no such anchor)")
    assert broken == []


def test_numbered_figures_and_equations_are_referenced_from_the_prose(soups):
    numbered: dict[str, str] = {}  # "page#id" -> what it is
    referenced: set[str] = set()
    for docname, soup in soups.items():
        here = f"{docname}.html"
        for figure in soup.find_all("figure", id=True):
            if figure.find(class_="caption-number"):
                number = figure.find(class_="caption-number").get_text(strip=True)
                numbered[f"{here}#{figure['id']}"] = number
        for equation in soup.select("div.math[id]"):
            if equation.find(class_="eqno"):
                number = equation.find(class_="eqno").get_text(strip=True).rstrip("#")
                numbered[f"{here}#{equation['id']}"] = f"Eq. {number}"
        for a in soup.select("a.reference.internal[href]"):
            parts = urlsplit(a["href"])
            if not parts.fragment:
                continue
            path = (
                here
                if not parts.path
                else posixpath.normpath(
                    posixpath.join(posixpath.dirname(here), unquote(parts.path))
                )
            )
            referenced.add(f"{path}#{unquote(parts.fragment)}")
    assert any(v.startswith("Fig") for v in numbered.values()), "no numbered figure"
    assert any(v.startswith("Eq.") for v in numbered.values()), "no numbered equation"
    unreferenced = sorted(
        f"{what} ({key})" for key, what in numbered.items() if key not in referenced
    )
    assert unreferenced == [], "numbered but never referenced from the prose:\n" + "\n".join(
        unreferenced
    )


@pytest.mark.skipif(not NOTEBOOK_PAGES, reason="no notebook page yet")
def test_notebook_pages_offer_their_ipynb(soups, tab, book_url):
    page = tab
    for docname in NOTEBOOK_PAGES:
        links = [a["href"] for a in soups[docname].select("a.btn-download-source-button[href]")]
        assert any(h.endswith(f"_sources/{docname}.ipynb") for h in links), docname

    docname = NOTEBOOK_PAGES[0]
    goto(page, book_url, docname)  # the menu works once the theme's scripts have run
    page.locator(".dropdown-download-buttons > button").click()
    link = page.locator("a.btn-download-source-button")
    link.wait_for(state="visible", timeout=2000)
    assert link.inner_text().strip() == ".ipynb"
    response = page.request.get(f"{book_url}/_sources/{docname}.ipynb")
    assert response.ok
    notebook = json.loads(response.body())
    assert notebook["nbformat"] == 4 and notebook["cells"]
    assert page.console_errors == [] and page.outside_requests == []


@pytest.mark.skipif(not NOTEBOOK_PAGES, reason="no notebook page yet")
def test_copy_button_copies_the_code(browser, book_url):
    context, page = open_page(browser, book_url)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=book_url)
        goto(page, book_url, NOTEBOOK_PAGES[0])  # copy buttons come with the theme's scripts
        block = page.locator("div.cell_input div.highlight").first
        block.hover()
        # Found by its role and accessible name, as a screen reader finds it.
        button = block.get_by_role("button", name=re.compile("copy", re.IGNORECASE))
        button.wait_for(state="visible", timeout=2000)
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == block.locator("pre").inner_text().strip()
        assert page.console_errors == [] and page.outside_requests == []
    finally:
        context.close()


def test_search_works_offline(tab, book_url):
    page = tab
    page.goto(f"{book_url}/search.html?q=norm", wait_until="load")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=10000)
    hrefs = [
        urlsplit(results.nth(i).locator("a").first.get_attribute("href")).path
        for i in range(results.count())
    ]
    assert any(h.removesuffix(".html") in PAGES for h in hrefs), hrefs
    assert page.console_errors == []
    assert page.outside_requests == []
    assert page.bad_responses == []
