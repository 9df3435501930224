"""Serve MathJax 3 from the book itself, so math renders with no network.

MathJax comes from the PyPI package ``sphinx-mathjax-offline`` (pinned in requirements.txt),
installed by the normal set-up. That package would copy all 24 MB of MathJax into every
build; this extension copies only what the pages load: the TeX-to-CHTML bundle and its
woff-v2 fonts (about 1.6 MB, shared by every page and cached by the browser).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sphinx.util.fileutil import copy_asset

MATHJAX_PATH = "mathjax/tex-chtml.js"
NEEDED = ["tex-chtml.js", "output/chtml/fonts/woff-v2"]


def _mathjax_source() -> Path:
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        raise RuntimeError("sphinx-mathjax-offline is not installed: run `make setup`")
    return Path(spec.origin).parent / "static" / "mathjax"


def _copy(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    source = _mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for relative in NEEDED:
        src = source / relative
        dest = target / relative
        if src.is_dir():
            copy_asset(str(src), str(dest))
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())


def setup(app):
    _mathjax_source()  # fail early, with a clear message, if the package is missing
    app.config.mathjax_path = MATHJAX_PATH
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
