"""Exercises as structured content (tools/exercises.py): every exercise and every solution in
its own cell, tagged with kind and difficulty that the page shows; at least four exercises on
every page and a derivation in every chapter.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest

from tools.exercises import KINDS, parse_title, split, title, units

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*/*.ipynb"))
# Numbered chapter folders; 00_first_look is the short proof page, not a chapter.
CHAPTERS = sorted(p for p in (ROOT / "chapters").glob("[0-9][0-9]_*") if p.name[:2] != "00")


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT / "chapters"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_rel)
def test_every_exercise_and_solution_is_alone_in_a_tagged_cell(path):
    exercises, problems = units(nbformat.read(path, as_version=4))
    assert not problems, "\n".join(problems)
    assert {e["kind"] for e in exercises} <= set(KINDS)


@pytest.mark.parametrize("folder", CHAPTERS, ids=lambda p: p.name)
def test_every_chapter_has_a_derivation(folder):
    derivations = [
        e["label"]
        for path in sorted(folder.glob("*.ipynb"))
        for e in units(nbformat.read(path, as_version=4))[0]
        if e["derivation"]
    ]
    assert derivations, f"{folder.name}: no exercise tagged as a derivation"


# The checker itself must fail on what it is meant to catch.

MIXED = """Some text.

```{exercise}
:label: ex-a

Compute $1 + 1$.
```

```{solution} ex-a
:class: dropdown

2.
```

```{exercise-start}
:label: ex-b
```

Run it.

```{exercise-end}
```

```{solution-start} ex-b
:class: dropdown
```"""
CLOSING = "It prints 2.\n\n```{solution-end}\n```\n\nText after the exercises."


def _notebook(n_copies: int = 2) -> nbformat.NotebookNode:
    cells = []
    for k in range(n_copies):
        text = MIXED.replace("ex-a", f"ex-a{k}").replace("ex-b", f"ex-b{k}")
        cells += [
            nbformat.v4.new_markdown_cell(text),
            nbformat.v4.new_code_cell("print(1 + 1)"),
            nbformat.v4.new_markdown_cell(CLOSING),
        ]
    return nbformat.v4.new_notebook(cells=cells)


def _tags(n_copies: int = 2) -> dict:
    tags = {}
    for k in range(n_copies):
        tags[f"ex-a{k}"] = ("pen-and-paper", 1, True)
        tags[f"ex-b{k}"] = ("code", 3, False)
    return tags


def test_split_gives_one_cell_per_unit_and_keeps_the_text():
    nb = _notebook()
    before = "".join(c.source for c in nb.cells).replace("\n", "")
    split(nb, _tags())
    exercises, problems = units(nb)
    assert not problems, problems
    assert [e["label"] for e in exercises] == ["ex-a0", "ex-b0", "ex-a1", "ex-b1"]
    assert exercises[1] == {"label": "ex-b0", "kind": "code", "difficulty": 3, "derivation": False}
    after = "".join(c.source for c in nb.cells).replace("\n", "")
    for added in (" ★ · pen and paper · derivation", " ★★★ · code"):
        after = after.replace(added, "")
    assert after == before
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.metadata["solution"]["label"] in {"ex-b0", "ex-b1"} for c in code)
    assert nb.cells[0].source == "Some text."
    assert nb.cells[-1].source == "Text after the exercises."
    assert len({c["id"] for c in nb.cells}) == len(nb.cells)


def test_split_twice_changes_nothing():
    once = split(_notebook(), _tags())
    twice = split(nbformat.from_dict(copy.deepcopy(once)))
    assert twice == once


def test_title_shows_difficulty_and_kind_and_is_read_back():
    meta = {"kind": "slider", "difficulty": 2, "derivation": False}
    assert title(meta) == "★★ · explore a slider"
    for kind in KINDS:
        for difficulty in (1, 2, 3):
            for derivation in (False, True):
                meta = {"kind": kind, "difficulty": difficulty, "derivation": derivation}
                assert parse_title(title(meta)) == meta
    for wrong in ("", "★★★★ · code", "★ · essay", "★★ pen and paper", "2 · code"):
        assert parse_title(wrong) is None


def test_split_reads_the_tags_of_a_new_exercise_from_its_title():
    nb = _notebook(n_copies=1)
    nb.cells[0].source = nb.cells[0].source.replace("{exercise}", "{exercise} ★★★ · code")
    nb.cells[0].source = nb.cells[0].source.replace(
        "{exercise-start}", "{exercise-start} ★ · pen and paper · derivation"
    )
    exercises = units(split(nb))[0]
    assert [(e["kind"], e["difficulty"], e["derivation"]) for e in exercises] == [
        ("code", 3, False),
        ("pen-and-paper", 1, True),
    ]
    with pytest.raises(ValueError, match="give it a title"):
        split(_notebook(n_copies=1))


def _problems_after(edit) -> list[str]:
    nb = split(_notebook(), _tags())
    edit(nb)
    return units(nb)[1]


def test_the_checker_catches_broken_structure():
    assert not _problems_after(lambda nb: None)

    def merge_exercise_and_solution(nb):
        nb.cells[1].source += "\n\n" + nb.cells[2].source
        del nb.cells[2]

    assert any("shares its cell" in p for p in _problems_after(merge_exercise_and_solution))

    def untag_exercise(nb):
        del nb.cells[1].metadata["exercise"]

    assert any("metadata" in p for p in _problems_after(untag_exercise))

    def wrong_difficulty(nb):
        nb.cells[1].metadata["exercise"]["difficulty"] = 4

    assert any("difficulty" in p for p in _problems_after(wrong_difficulty))

    def stale_title(nb):
        nb.cells[1].metadata["exercise"]["difficulty"] = 2

    assert any("title should read" in p for p in _problems_after(stale_title))

    def untag_solution_code(nb):
        code = next(c for c in nb.cells if c.cell_type == "code")
        del code.metadata["solution"]

    assert any("code cell" in p for p in _problems_after(untag_solution_code))

    def solution_tag_on_plain_text(nb):
        nb.cells[0].metadata["solution"] = {"label": "ex-a0"}

    assert any("holds no solution" in p for p in _problems_after(solution_tag_on_plain_text))

    def drop_a_solution(nb):
        nb.cells[:] = [c for c in nb.cells if c.get("id") != "ex-a0-solution"]

    assert any("no solution cell" in p for p in _problems_after(drop_a_solution))


def test_a_page_with_three_exercises_fails():
    nb = split(_notebook(n_copies=2), _tags())
    keep = {"ex-a0", "ex-a0-solution"}
    nb.cells = [c for c in nb.cells if c.get("id") not in keep]
    assert any("at least 4" in p for p in units(nb)[1])
