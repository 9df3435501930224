"""Check that routing a lib.figures module's words through lib.i18n.t left its English
figures pixel for pixel as they were.

Usage: python tools/i18n_same_figures.py lib/figures/algorithms.py [...]

Each public function's doctest is run twice, once with the module as committed (git HEAD)
and once as it is in the working tree; the ``fig`` each docstring makes is rendered to PNG
and the pixels compared. Exit 1 if any figure differs. (Strict nbval with the figure
comparison is the full check; this one takes seconds and needs no notebook.)
"""

from __future__ import annotations

import doctest
import io
import subprocess
import sys
import types

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402


def _load(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = name
    exec(compile(source, name, "exec"), module.__dict__)
    return module


def figures(module: types.ModuleType) -> dict[str, np.ndarray]:
    """{function name: pixels of the figure its doctest makes}."""
    found = {}
    for name, obj in sorted(vars(module).items()):
        if getattr(obj, "__module__", None) != module.__name__ or not getattr(obj, "__doc__", ""):
            continue
        namespace = dict(vars(module))
        for example in doctest.DocTestParser().get_examples(obj.__doc__):
            if "plt.close" not in example.source:
                exec(example.source, namespace)
        fig = namespace.get("fig")
        if fig is None:
            continue
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        plt.close("all")
        found[name] = np.asarray(Image.open(buffer))
    return found


def main(paths: list[str]) -> int:
    failed = 0
    for path in paths:
        old = subprocess.run(
            ["git", "show", f"HEAD:{path}"], capture_output=True, text=True, check=True
        ).stdout
        name = path.removesuffix(".py").replace("/", ".")
        before = figures(_load(name, old))
        after = figures(_load(name, open(path, encoding="utf8").read()))
        for function, pixels in before.items():
            same = function in after and np.array_equal(pixels, after[function])
            failed += not same
            print(f"{path} {function}: {'same' if same else 'DIFFERENT'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
