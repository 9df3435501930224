"""requirements.txt is the exact lock of what pyproject.toml declares (issue 13, item 3).

A dependency added to pyproject.toml without regenerating the lock
(`.venv/bin/python tools/lock_requirements.py`) fails here, and so does a pin that no longer
satisfies its declaration.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lists = [project["dependencies"], *project["optional-dependencies"].values()]
    return [
        Requirement(line)
        for group in lists
        for line in group
        if canonicalize_name(Requirement(line).name) != canonicalize_name(project["name"])
    ]


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_every_declared_dependency_is_pinned_within_its_range():
    pins = _pins()
    problems = []
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement} is declared but not in the lock")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{requirement} is declared but the lock pins {pins[name]}")
    assert not problems, "regenerate with tools/lock_requirements.py:\n" + "\n".join(problems)


def test_the_lock_installs_the_project_with_every_extra():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert lines[-1] == f"-e .[{','.join(extras)}]"
    assert all("==" in line for line in lines[:-1] if line and not line.startswith("#"))
