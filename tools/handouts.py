"""The course pack (called by `make handouts`).

    python tools/handouts.py [DEST]        # DEST defaults to _build/handouts

writes

- ``student/``: every chapter notebook without its solutions (every cell of a solution
  dropped, outputs of exercise code cells cleared, everything else as in the book), with
  glued numbers, citations, figure numbers and links filled in as ``make lab`` does
  (tools/lab_copy.py), and the chapters' ``index.md`` pages;
- ``solutions/``: per chapter page, a notebook with each exercise and its solution alone;
- ``worksheets/claims.html``: the claim map of claims.md without verdicts or precise
  statements, with empty columns to fill in;
- ``course-pack.zip``: all of the above, for an LMS.

Solutions are found by the cell structure of tools/exercises.py; a page not yet split into
one cell per unit is split in memory first. Every student notebook is then checked for
solution directives and for the text of every solution (`leaks`): the build fails rather
than hand out a solution.
"""

from __future__ import annotations

import copy
import html
import re
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import exercises  # noqa: E402
import lab_copy  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
_SOLUTION_DIRECTIVE = re.compile(r"\{solution(?:-start|-end)?\}")


def structured(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with one cell per exercise and per solution (split in memory if needed)."""
    nb = copy.deepcopy(nb)
    if exercises.units(nb)[1]:
        exercises.split(nb)
        problems = exercises.units(nb)[1]
        if problems:
            raise ValueError("exercise structure broken: " + "; ".join(problems))
    return nb


def is_solution(cell) -> bool:
    return "solution" in cell.metadata


def is_exercise(cell) -> bool:
    return "exercise" in cell.metadata


def student_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop every solution cell and clear the outputs of exercise code cells."""
    nb = structured(nb)
    nb.cells = [cell for cell in nb.cells if not is_solution(cell)]
    for cell in nb.cells:
        if cell.cell_type == "code" and is_exercise(cell):
            cell.outputs = []
            cell.execution_count = None
    return nb


def solution_texts(nb: nbformat.NotebookNode) -> list[str]:
    """The lines of every solution (not also in the rest of the page): never for students."""
    cells = structured(nb).cells
    elsewhere = "\n".join(c.source for c in cells if not is_solution(c))
    texts = []
    for cell in cells:
        if not is_solution(cell):
            continue
        for line in cell.source.splitlines():
            line = line.strip()
            if len(line) >= 25 and not line.startswith(("```", ":")) and line not in elsewhere:
                texts.append(line)
    return texts


def leaks(student: nbformat.NotebookNode, texts: list[str]) -> list[str]:
    """Solution directives or solution lines found in a student notebook."""
    found = []
    for i, cell in enumerate(student.cells):
        if _SOLUTION_DIRECTIVE.search(cell.source):
            found.append(f"cell {i}: a solution directive")
        if is_solution(cell):
            found.append(f"cell {i}: a cell tagged as a solution")
        found += [f"cell {i}: {t[:60]!r}" for t in texts if t in cell.source]
    return found


def _fill_markdown(nb, values, names, folder) -> None:
    """Glued values first (from the full notebook: some live in dropped cells), then the rest
    of what lab_copy fills (citations, {doc} links, figure numbers and captions)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = lab_copy.fill_glue(cell.source, values)
    lab_copy.prepare(nb, names, folder)


def solutions_notebook(nb, values, names, title: str) -> nbformat.NotebookNode:
    full = structured(nb)
    cells = [nbformat.v4.new_markdown_cell(f"# Solutions: {title}")]
    for cell in full.cells:
        if is_exercise(cell) or is_solution(cell):
            cell = copy.deepcopy(cell)
            if cell.cell_type == "markdown":
                text = lab_copy.fill_glue(cell.source, values)
                cell.source = lab_copy.fill_citations(text, names)
            cells.append(cell)
    out = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(full.metadata))
    return out


_ROLE = re.compile(r"\{(?:term|ref|doc)\}`([^`<]*?)\s*(?:<[^`>]+>)?`")
_ROW = re.compile(r"^\* - (?P<id>.+?)\n  - (?P<says>.+?)\n  - ", re.M | re.S)


def _plain(text: str) -> str:
    text = _ROLE.sub(lambda m: m.group(1), text)
    text = re.sub(r"\{cite:[tp]\}`[^`]+`", "", text)
    text = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", text)
    return " ".join(text.split())


def claims_worksheet(claims_md: str) -> str:
    """The claim map as a worksheet: ID and what the note says; verdict and reason blank."""
    parts = []
    for section in re.split(r"^## ", claims_md, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        rows = [(m["id"], m["says"]) for m in _ROW.finditer(body) if m["id"].strip() != "ID"]
        if not rows:
            continue
        parts.append(f"<h2>{html.escape(heading.strip())}</h2>")
        parts.append(
            "<table><thead><tr><th>ID</th><th>The note says</th>"
            "<th>Your verdict<br>(right / loose / wrong)</th><th>Why? Evidence</th>"
            "</tr></thead><tbody>"
        )
        for claim_id, says in rows:
            parts.append(
                f"<tr><td>{html.escape(_plain(claim_id))}</td>"
                f"<td>{html.escape(_plain(says))}</td><td></td><td></td></tr>"
            )
        parts.append("</tbody></table>")
    style = (
        "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}"
        "table{border-collapse:collapse;width:100%;margin-bottom:2rem}"
        "th,td{border:1px solid #555;padding:.4rem;vertical-align:top;text-align:left}"
        "td:nth-child(3){width:7rem}td:nth-child(4){width:40%}"
        "tr{break-inside:avoid;height:4.5rem}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Claims worksheet</title><style>{style}</style></head><body>"
        "<h1>The source note, claim by claim: your verdicts</h1>"
        "<p>For each claim of the study note, decide whether it is <b>right</b>, "
        "<b>loose</b> (true in spirit, but the precise version differs in a way that "
        "matters) or <b>wrong</b>, and write the evidence: a computation, a counterexample "
        "or the precise statement. Math is written in LaTeX notation ($…$).</p>"
        + "\n".join(parts)
        + "</body></html>\n"
    )


def build(dest: Path) -> dict[str, int]:
    if dest.exists():
        shutil.rmtree(dest)
    names = lab_copy.citation_names(ROOT / "references.bib")
    counts = {"student": 0, "solutions": 0, "exercises": 0}
    for path in sorted(CHAPTERS.glob("*/*.ipynb")):
        rel = path.relative_to(CHAPTERS)
        nb = nbformat.read(path, as_version=4)
        values = lab_copy.glue_values(nb)
        student = student_version(nb)
        target = dest / "student" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _fill_markdown(student, values, names, path.parent)
        found = leaks(student, solution_texts(nb))
        if found:
            raise ValueError(f"{rel}: solution text in the student notebook: {found}")
        nbformat.write(student, target)
        counts["student"] += 1
        solutions = solutions_notebook(nb, values, names, lab_copy._title(path))
        counts["exercises"] += sum(is_exercise(c) for c in solutions.cells)
        sol_target = dest / "solutions" / rel.parent / f"{path.stem}_solutions.ipynb"
        sol_target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(solutions, sol_target)
        counts["solutions"] += 1
    for page in sorted(CHAPTERS.glob("*/*.md")):
        shutil.copy(page, dest / "student" / page.relative_to(CHAPTERS))
    (dest / "worksheets").mkdir(parents=True)
    (dest / "worksheets" / "claims.html").write_text(
        claims_worksheet((ROOT / "claims.md").read_text())
    )
    with zipfile.ZipFile(dest / "course-pack.zip", "w", zipfile.ZIP_DEFLATED) as pack:
        for item in sorted(dest.rglob("*")):
            if item.is_file() and item.name != "course-pack.zip":
                pack.write(item, Path("course-pack") / item.relative_to(dest))
    return counts


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "handouts"
    counts = build(out)
    print(
        f"handouts: {counts['student']} student notebooks, {counts['solutions']} solution "
        f"notebooks ({counts['exercises']} exercises), worksheets/claims.html, "
        f"course-pack.zip in {out}"
    )
