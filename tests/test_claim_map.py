"""The claim map (claims.md): every claim of the source note, its verdict, and a working link.

The claim IDs and verdicts are in ``tests/claims.txt`` (a copy of the project's CLAIMS.md,
which is not part of this repository). Two kinds of checks:

* on the sources (run by ``make unit``): claims.md has one row per ID with the right verdict
  and a ``{ref}`` role to ``claim-<id>``, and the chapters define each ``claim-<id>``
  admonition exactly once, with the same verdict in its title;
* on the built HTML (``_build/html``, or the folder in ``$BOOK_HTML``): each ID of
  claims.html links to a page of a chapter that has the anchor, inside the admonition of that
  claim. These need the book to be built, so they carry the ``browser`` mark and run in
  ``make browser``, after ``make build-strict``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
CLAIM_MAP = ROOT / "claims.md"
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
VERDICTS = ("right", "loose", "wrong")

# The built-HTML checks need `make build-strict` first; `make test` runs the `browser`-marked
# tests after the build, so they use that mark.
needs_built_book = pytest.mark.browser


def _read_claims() -> dict[str, str]:
    claims = {}
    for line in (Path(__file__).parent / "claims.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            claim_id, verdict = line.split()
            claims[claim_id] = verdict
    return claims


CLAIMS = _read_claims()


def _anchor(claim_id: str) -> str:
    return f"claim-{claim_id.lower()}"


def _map_rows() -> list[str]:
    """The rows of the list-tables of claims.md (each starts with ``* - ``)."""
    text = CLAIM_MAP.read_text()
    return re.split(r"^\* - ", text, flags=re.MULTILINE)[1:]


def _chapter_markdown() -> list[tuple[str, str]]:
    """(where, markdown text) for every markdown cell of the chapters and every .md page."""
    found = []
    for path in sorted((ROOT / "chapters").rglob("*")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        rel = str(path.relative_to(ROOT))
        if path.suffix == ".md":
            found.append((rel, path.read_text()))
        elif path.suffix == ".ipynb":
            cells = json.loads(path.read_text())["cells"]
            for i, cell in enumerate(cells):
                if cell["cell_type"] == "markdown":
                    found.append((f"{rel} cell {i}", "".join(cell["source"])))
    return found


# ------------------------------------------------------------------------------------------
# sources
# ------------------------------------------------------------------------------------------
def test_the_claim_list_is_the_one_of_the_source_note():
    expected = (
        [f"N{i}" for i in range(1, 9)]
        + [f"LO{i}" for i in range(1, 10)]
        + [f"R{i}" for i in range(1, 13)]
    )
    assert list(CLAIMS) == expected
    assert set(CLAIMS.values()) <= set(VERDICTS)


@pytest.mark.parametrize("claim_id", list(CLAIMS))
def test_the_claim_map_has_one_row_with_the_verdict_and_a_link(claim_id):
    role = re.compile(r"\{ref\}`\s*" + claim_id + r"\s*<" + _anchor(claim_id) + r">`")
    rows = [row for row in _map_rows() if role.search(row)]
    assert len(rows) == 1, f"claims.md needs exactly one row linking {{ref}}`{claim_id} <...>`"
    verdicts = re.findall(r"\*\*(right|loose|wrong)\*\*", rows[0])
    assert verdicts == [CLAIMS[claim_id]], (
        f"{claim_id}: the row of claims.md gives {verdicts}, the verdict is {CLAIMS[claim_id]}"
    )


def test_the_claim_map_links_only_known_claims():
    linked = re.findall(r"<claim-([a-z0-9]+)>`", CLAIM_MAP.read_text())
    unknown = sorted(set(linked) - {c.lower() for c in CLAIMS})
    assert not unknown, f"claims.md links claims that do not exist: {unknown}"


@pytest.mark.parametrize("claim_id", list(CLAIMS))
def test_a_chapter_teaches_the_claim_in_exactly_one_admonition(claim_id):
    name = re.compile(r"^\s*:name:\s*" + _anchor(claim_id) + r"\s*$", re.MULTILINE)
    places = []
    for where, text in _chapter_markdown():
        for match in name.finditer(text):
            before = text[: match.start()].splitlines()
            opening = next((line for line in reversed(before) if "{admonition}" in line), "")
            places.append((where, opening))
    assert places, f"no chapter defines the admonition `:name: {_anchor(claim_id)}` yet"
    assert len(places) == 1, f"{claim_id} is defined more than once: {places}"
    where, opening = places[0]
    title = re.search(r"claim\s+(\S+)\s+\((right|loose|wrong)\)", opening)
    assert title, f"{where}: the admonition title should read 'claim {claim_id} (<verdict>)'"
    assert title.group(1) == claim_id, f"{where}: title names {title.group(1)}"
    assert title.group(2) == CLAIMS[claim_id], (
        f"{where}: the chapter says {claim_id} is {title.group(2)}, the claim map says "
        f"{CLAIMS[claim_id]}"
    )


# ------------------------------------------------------------------------------------------
# built HTML
# ------------------------------------------------------------------------------------------
_soups: dict[Path, BeautifulSoup] = {}


def _soup(path: Path) -> BeautifulSoup:
    if path not in _soups:
        _soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return _soups[path]


def _claims_page() -> BeautifulSoup:
    page = HTML / "claims.html"
    if not page.exists():
        pytest.fail(f"{page} not found: build the book first (`make build-strict`)")
    return _soup(page)


@needs_built_book
@pytest.mark.parametrize("claim_id", list(CLAIMS))
def test_the_built_claim_map_links_to_the_claim_in_a_chapter(claim_id):
    links = [a for a in _claims_page().find_all("a") if a.get_text(strip=True) == claim_id]
    assert len(links) == 1, (
        f"claims.html has {len(links)} links labelled {claim_id} (an unresolved {{ref}} is "
        "rendered without a link)"
    )
    href = links[0].get("href", "")
    url = urlsplit(href)
    assert not url.scheme and not url.netloc, f"{claim_id} links outside the book: {href}"
    assert url.fragment == _anchor(claim_id), f"{claim_id} links to #{url.fragment}"
    target = (HTML / unquote(url.path)).resolve()
    assert target.is_file(), f"{claim_id} links to a page that was not built: {href}"
    rel = target.relative_to(HTML.resolve())
    assert rel.parts[0] == "chapters", f"{claim_id} should link into a chapter, not {rel}"

    element = _soup(target).find(id=url.fragment)
    assert element is not None, f"{rel} has no element with id {url.fragment!r}"
    admonition = element if "admonition" in element.get("class", []) else None
    admonition = admonition or element.find_parent(class_="admonition")
    assert admonition is not None, f"#{url.fragment} in {rel} is not in an admonition"
    title = admonition.find(class_="admonition-title")
    assert title is not None and re.search(rf"claim {claim_id}\b", title.get_text()), (
        f"the admonition at {rel}#{url.fragment} is not titled with claim {claim_id}"
    )
