"""Regenerate requirements.txt, the exact lock, from the declarations in pyproject.toml.

    .venv/bin/python tools/lock_requirements.py            # keep today's pins where they fit
    .venv/bin/python tools/lock_requirements.py --upgrade  # newest releases (then `make test`)

pip resolves ``.[book,lab,test,dev]`` (``pip install --dry-run --ignore-installed --report``:
nothing is installed) for this Python and platform. Without ``--upgrade`` the current lock is
passed as constraints, so every package keeps its tested version and only what the
declarations no longer need (directly or through a dependency) drops out. The result is
written as exact ``==`` pins, sorted, ending with the editable install of the project.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.txt"
EXTRAS = "book,lab,test,dev"
PROJECT = "normbook-lib"
HEADER = f"""\
# Exact pins: the versions the book, nbval outputs and browser tests are checked with
# (Python 3.11, Linux). Generated from pyproject.toml's dependencies and its extras
# [{EXTRAS}] by `.venv/bin/python tools/lock_requirements.py`; do not edit by hand.
"""


def resolve(upgrade: bool) -> dict[str, str]:
    """``{name: version}`` of everything ``.[extras]`` needs, as pip resolves it."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--dry-run"]
        command += ["--ignore-installed", "--report", str(report)]
        if not upgrade:
            constraints = Path(tmp) / "constraints.txt"
            pins = [line for line in LOCK.read_text().splitlines() if "==" in line]
            constraints.write_text("\n".join(pins) + "\n")
            command += ["--constraint", str(constraints)]
        subprocess.run([*command, f".[{EXTRAS}]"], cwd=ROOT, check=True)
        installs = json.loads(report.read_text())["install"]
    return {
        item["metadata"]["name"]: item["metadata"]["version"]
        for item in installs
        if item["metadata"]["name"].lower() != PROJECT
    }


def main() -> None:
    pins = resolve(upgrade="--upgrade" in sys.argv[1:])
    lines = [f"{name}=={pins[name]}" for name in sorted(pins, key=str.lower)]
    LOCK.write_text(HEADER + "\n".join(lines) + f"\n-e .[{EXTRAS}]\n")
    print(f"requirements.txt: {len(lines)} pins")


if __name__ == "__main__":
    main()
