"""`make lab` lets a student run, edit and save without changing a tracked file (issue 15).

The test starts the lab the way a student does (`make lab`, here with the copy in a temporary
folder and a fixed port and token), saves a changed notebook through the server's contents API
(what JupyterLab's autosave does after *Run All*), and checks that the save reached the copy
while `chapters/` and `git status` are exactly as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "01_norms/norms.ipynb"
TOKEN = "test-lab-token"


def _free_port() -> int:
    """A free port below Linux's range for outgoing connections (32768-60999): the server
    binds it seconds after this looks, and `make test` runs Chromium's many connections
    beside this test, which take ports from that range."""
    for port in random.Random().sample(range(20000, 32768), 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port among 200 tried in 20000-32767")


def _tracked_state() -> tuple[dict[str, str], str]:
    hashes = {
        str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((ROOT / "chapters").rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return hashes, status


def _request(port: int, path: str, method: str = "GET", body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


@pytest.fixture
def lab(tmp_path):
    """`make lab` serving a fresh copy in tmp_path; yields (port, copy folder)."""
    copy = tmp_path / "my-chapters"
    port = _free_port()
    args = (
        f"--no-browser --ServerApp.port={port} --ServerApp.ip=127.0.0.1"
        f" --ServerApp.token={TOKEN} --LabApp.news_url= "
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"
    )
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_DIR={copy}", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as a whole below
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config")},
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _request(port, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"make lab did not start:\n{(tmp_path / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield port, copy
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_saving_in_the_lab_changes_no_tracked_file(lab):
    port, copy = lab
    before = _tracked_state()
    model = _request(port, f"/api/contents/{NOTEBOOK}?content=1")
    notebook = model["content"]
    # What Run All and autosave did to a tracked notebook before: new execution counts, a
    # widget view and widget state, an edited cell.
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    for count, cell in enumerate(code, start=13):
        cell["execution_count"] = count
    code[0]["outputs"].append(
        {
            "output_type": "display_data",
            "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}},
            "metadata": {},
        }
    )
    notebook["metadata"]["widgets"] = {"state": {}}
    code[0]["source"] = "# a student's experiment\n" + "".join(code[0]["source"])
    _request(
        port,
        f"/api/contents/{NOTEBOOK}",
        method="PUT",
        body={"type": "notebook", "format": "json", "content": notebook},
    )

    assert _tracked_state() == before, "saving in the lab changed a tracked file"
    saved = json.loads((copy / NOTEBOOK).read_text())
    assert saved["cells"] != json.loads((ROOT / "chapters" / NOTEBOOK).read_text())["cells"]
    assert "# a student's experiment" in "".join(
        next(c for c in saved["cells"] if c["cell_type"] == "code")["source"]
    ), "the save did not reach the student's copy"


def test_the_default_copy_is_git_ignored():
    for folder in ("my-chapters", "my-chapters.old"):
        ignored = subprocess.run(["git", "check-ignore", "-q", f"{folder}/{NOTEBOOK}"], cwd=ROOT)
        assert ignored.returncode == 0, f"{folder}/ must be in .gitignore"
    dry_run = subprocess.run(
        ["make", "-n", "--no-print-directory", "lab"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'jupyter lab "my-chapters"' in dry_run
    assert "jupyter lab chapters" not in dry_run


# ---------------------------------------------------------------------------------------------
# The copy `make lab` opens: what jupyterlab-myst cannot resolve is filled in (tools/lab_copy.py).


def _lab_copy():
    import importlib.util

    spec = importlib.util.spec_from_file_location("lab_copy", ROOT / "tools" / "lab_copy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _glue_output(key: str, text: str) -> nbformat.NotebookNode:
    prefix = "application/papermill.record/"
    return nbformat.v4.new_output(
        "display_data",
        data={prefix + "text/plain": text},
        metadata={"scrapbook": {"name": key, "mime_prefix": prefix}},
    )


def test_the_copy_fills_glue_citations_and_figure_numbers(tmp_path):
    lab_copy = _lab_copy()
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@book{horn2012, author={Horn, Roger A. and Johnson, Charles R.},"
        " title={M}, year={2012}}\n"
        "@book{hastie2009, author={Hastie, T. and Tibshirani, R. and Friedman, J.},"
        " title={E}, year={2009}}\n"
    )
    glue_cell = nbformat.v4.new_code_cell("glue(...)")
    glue_cell.outputs = [_glue_output("ratio", "3.14159"), _glue_output("name", "'bmi'")]
    figure_cell = nbformat.v4.new_code_cell("plt.show()")
    figure_cell.metadata["mystnb"] = {
        "figure": {"name": "fig-b", "caption": "Ratio {glue:text}`ratio:.1f`."}
    }
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("```{figure} a.png\n:name: fig-a\n\nA.\n```"),
            glue_cell,
            figure_cell,
            nbformat.v4.new_markdown_cell(
                "The ratio is {glue:text}`ratio:.2f` for {glue}`name`; {glue:text}`missing` stays."
                " See {cite:t}`horn2012` {cite:p}`hastie2009,horn2012` and {numref}`fig-b`;"
                " {numref}`fig-a` is resolved by jupyterlab-myst itself."
            ),
        ]
    )
    lab_copy.prepare(nb, lab_copy.citation_names(bib))
    text = nb.cells[-1].source
    assert text.startswith("The ratio is 3.14 for bmi; {glue:text}`missing` stays.")
    assert "See Horn and Johnson (2012) (Hastie et al., 2009; Horn and Johnson, 2012)" in text
    assert "and Fig. 2;" in text and "{numref}`fig-a`" in text
    caption = nb.cells[3]  # inserted under the figure it describes
    assert caption.cell_type == "markdown" and caption.source == "**Fig. 2.** Ratio 3.1."


def test_the_copy_links_pages_it_contains(tmp_path):
    lab_copy = _lab_copy()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.md").write_text("# Losses\n\nText.\n")
    text = "See {doc}`a/index`, {doc}`the losses <a/index>` and {doc}`../glossary`."
    assert lab_copy.fill_doc_links(text, tmp_path) == (
        "See [Losses](a/index.md), [the losses](a/index.md) and {doc}`../glossary`."
    )


def test_the_copy_folds_every_cell_of_a_gated_solution():
    lab_copy = _lab_copy()
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb = nbformat.v4.new_notebook(
        cells=[
            md("```{solution-start} ex-a\n:class: dropdown\n```"),
            code("x = 1"),
            md("So x is 1.\n\n```{solution-end}\n```"),
            code("after = True"),
        ]
    )
    lab_copy.fold_gated_solutions(nb)
    sources = [c.source for c in nb.cells]
    assert sources[2] == "So x is 1." and sources[3].startswith("```{solution-end}")
    assert nb.cells[1].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    assert nb.cells[2].metadata["jupyter"] == {"source_hidden": True}
    assert "jupyter" not in nb.cells[0].metadata and "jupyter" not in nb.cells[4].metadata


def test_the_copy_of_the_book_has_no_resolvable_glue_left(tmp_path):
    lab_copy = _lab_copy()
    lab_copy.main(str(tmp_path / "copy"))
    assert not (tmp_path / "copy" / "conftest.py").exists()
    for path in sorted((tmp_path / "copy").rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        glued = lab_copy.glue_values(nb)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for key in re.findall(r"\{glue(?::text)?\}`([^`:]+)", cell.source):
                    assert key not in glued, f"{path.name}: {key} not filled in"
                assert "{cite:" not in cell.source, f"{path.name}: citation not filled in"
