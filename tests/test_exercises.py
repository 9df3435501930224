"""Exercises: every chapter has at least four, each with a solution that is hidden by default.

Counted in the sources (the markdown cells of the chapter notebooks and the chapter's .md
pages), as sphinx-exercise directives: ``{exercise}`` / ``{exercise-start}`` open an
exercise, ``{solution}`` / ``{solution-start}`` a solution, which names the exercise label.
The browser test tests/browser/test_exercises.py checks that the built pages hide them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Numbered chapter folders; 00_first_look is the short proof page, not a chapter.
CHAPTERS = sorted(p for p in (ROOT / "chapters").glob("[0-9][0-9]_*") if p.name[:2] != "00")
MIN_EXERCISES = 4

FENCE = r"^(?P<fence>`{3,}|:{3,})\{(?P<kind>exercise|exercise-start|solution|solution-start)\}"
DIRECTIVE = re.compile(
    FENCE + r"[ \t]*(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)
END = re.compile(r"^(`{3,}|:{3,})\{(exercise-end|solution-end)\}", re.MULTILINE)
OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):[ \t]*(?P<value>[^\n]*)$", re.MULTILINE)


def _sources(folder: Path) -> list[tuple[str, str, str]]:
    """(where, kind, text) for every markdown cell or .md page; kind is "markdown" or "code"."""
    found = []
    for path in sorted(folder.rglob("*")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        rel = str(path.relative_to(ROOT))
        if path.suffix == ".md":
            found.append((rel, "markdown", path.read_text()))
        elif path.suffix == ".ipynb":
            for i, cell in enumerate(json.loads(path.read_text())["cells"]):
                found.append((f"{rel} cell {i}", cell["cell_type"], "".join(cell["source"])))
    return found


def _directives(folder: Path) -> list[dict]:
    found = []
    for where, kind, text in _sources(folder):
        if kind != "markdown":
            continue
        for m in DIRECTIVE.finditer(text):
            options = {o["key"]: o["value"].strip() for o in OPTION.finditer(m["body"])}
            found.append({"where": where, "kind": m["kind"], "arg": m["arg"].strip(), **options})
    return found


def _coding_solutions(folder: Path) -> set[str]:
    """Labels of gated solutions (solution-start ... solution-end) that contain a code cell."""
    labels = set()
    for path in sorted(folder.glob("*.ipynb")):
        current = None
        for cell in json.loads(path.read_text())["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "code":
                if current is not None:
                    labels.add(current)
                continue
            events = [
                (m.start(), m["arg"].strip())
                for m in DIRECTIVE.finditer(text)
                if m["kind"] == "solution-start"
            ]
            events += [(m.start(), None) for m in END.finditer(text) if m[2] == "solution-end"]
            for _, label in sorted(events, key=lambda e: e[0]):
                current = label
    return labels


def test_there_are_chapters():
    assert CHAPTERS, "no numbered chapter folders under chapters/"


@pytest.mark.parametrize("folder", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_has_at_least_four_exercises_each_with_a_hidden_solution(folder):
    found = _directives(folder)
    exercises = [d for d in found if d["kind"].startswith("exercise")]
    solutions = [d for d in found if d["kind"].startswith("solution")]
    labels = [d.get("label", "") for d in exercises]
    assert len(exercises) >= MIN_EXERCISES, (
        f"{folder.name}: {len(exercises)} exercises, at least {MIN_EXERCISES} needed"
    )
    assert all(labels), f"{folder.name}: every exercise needs a :label:"
    assert len(set(labels)) == len(labels), f"{folder.name}: duplicate exercise labels {labels}"
    solved = [d["arg"] for d in solutions]
    unsolved = sorted(set(labels) - set(solved))
    assert not unsolved, f"{folder.name}: exercises without a solution: {unsolved}"
    strays = sorted(set(solved) - set(labels))
    assert not strays, f"{folder.name}: solutions of exercises not in this chapter: {strays}"
    shown = [d["arg"] for d in solutions if "dropdown" not in d.get("class", "").split()]
    assert not shown, f"{folder.name}: solutions not hidden (need `:class: dropdown`): {shown}"


@pytest.mark.parametrize("folder", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_mixes_pen_and_paper_and_coding_exercises(folder):
    solutions = [d["arg"] for d in _directives(folder) if d["kind"].startswith("solution")]
    coding = _coding_solutions(folder)
    assert coding, f"{folder.name}: no coding exercise (a gated solution with a code cell)"
    assert set(solutions) - coding, f"{folder.name}: no pen-and-paper exercise"


@pytest.mark.parametrize("folder", CHAPTERS, ids=lambda p: p.name)
def test_gated_directives_are_closed(folder):
    text = "\n".join(t for _, kind, t in _sources(folder) if kind == "markdown")
    for start, end in (("exercise-start", "exercise-end"), ("solution-start", "solution-end")):
        opened = len(re.findall(r"^(?:`{3,}|:{3,})\{" + start + r"\}", text, re.MULTILINE))
        closed = len(re.findall(r"^(?:`{3,}|:{3,})\{" + end + r"\}", text, re.MULTILINE))
        assert opened == closed, f"{folder.name}: {opened} {{{start}}} but {closed} {{{end}}}"


def test_exercise_labels_are_unique_across_the_book():
    labels = [
        d["label"]
        for folder in sorted((ROOT / "chapters").iterdir())
        if folder.is_dir()
        for d in _directives(folder)
        if d["kind"].startswith("exercise") and "label" in d
    ]
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    assert not duplicates, f"exercise labels used twice: {duplicates}"


# Rows for the first half of the book: the teaching guide promises at least four exercises on
# every page, so these pages are counted one by one.
FIRST_HALF_PAGES = [
    "00_first_look/first_look.ipynb",
    "01_norms/norms.ipynb",
    "01_norms/unit_balls.ipynb",
    "02_losses/losses.ipynb",
    "02_losses/outliers.ipynb",
]


@pytest.mark.parametrize("page", FIRST_HALF_PAGES)
def test_each_page_of_the_first_half_has_at_least_four_exercises(page):
    nb = json.loads((ROOT / "chapters" / page).read_text())
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    labels = re.findall(r"^`{3,}\{exercise(?:-start)?\}[^\n]*\n:label:\s*(\S+)", text, re.M)
    solved = set(re.findall(r"^`{3,}\{solution(?:-start)?\}\s*(\S+)", text, re.M))
    assert len(labels) >= MIN_EXERCISES, f"{page}: {len(labels)} exercises"
    assert set(labels) <= solved, f"{page}: exercises without a solution"
