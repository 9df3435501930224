"""Exercises as structured content: one cell per exercise and per solution, tagged.

    python tools/exercises.py check NOTEBOOK...   # list what breaks the structure
    python tools/exercises.py split NOTEBOOK...   # migrate a notebook (see below)

The structure (checked by tests/test_exercise_structure.py, used by tools/handouts.py):

- every ``{exercise}`` directive, and every gated ``{exercise-start}`` ... ``{exercise-end}``
  pair, is alone in its markdown cell; the cell's metadata says what it is::

      "exercise": {"label": "ex-norms-by-hand", "kind": "pen-and-paper",
                   "difficulty": 1, "derivation": false}

  ``kind`` is one of KINDS, ``difficulty`` 1 to 3 (shown as ★ to ★★★), ``derivation``
  is true when the exercise asks for a proof or a derivation rather than a number;
- the directive's title argument shows the same on the page: "★ · pen and paper"
  (sphinx-exercise prints it after the number: "Exercise 3 (★ · pen and paper)");
- every ``{solution}`` directive is alone in its cell, and every cell of a gated solution
  (``{solution-start}`` ... ``{solution-end}``, code cells included) carries
  ``"solution": {"label": ...}`` and nothing that is not part of the solution.

``split`` cuts markdown cells at directive boundaries so the rules above hold and writes the
metadata. A new exercise needs only its title: write ``{exercise} ★★ · code`` (difficulty,
kind, and ``· derivation`` when it is one) and run ``split``; the metadata is read from it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

KINDS = {"pen-and-paper": "pen and paper", "code": "code", "slider": "explore a slider"}
MIN_PER_PAGE = 4

_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>exercise|exercise-start|exercise-end|solution"
    r"|solution-start|solution-end)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$\n?",
    re.M | re.S,
)
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):[ \t]*(?P<value>[^\n]*)$", re.M)


def title(tags: dict) -> str:
    """The title argument shown on the page: ``★★ · pen and paper · derivation``."""
    parts = ["★" * tags["difficulty"], KINDS[tags["kind"]]]
    if tags["derivation"]:
        parts.append("derivation")
    return " · ".join(parts)


def parse_title(text: str) -> dict | None:
    """The tags a title like ``★★ · pen and paper · derivation`` states; None if it is not one."""
    names = {shown: kind for kind, shown in KINDS.items()}
    m = re.fullmatch(r"(★{1,3}) · ([a-z ]+?)( · derivation)?", text.strip())
    if not m or m[2] not in names:
        return None
    return {"kind": names[m[2]], "difficulty": len(m[1]), "derivation": bool(m[3])}


@dataclass
class Segment:
    """A piece of one markdown cell: plain text, one exercise, or (part of) a solution."""

    role: str  # "plain", "exercise" or "solution"
    text: str
    label: str = ""


def _label(match: re.Match) -> str:
    if match["name"].startswith("solution"):
        return match["arg"].strip()
    options = {o["key"]: o["value"].strip() for o in _OPTION.finditer(match["body"])}
    return options.get("label", "")


def segments(text: str, open_solution: str = "") -> tuple[list[Segment], str]:
    """Cut one markdown cell at directive boundaries.

    ``open_solution`` is the label of a gated solution still open from an earlier cell;
    the second value returned is the one still open after this cell ("" when none).
    """
    found: list[Segment] = []
    role, label = ("solution", open_solution) if open_solution else ("plain", "")
    start = 0

    def close(end: int, next_role: str, next_label: str = "") -> None:
        nonlocal start, role, label
        if text[start:end].strip():
            found.append(Segment(role, text[start:end].strip("\n") + "\n", label))
        start, role, label = end, next_role, next_label

    for m in _BLOCK.finditer(text):
        name = m["name"]
        if name == "exercise" and role == "plain":
            close(m.start(), "exercise", _label(m))
            close(m.end(), "plain")
        elif name == "exercise-start" and role == "plain":
            close(m.start(), "exercise", _label(m))
        elif name == "exercise-end" and role == "exercise":
            close(m.end(), "plain")
        elif name == "solution" and role == "plain":
            close(m.start(), "solution", _label(m))
            close(m.end(), "plain")
        elif name == "solution-start" and role == "plain":
            close(m.start(), "solution", _label(m))
        elif name == "solution-end" and role == "solution":
            close(m.end(), "plain")
        # anything else (an exercise inside a solution, ...) stays where it is: check() reports it
    still_open = label if role == "solution" else ""
    close(len(text), role, label)
    return found, still_open


def _new_id(base: str, taken: set[str]) -> str:
    candidate, k = base[:64], 2
    while candidate in taken:
        candidate = f"{base[:60]}-{k}"
        k += 1
    taken.add(candidate)
    return candidate


def _retitle(text: str, new_title: str) -> str:
    """Put ``new_title`` as the argument of the exercise directive that opens ``text``."""
    return re.sub(
        r"^(`{3,}|:{3,})\{(exercise|exercise-start)\}[^\n]*",
        lambda m: f"{m[1]}{{{m[2]}}} {new_title}",
        text,
        count=1,
        flags=re.M,
    )


def _tags_of(piece: Segment, tags: dict) -> dict:
    if piece.label in tags:
        kind, difficulty, derivation = tags[piece.label]
        return {
            "label": piece.label,
            "kind": kind,
            "difficulty": difficulty,
            "derivation": derivation,
        }
    shown = re.match(r"(?:`{3,}|:{3,})\{exercise(?:-start)?\}([^\n]*)", piece.text)
    parsed = parse_title(shown[1]) if shown else None
    if parsed is None:
        raise ValueError(
            f"exercise {piece.label}: give it a title such as '★★ · pen and paper' "
            f"(difficulty ★ to ★★★ · {' / '.join(KINDS.values())}, then ' · derivation' "
            "if it asks for one)"
        )
    return {"label": piece.label, **parsed}


def split(nb: nbformat.NotebookNode, tags: dict | None = None) -> nbformat.NotebookNode:
    """One cell per exercise and per solution, each tagged; see the module docstring.

    ``tags`` maps a label to ``(kind, difficulty, derivation)``; an exercise not in it is
    tagged from its title, and one without a valid title is an error.
    """
    tags = {} if tags is None else tags
    taken = {cell.get("id", "") for cell in nb.cells}
    cells = []
    open_solution = ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            if open_solution:
                cell.metadata["solution"] = {"label": open_solution}
            cells.append(cell)
            continue
        pieces, open_after = segments(cell.source, open_solution)
        for k, piece in enumerate(pieces):
            new = nbformat.v4.new_markdown_cell(piece.text.rstrip("\n"))
            new.metadata = dict(cell.metadata) if k == 0 else {}
            new.metadata.pop("exercise", None)
            new.metadata.pop("solution", None)
            if piece.role == "exercise":
                meta = _tags_of(piece, tags)
                new.metadata["exercise"] = meta
                new.source = _retitle(new.source, title(meta))
                new["id"] = _new_id(piece.label, taken)
            elif piece.role == "solution":
                new.metadata["solution"] = {"label": piece.label}
                if piece.text.lstrip("`:").startswith("{solution"):
                    new["id"] = _new_id(f"{piece.label}-solution", taken)
                elif k == 0 and "id" in cell:
                    new["id"] = cell["id"]
                else:
                    new["id"] = _new_id(f"{cell.get('id', 'cell')}-{k}", taken)
            elif k == 0 and "id" in cell:
                new["id"] = cell["id"]
            else:
                new["id"] = _new_id(f"{cell.get('id', 'cell')}-{k}", taken)
            if len(pieces) == 1 and "id" in cell:
                new["id"] = cell["id"]  # a cell that was already one unit keeps its id
            cells.append(new)
        open_solution = open_after
    nb.cells = cells
    return nb


def units(nb: nbformat.NotebookNode) -> tuple[list[dict], list[str]]:
    """The exercises of a notebook (their metadata) and the problems with its structure."""
    problems: list[str] = []
    exercises: list[dict] = []
    open_solution = ""
    for i, cell in enumerate(nb.cells):
        where = f"cell {i}"
        meta_ex = cell.metadata.get("exercise")
        meta_sol = cell.metadata.get("solution", {}).get("label", "")
        if cell.cell_type != "markdown":
            if meta_ex:
                problems.append(f"{where}: a code cell tagged as an exercise")
            if meta_sol != open_solution:
                problems.append(
                    f"{where}: code cell tagged solution {meta_sol!r}, inside {open_solution!r}"
                )
            continue
        pieces, open_after = segments(cell.source, open_solution)
        roles = {p.role for p in pieces}
        if "exercise" in roles:
            if len(pieces) != 1:
                problems.append(f"{where}: an exercise shares its cell with other text")
                continue
            label = pieces[0].label
            if not meta_ex or meta_ex.get("label") != label:
                problems.append(f"{where}: exercise {label} has no matching 'exercise' metadata")
                continue
            if meta_ex.get("kind") not in KINDS:
                problems.append(f"{where}: {label}: kind must be one of {sorted(KINDS)}")
            elif meta_ex.get("difficulty") not in (1, 2, 3):
                problems.append(f"{where}: {label}: difficulty must be 1, 2 or 3")
            elif not isinstance(meta_ex.get("derivation"), bool):
                problems.append(f"{where}: {label}: derivation must be true or false")
            else:
                shown = re.match(r"(?:`{3,}|:{3,})\{exercise(?:-start)?\}([^\n]*)", cell.source)
                if not shown or shown[1].strip() != title(meta_ex):
                    problems.append(f"{where}: {label}: title should read {title(meta_ex)!r}")
                exercises.append(dict(meta_ex))
        elif meta_ex:
            problems.append(f"{where}: tagged as exercise but holds no exercise directive")
        if "solution" in roles:
            if len(pieces) != 1:
                problems.append(f"{where}: a solution shares its cell with other text")
            elif meta_sol != pieces[0].label:
                problems.append(f"{where}: solution {pieces[0].label} lacks 'solution' metadata")
        elif meta_sol:
            problems.append(f"{where}: tagged as solution but holds no solution")
        open_solution = open_after
    if open_solution:
        problems.append(f"solution {open_solution} is never closed")
    labels = [e["label"] for e in exercises]
    solved = {c.metadata["solution"]["label"] for c in nb.cells if "solution" in c.metadata}
    for label in labels:
        if label not in solved:
            problems.append(f"{label}: no solution cell")
    if len(exercises) < MIN_PER_PAGE:
        problems.append(f"{len(exercises)} exercises, at least {MIN_PER_PAGE} needed")
    return exercises, problems


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"check", "split"}:
        print(__doc__)
        return 2
    status = 0
    for name in argv[1:]:
        path = Path(name)
        nb = nbformat.read(path, as_version=4)
        if argv[0] == "split":
            nbformat.write(split(nb), path)
        _, problems = units(nbformat.read(path, as_version=4))
        for problem in problems:
            print(f"{path}: {problem}")
        status = status or bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
