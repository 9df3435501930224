"""Exercises in the built book: numbered, and their solutions hidden until the reader asks.

Every chapter page whose source has sphinx-exercise solutions is opened in headless
Chromium. Each solution's text must be invisible at first, become visible when its toggle
button is clicked, and hide again on a second click.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = re.compile(r"^(?:`{3,}|:{3,})\{solution(?:-start)?\}", re.MULTILINE)
EXERCISE = re.compile(r"^(?:`{3,}|:{3,})\{exercise(?:-start)?\}", re.MULTILINE)


def _count(path: Path, pattern: re.Pattern) -> int:
    if path.suffix == ".md":
        return len(pattern.findall(path.read_text()))
    cells = json.loads(path.read_text())["cells"]
    return sum(
        len(pattern.findall("".join(c["source"]))) for c in cells if c["cell_type"] == "markdown"
    )


PROSE = """(element) => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll(".math").forEach((math) => math.remove());
  return copy.textContent;
}"""


# Pages with exercises, found in the sources so the list does not depend on the build.
PAGES = [
    path
    for path in sorted((ROOT / "chapters").glob("*/*"))
    if path.suffix in (".ipynb", ".md")
    and ".ipynb_checkpoints" not in path.parts
    and _count(path, SOLUTION)
]


def _url(book_url: str, path: Path) -> str:
    return f"{book_url}/{path.relative_to(ROOT).with_suffix('.html').as_posix()}"


def test_there_are_pages_with_exercises():
    assert PAGES, "no chapter page has exercises with solutions"


@pytest.mark.parametrize(
    "source", PAGES, ids=lambda p: p.relative_to(ROOT / "chapters").as_posix()
)
def test_solutions_are_hidden_until_toggled(page, book_url, source):
    response = page.goto(_url(book_url, source), wait_until="networkidle")
    assert response is not None and response.ok, f"{source.name} was not built"

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

    assert page.outside_requests == []
