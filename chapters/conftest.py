"""Figures inside the sync promise: nbval compares text, this compares images.

After nbval has executed a notebook cell and compared its text outputs, the
hook below compares every figure the cell stored (``image/png`` outputs and
the slider frames embedded in ``text/html``) with the figures that same
execution just drew, using :func:`nbval_figures.compare_cell_figures` (see
its module docstring for the tolerance). Nothing is executed twice.

A mismatch fails the cell with the notebook, the cell, the output and the
pixel box that changed; the stored image, the new one and a map of the
differing pixels are saved under ``_build/figure-diffs/``. If the new picture
is the right one, ``make outputs`` stores it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DIFF_DIR = ROOT / "_build" / "figure-diffs"
sys.path.insert(0, str(ROOT / "tests"))

from nbval_figures import compare_cell_figures  # noqa: E402


class FigureMismatch(AssertionError):
    """A stored figure differs from the one the cell draws today."""


def pytest_sessionstart(session):
    if session.config.getoption("nbval", default=False):
        shutil.rmtree(DIFF_DIR, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield  # nbval ran the cell; a failure there propagates as is
    cell = getattr(item, "cell", None)
    fresh = getattr(item, "test_outputs", None)
    options = getattr(item, "options", {})
    if cell is None or fresh is None or not options.get("check"):
        return result
    if cell.execution_count is None:
        return result
    notebook = Path(str(item.fspath)).resolve()
    inside = notebook.is_relative_to(ROOT)
    shown = notebook.relative_to(ROOT) if inside else notebook
    where = f"{shown}, code cell {item.cell_num}"
    save_dir = DIFF_DIR / notebook.stem / f"cell{item.cell_num}"
    problems = compare_cell_figures(cell.outputs, fresh, save_dir)
    if len(problems) > 3:  # e.g. every frame of a slider: three say enough
        problems = problems[:3] + [
            f"... and {len(problems) - 3} more; all saved in {save_dir}"
        ]
    if problems:
        first_line = cell.source.strip().splitlines()[0] if cell.source else ""
        raise FigureMismatch(
            f"{where} (In [{cell.execution_count}], starts {first_line!r}):"
            " the stored figure is not what the code draws today.\n  "
            + "\n  ".join(problems)
            + "\nIf the new figure is right, store it with `make outputs`."
        )
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # nbval would print "pytest plugin exception: ..."; say what it is.
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(FigureMismatch):
        report.longrepr = f"Figure differs: {call.excinfo.value}"
    return report
