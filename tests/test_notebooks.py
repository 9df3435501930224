"""Notebook hygiene: every chapter notebook is stored executed, clean and as nbval expects.

Strict nbval alone cannot catch a notebook stored with no outputs (it passes), so this test
proves each one was executed top to bottom and carries nothing the static book must not load.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools.book_toc import toc_docnames

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*/*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "no chapter notebooks found under chapters/"


def test_every_notebook_is_in_the_toc():
    listed = set(toc_docnames())
    missing = [
        str(p.relative_to(ROOT))
        for p in NOTEBOOKS
        if str(p.relative_to(ROOT).with_suffix("")) not in listed
    ]
    assert not missing, f"notebooks not in _toc.yml (they would not be built): {missing}"


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def test_executed_top_to_bottom(notebook):
    code = [c for c in notebook.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"execution counts {counts}: run `make outputs` to execute the notebook from the top"
    )
    assert any(c.outputs for c in code), "no stored outputs: run `make outputs`"


def test_kernel_is_python3(notebook):
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


def test_no_widget_state(notebook):
    assert "widgets" not in notebook.metadata, (
        "widget state in metadata makes the book load a widget manager from a CDN"
    )
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {}), (
                "a stored widget view points at a model that is gone: run `make outputs`"
            )


def test_no_svg_and_no_errors(notebook):
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            assert "image/svg+xml" not in out.get("data", {}), "SVG outputs change on every run"
            assert out.output_type != "error", f"stored error output: {out.get('ename')}"


def test_cells_have_no_timing_or_tracking_metadata(notebook):
    for cell in notebook.cells:
        assert "execution" not in cell.metadata, "timing metadata makes every run a diff"
