"""The book's pages in reading order, read from `_toc.yml` by the toc library Jupyter Book uses.

One reader for the tests, the browser tests and `make bench`, so they cannot disagree with the
build about which pages exist.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_external_toc.parsing import parse_toc_yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_docnames(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document named in ``toc_path`` (root first, then depth first, in toc order)."""
    site = parse_toc_yaml(str(toc_path))
    names: list[str] = []

    def walk(docname: str) -> None:
        names.append(docname)
        for subtree in site[docname].subtrees:
            for item in subtree.items:
                if isinstance(item, str):  # a document, not a URL or glob
                    walk(item)

    walk(site.root.docname)
    return names
