"""`make handouts` (tools/handouts.py): student notebooks without solutions that run, the
solutions alone, a claims worksheet without verdicts, one zip.

The solution text a student notebook must not contain is found here independently of the
tool: by a regular expression over the whole page's sources, from each ``{solution}`` /
``{solution-start}`` directive to its end.
"""

from __future__ import annotations

import copy
import gc
import re
import warnings
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools import handouts
from tools.kernels import BookKernelManager

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*/*.ipynb"))
SOLUTION_SPAN = re.compile(
    r"^(`{3,})\{solution\}.*?^\1[ \t]*$|^```\{solution-start\}.*?^```\{solution-end\}",
    re.M | re.S,
)


def _solution_lines(path: Path) -> list[str]:
    """Lines of the page's solutions that appear nowhere else on the page."""
    cells = nbformat.read(path, as_version=4).cells
    text = "\n".join(cell.source for cell in cells)
    spans = [m.group(0) for m in SOLUTION_SPAN.finditer(text)]
    rest = SOLUTION_SPAN.sub("", text)
    lines = {line.strip() for span in spans for line in span.splitlines()}
    return sorted(
        line for line in lines if len(line) >= 25 and line not in rest and line[0] not in "`:"
    )


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("handouts") / "handouts"
    handouts.build(dest)
    return dest


def test_the_pack_has_every_part(pack):
    students = sorted(p.relative_to(pack / "student") for p in pack.glob("student/*/*.ipynb"))
    assert students == [p.relative_to(ROOT / "chapters") for p in NOTEBOOKS]
    assert len(list(pack.glob("solutions/*/*_solutions.ipynb"))) == len(NOTEBOOKS)
    with zipfile.ZipFile(pack / "course-pack.zip") as archive:
        names = set(archive.namelist())
    on_disk = {
        f"course-pack/{p.relative_to(pack)}"
        for p in pack.rglob("*")
        if p.is_file() and p.suffix != ".zip"
    }
    assert names == on_disk


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name + "/" + p.name)
def test_student_notebook_has_the_exercises_but_no_solution(pack, path):
    student = nbformat.read(pack / "student" / path.relative_to(ROOT / "chapters"), 4)
    text = "\n".join(cell.source for cell in student.cells)
    assert "{solution" not in text
    leaked = [line for line in _solution_lines(path) if line in text]
    assert not leaked, leaked[:3]
    original = "\n".join(cell.source for cell in nbformat.read(path, 4).cells)
    labels = re.findall(r"^:label:\s*(ex-\S+)", original, re.M)
    assert labels and all(f":label: {label}" in text for label in labels)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name + "/" + p.name)
def test_solutions_notebook_has_every_solution(pack, path):
    name = f"{path.stem}_solutions.ipynb"
    solutions = nbformat.read(pack / "solutions" / path.parent.name / name, 4)
    text = "\n".join(cell.source for cell in solutions.cells)
    original = "\n".join(cell.source for cell in nbformat.read(path, 4).cells)
    for span in SOLUTION_SPAN.finditer(original):
        first = next(line for line in span.group(0).splitlines() if "{solution" in line)
        assert first in text


def test_the_leak_check_fails_on_a_solution_left_in():
    path = NOTEBOOKS[0]
    nb = nbformat.read(path, 4)
    texts = handouts.solution_texts(nb)
    student = handouts.student_version(nb)
    assert not handouts.leaks(student, texts)
    solution = next(c for c in handouts.structured(nb).cells if handouts.is_solution(c))
    tampered = copy.deepcopy(student)
    tampered.cells.append(copy.deepcopy(solution))
    assert handouts.leaks(tampered, texts)
    # without its tag and its directive, the text alone still gives it away
    bare = copy.deepcopy(solution)
    bare.metadata = {}
    bare.source = re.sub(r"^```.*$|^:class:.*$", "", bare.source, flags=re.M)
    tampered = copy.deepcopy(student)
    tampered.cells.append(bare)
    assert handouts.leaks(tampered, texts)


def test_claims_worksheet_lists_every_claim_without_verdicts(pack):
    page = (pack / "worksheets" / "claims.html").read_text()
    claims = (ROOT / "claims.md").read_text()
    ids = re.findall(r"^\* - \{ref\}`(\w+) <claim-", claims, re.M)
    assert len(ids) >= 20
    assert all(f"<td>{claim_id}</td>" in page for claim_id in ids)
    cells = re.findall(r"<td>(.*?)</td>", page)
    assert not {"right", "loose", "wrong"} & {c.strip().lower() for c in cells}
    verdict_cells = cells[2::4]
    assert verdict_cells and all(c == "" for c in verdict_cells)


def test_smallest_student_notebook_runs_on_a_fresh_kernel(pack, tmp_path):
    smallest = min(NOTEBOOKS, key=lambda p: p.stat().st_size)
    student_path = pack / "student" / smallest.relative_to(ROOT / "chapters")
    nb = nbformat.read(student_path, 4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    # The kernel nbval and `make outputs` use (tools/kernels.py: Unix sockets, one BLAS
    # thread): no TCP port to lose to the browser tests running beside this.
    # NotebookClient does not stop a kernel it was given: stopped here, or it warns "Parent
    # appears to have exited" after pytest; nor does it close its client's sockets (a
    # ResourceWarning whenever they are collected, which a later test that records every
    # warning then reports).
    manager = BookKernelManager(kernel_name="python3")
    client = NotebookClient(
        nb, km=manager, timeout=300, resources={"metadata": {"path": str(tmp_path)}}
    )
    try:
        client.execute()
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        manager.shutdown_kernel(now=True)
    del client
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()  # a socket left open warns when it is collected
    assert [str(w.message) for w in caught if w.category is ResourceWarning] == []
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    text = "\n".join(cell.source for cell in nb.cells)
    text += "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    assert not [line for line in _solution_lines(smallest) if line in text]
