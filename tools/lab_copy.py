"""Make the student's JupyterLab copy of chapters/ (called by `make lab`).

    python tools/lab_copy.py DEST

Copies chapters/ to DEST (which must not exist) and, in the copy only, fills in what
jupyterlab-myst cannot resolve, so the notebooks read in JupyterLab as on the book's pages:

- ``{glue:text}`key:fmt``` and ``{glue}`key``` become the glued value, formatted as myst-nb
  formats it for the book (the value stored in the notebook's glue output);
- ``{cite:t}`key``` and ``{cite:p}`key``` become "Author (year)" and "(Author, year)" from
  references.bib (the book's author_year style);
- ``{doc}`` to another page of the copy becomes a markdown link that JupyterLab opens (its
  own ``{doc}`` link points at a file name without suffix, which does not exist);
- ``{numref}`` to a figure whose name and caption live in code-cell metadata
  (``mystnb.figure``) becomes "Fig. N", and the caption is shown in a markdown cell under the
  figure (JupyterLab shows no metadata caption);
- the cells between ``{solution-start}`` and ``{solution-end}`` are folded
  (``jupyter.source_hidden``/``outputs_hidden``), as the book folds the whole solution; one
  click on the cell's bar opens them.

The tracked notebooks are never written. Everything jupyterlab-myst renders itself (math,
equation numbers, ``{eq}``, ``{term}``, exercises, single-cell solutions with
``:class: dropdown``, admonitions) is left as it is.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat
from myst_nb.core.variables import format_plain_text
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
GLUE_PREFIX = "application/papermill.record/"
_GLUE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")
_CITE = re.compile(r"\{cite:([tp])\}`([^`]+)`")
_NUMREF = re.compile(r"\{numref\}`([^`<]+)`")
_DOC = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`<]+))`")
_MD_FIGURE_NAME = re.compile(r"^```+\{(?:figure|glue:figure)\}.*?^:name:\s*(\S+)", re.M | re.S)


def glue_values(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The text/plain of every value the notebook glued, by key."""
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if scrapbook:
                prefix = scrapbook.get("mime_prefix", "")
                text = output.get("data", {}).get(prefix + "text/plain")
                if text is not None:
                    values[scrapbook["name"]] = "".join(text)
    return values


def fill_glue(text: str, values: dict[str, str]) -> str:
    """Replace glue roles by their values; an unknown key is left as it is."""

    def paste(match: re.Match) -> str:
        key, _, fmt = match.group(1).partition(":")
        if "::" in match.group(1) or key not in values:
            return match.group(0)
        return format_plain_text(values[key], fmt or "s")

    return _GLUE.sub(paste, text)


def citation_names(bib_path: Path) -> dict[str, tuple[str, str]]:
    """``{key: (authors, year)}`` in author-year style: 'Horn and Johnson', 'Hastie et al.'."""
    names = {}
    for key, entry in parse_file(str(bib_path)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        last = [" ".join(person.last_names) for person in people]
        if len(last) > 2:
            authors = f"{last[0]} et al."
        else:
            authors = " and ".join(last) or key
        names[key] = (authors, entry.fields.get("year", "n.d."))
    return names


def fill_citations(text: str, names: dict[str, tuple[str, str]]) -> str:
    def cite(match: re.Match) -> str:
        keys = [k.strip() for k in match.group(2).split(",")]
        if not all(k in names for k in keys):
            return match.group(0)
        if match.group(1) == "t":
            return "; ".join(f"{names[k][0]} ({names[k][1]})" for k in keys)
        return "(" + "; ".join(f"{names[k][0]}, {names[k][1]}" for k in keys) + ")"

    return _CITE.sub(cite, text)


def _title(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = nbformat.read(path, as_version=4).cells
        text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    else:
        text = path.read_text()
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    return heading.group(1).strip() if heading else path.stem


def fill_doc_links(text: str, folder: Path) -> str:
    """``{doc}`` to a page of the copy becomes a markdown link JupyterLab opens."""

    def link(match: re.Match) -> str:
        title, target = match.group(1), match.group(2) or match.group(3)
        for suffix in (".ipynb", ".md"):
            path = folder / (target.strip() + suffix)
            if path.is_file():
                return f"[{title or _title(path)}]({target.strip()}{suffix})"
        return match.group(0)

    return _DOC.sub(link, text)


def figure_numbers(nb: nbformat.NotebookNode) -> dict[str, int]:
    """Figures of the page in order (metadata figures and markdown figure directives)."""
    numbers: dict[str, int] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            names = _MD_FIGURE_NAME.findall(cell.source)
        else:
            name = cell.metadata.get("mystnb", {}).get("figure", {}).get("name")
            names = [name] if name else []
        for name in names:
            numbers.setdefault(name, len(numbers) + 1)
    return numbers


def fold_gated_solutions(nb: nbformat.NotebookNode) -> None:
    """Fold every cell of a gated solution; text before ``{solution-end}`` gets its own cell."""
    inside = False
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "{solution-start}" in cell.source:
            inside = True
        elif cell.cell_type == "markdown" and "{solution-end}" in cell.source:
            before, fence, after = cell.source.partition("```{solution-end}")
            if inside and before.strip():
                cells.append(nbformat.v4.new_markdown_cell(before.rstrip()))
                cells[-1].metadata["jupyter"] = {"source_hidden": True}
                cell.source = fence + after
            inside = False
        elif inside:
            fold = {"source_hidden": True}
            if cell.cell_type == "code":
                fold["outputs_hidden"] = True
            cell.metadata["jupyter"] = fold
        cells.append(cell)
    nb.cells = cells


def prepare(
    nb: nbformat.NotebookNode, names: dict[str, tuple[str, str]], folder: Path | None = None
) -> None:
    """Rewrite one notebook of the copy in place (see the module docstring).

    ``folder`` is the notebook's folder, for ``{doc}`` links; None leaves them as they are.
    """
    values = glue_values(nb)
    numbers = figure_numbers(nb)
    metadata_figures = set()
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        if cell.cell_type == "code" and figure.get("name") and figure.get("caption"):
            metadata_figures.add(figure["name"])
            caption = f"**Fig. {numbers[figure['name']]}.** {figure['caption']}"
            cells.append(nbformat.v4.new_markdown_cell(caption))

    def numref(match: re.Match) -> str:
        name = match.group(1).strip()
        if name in metadata_figures:
            return f"Fig. {numbers[name]}"
        return match.group(0)

    for cell in cells:
        if cell.cell_type == "markdown":
            text = fill_citations(fill_glue(cell.source, values), names)
            text = fill_doc_links(text, folder) if folder else text
            cell.source = _NUMREF.sub(numref, text)
    nb.cells = cells
    fold_gated_solutions(nb)


def main(dest: str) -> None:
    target = Path(dest)
    if target.exists():
        sys.exit(f"{target} exists: remove it or use `make lab RESET=1`")
    shutil.copytree(
        CHAPTERS,
        target,
        ignore=shutil.ignore_patterns("conftest.py", "__pycache__", ".ipynb_checkpoints"),
    )
    names = citation_names(ROOT / "references.bib")
    for path in sorted(target.rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        prepare(nb, names, path.parent)
        nbformat.write(nb, path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
