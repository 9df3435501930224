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
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "01_norms/norms.ipynb"
TOKEN = "test-lab-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
